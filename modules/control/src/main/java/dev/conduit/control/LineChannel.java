package dev.conduit.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** One end of a control connection: messages out, one per line, and messages in, in order. */
final class LineChannel implements AutoCloseable {

    private final SocketChannel channel;
    private final BufferedReader reader;

    LineChannel(SocketChannel channel) {
        this.channel = channel;
        this.reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    }

    synchronized void send(ControlMessage message) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((ControlLines.encode(message) + "\n").getBytes(StandardCharsets.UTF_8));
        while (line.hasRemaining()) {
            channel.write(line);
        }
    }

    /**
     * The next message this side understands; lines it does not are skipped. Empty once the other
     * side has closed the connection.
     */
    Optional<ControlMessage> receive() throws IOException {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            Optional<ControlMessage> message = ControlLines.decode(line);
            if (message.isPresent()) {
                return message;
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a broken connection: nothing more to do
        }
    }
}
