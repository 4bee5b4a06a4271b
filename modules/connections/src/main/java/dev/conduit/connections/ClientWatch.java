package dev.conduit.connections;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SelectableChannelEndPoint;
import org.eclipse.jetty.server.Request;

/**
 * Tells whether the client of an HTTP/1.1 request went away while the request is being served.
 *
 * <p>Jetty does not read from an HTTP/1.1 connection while its request is being handled (the body
 * was read), so it cannot notice the client closing it. This watch does: it polls the socket with
 * a non-blocking read. End of stream or an error means the client is gone. Bytes mean the client
 * pipelined its next request, which no current client does; those bytes are now consumed, so
 * the connection is closed after this response, and the watch stops polling. Failures Jetty
 * itself notices (idle timeouts, HTTP/2 resets) count too.
 */
public final class ClientWatch {

    private final SocketChannel channel;
    private final Connection connection;
    private final ByteBuffer probe = ByteBuffer.allocate(1);
    private volatile boolean gone;
    private volatile boolean pipelined;

    private ClientWatch(Request request) {
        this.connection = request.getConnectionMetaData().getConnection();
        this.channel = connection.getEndPoint() instanceof SelectableChannelEndPoint endPoint
                && endPoint.getChannel() instanceof SocketChannel socket ? socket : null;
        request.addFailureListener(failure -> gone = true);
        Request.addCompletionListener(request, failure -> {
            if (pipelined) {
                connection.close(); // the next request's first bytes were consumed here
            }
        });
    }

    /** Watches {@code request}'s client; call once its body has been read. */
    public static ClientWatch of(Request request) {
        return new ClientWatch(request);
    }

    /**
     * Whether the client went away; cheap enough to call every tick. Synchronized: the request's
     * thread and the upstream call watcher may both ask.
     */
    public synchronized boolean gone() {
        if (gone || channel == null || pipelined) {
            return gone;
        }
        try {
            probe.clear();
            int read = channel.read(probe);
            if (read < 0) {
                gone = true;
            } else if (read > 0) {
                pipelined = true;
            }
        } catch (IOException broken) {
            gone = true;
        }
        return gone;
    }

}
