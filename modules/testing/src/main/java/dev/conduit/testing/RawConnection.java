package dev.conduit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A client on a plain socket, for what HTTP libraries hide: leaving mid-answer, reusing a connection. */
public final class RawConnection implements AutoCloseable {

    private final Socket socket = new Socket();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    public RawConnection(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(20_000);
    }

    public void post(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
    }

    public void get(String path) throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Sends bytes as they are: a request head, part of a body, anything a hostile client might. */
    public void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads until what was received contains {@code text}; fails at end of stream or after the deadline. */
    public String readUntil(String text, Duration deadline) throws IOException {
        socket.setSoTimeout((int) deadline.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (!received.toString(StandardCharsets.UTF_8).contains(text)) {
            int read = in.read(buffer);
            if (read < 0) {
                throw new IOException("the connection ended before \"" + text + "\"; received:\n" + received());
            }
            received.write(buffer, 0, read);
        }
        return received();
    }

    /** Reads until the server closes the connection. */
    public String readToEnd(Duration deadline) throws IOException {
        socket.setSoTimeout((int) deadline.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            received.write(buffer, 0, read);
        }
        return received();
    }

    /** Forgets what was received, for the next exchange on this connection. */
    public void clear() {
        received.reset();
    }

    public String received() {
        return received.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
