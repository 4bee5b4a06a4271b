package dev.conduit.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's end of the control channel: listens on a Unix-domain socket and hands every
 * message of every connected worker to a {@link Listener}, on one reader thread per connection.
 * The socket file is created by whoever holds the supervisor's lock, so a file left by a killed
 * supervisor is replaced.
 */
public final class ControlServer implements AutoCloseable {

    /** Receives the workers' messages; called on the connection's reader thread. */
    public interface Listener {

        void received(WorkerChannel channel, ControlMessage message);

        /** The connection ended: the worker exited, or closed it. */
        void closed(WorkerChannel channel);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);

    private final Path socket;
    private final ServerSocketChannel server;
    private final Listener listener;
    private final Set<SocketWorkerChannel> open = ConcurrentHashMap.newKeySet();

    private ControlServer(Path socket, ServerSocketChannel server, Listener listener) {
        this.socket = socket;
        this.server = server;
        this.listener = listener;
    }

    /** Listens on {@code socket}, replacing a stale socket file, and starts accepting workers. */
    public static ControlServer open(Path socket, Listener listener) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on the control socket " + socket + ": " + e.getMessage(), e);
        }
        ControlServer control = new ControlServer(socket, server, listener);
        Thread.ofPlatform().daemon().name("control-accept").start(control::acceptLoop);
        return control;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel accepted = server.accept();
                SocketWorkerChannel channel = new SocketWorkerChannel(new LineChannel(accepted));
                open.add(channel);
                Thread.ofVirtual().name("control-worker").start(() -> read(channel));
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("accepting a worker's control connection failed: {}", e.getMessage());
            }
        }
    }

    private void read(SocketWorkerChannel channel) {
        try {
            for (Optional<ControlMessage> message = channel.receive(); message.isPresent(); message = channel.receive()) {
                listener.received(channel, message.get());
            }
        } catch (IOException gone) {
            // the worker went away; closed() below says so
        } finally {
            channel.close();
            open.remove(channel);
            listener.closed(channel);
        }
    }

    public Path socket() {
        return socket;
    }

    /** Stops listening and closes every worker's connection; the workers serve on and reconnect. */
    @Override
    public void close() {
        open.forEach(SocketWorkerChannel::close);
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.debug("closing the control socket: {}", e.getMessage());
        }
    }
}
