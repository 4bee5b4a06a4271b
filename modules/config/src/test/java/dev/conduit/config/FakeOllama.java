package dev.conduit.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Answers every HTTP request on a loopback port with one JSON body, as {@code /api/tags} would. */
final class FakeOllama implements AutoCloseable {

    private final ServerSocket socket;

    FakeOllama(String tagsJson) throws IOException {
        socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> serve(tagsJson.getBytes(StandardCharsets.UTF_8)));
    }

    String hostPort() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void serve(byte[] body) {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                BufferedReader request = new BufferedReader(
                        new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                String line = request.readLine();
                while (line != null && !line.isEmpty()) {
                    line = request.readLine();
                }
                OutputStream response = client.getOutputStream();
                response.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                response.write(body);
                response.flush();
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
