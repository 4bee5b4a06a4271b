package dev.conduit.control;

import java.io.IOException;
import java.util.Optional;

/** A {@link WorkerChannel} over an accepted control socket. */
final class SocketWorkerChannel implements WorkerChannel {

    private final LineChannel channel;

    SocketWorkerChannel(LineChannel channel) {
        this.channel = channel;
    }

    @Override
    public boolean send(ControlMessage message) {
        try {
            channel.send(message);
            return true;
        } catch (IOException e) {
            channel.close();
            return false;
        }
    }

    Optional<ControlMessage> receive() throws IOException {
        return channel.receive();
    }

    @Override
    public void close() {
        channel.close();
    }
}
