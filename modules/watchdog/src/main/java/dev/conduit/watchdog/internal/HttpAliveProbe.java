package dev.conduit.watchdog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET /alive} over a plain socket with a connect and read deadline: the supervisor needs no
 * HTTP client library for one status line, and stays small.
 */
public final class HttpAliveProbe implements AliveProbe {

    private final Duration timeout;

    public HttpAliveProbe(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Optional<String> check(String host, int port) {
        int millis = Math.toIntExact(timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /alive HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = readLine(socket.getInputStream());
            if (statusLine.startsWith("HTTP/1.1 200") || statusLine.startsWith("HTTP/1.0 200")) {
                return Optional.empty();
            }
            return Optional.of("/alive answered \"" + statusLine + "\"");
        } catch (SocketTimeoutException e) {
            return Optional.of("/alive did not answer within " + millis + " ms");
        } catch (IOException e) {
            return Optional.of("/alive failed: " + e.getMessage());
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n' && line.length() < 200; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
