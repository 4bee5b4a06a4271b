package dev.conduit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports on loopback for a test's servers, or for a test that needs a port nobody listens on. */
public final class LocalPorts {

    private LocalPorts() {}

    /** A loopback port that was free a moment ago: the system picked it, and it is closed again. */
    public static int unused() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
