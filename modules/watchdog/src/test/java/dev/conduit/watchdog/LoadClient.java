package dev.conduit.watchdog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load as clients make it, on plain sockets so every failure is seen as it is: keep-alive clients
 * (which honour {@code Connection: close}), clients that open a new connection for every request
 * (these meet the listener's accept queue most), and clients that hold streams open. Paced, so the
 * rate stays what the test asks for. Nothing is retried: a request that does not get its 200 is a
 * failure, a stream that does not end with {@code message_stop} is cut.
 */
final class LoadClient implements AutoCloseable {

    private static final String WHOLE = "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAM = "{\"model\":\"m\",\"max_tokens\":64,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final int port;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    final LongAdder sent = new LongAdder();
    final LongAdder succeeded = new LongAdder();
    final LongAdder streamsStarted = new LongAdder();
    final LongAdder streamsCompleted = new LongAdder();
    final AtomicLong connectionsOpened = new AtomicLong();
    final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();

    LoadClient(int port) {
        this.port = port;
    }

    /** {@code keepAlive} and {@code perRequest} clients at {@code ratePerClient} requests/s each, plus {@code streams} streaming clients. */
    LoadClient start(int keepAlive, int perRequest, double ratePerClient, int streams) {
        long pauseNanos = (long) (1e9 / ratePerClient);
        for (int i = 0; i < keepAlive; i++) {
            threads.add(Thread.ofVirtual().start(() -> requests(true, pauseNanos)));
        }
        for (int i = 0; i < perRequest; i++) {
            threads.add(Thread.ofVirtual().start(() -> requests(false, pauseNanos)));
        }
        for (int i = 0; i < streams; i++) {
            threads.add(Thread.ofVirtual().start(this::streams));
        }
        return this;
    }

    private void requests(boolean keepAlive, long pauseNanos) {
        Socket socket = null;
        int sentOnConnection = 0;
        long next = System.nanoTime();
        while (running) {
            sent.increment();
            try {
                if (socket == null) {
                    socket = connect();
                    sentOnConnection = 0;
                }
                Response response = exchange(socket, WHOLE, !keepAlive);
                if (response.status == 200 && response.body.contains("Hello from the mock upstream")) {
                    succeeded.increment();
                } else {
                    fail("HTTP " + response.status, response.head);
                }
                sentOnConnection++;
                if (!keepAlive || response.closes) {
                    socket.close();
                    socket = null;
                }
            } catch (IOException | RuntimeException e) {
                boolean fresh = socket == null || !keepAlive || sentOnConnection == 0;
                fail(kind(e), (keepAlive ? "keep-alive client, " : "per-request client, ")
                        + (fresh ? "new connection: " : "request " + (sentOnConnection + 1) + " on its connection: ") + e);
                socket = closeQuietly(socket);
            }
            next += pauseNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleep(wait);
            } else {
                next = System.nanoTime();
            }
        }
        closeQuietly(socket);
    }

    private void streams() {
        while (running) {
            streamsStarted.increment();
            try (Socket socket = connect()) {
                Response response = exchange(socket, STREAM, true);
                if (response.status == 200 && response.body.contains("event: message_stop")
                        && !response.body.contains("event: error")) {
                    streamsCompleted.increment();
                } else {
                    fail("stream cut", response.status + " " + tail(response.body));
                }
            } catch (IOException | RuntimeException e) {
                fail("stream " + kind(e), e.toString());
            }
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(30_000);
        connectionsOpened.incrementAndGet();
        return socket;
    }

    private record Response(int status, String head, String body, boolean closes) {}

    private static Response exchange(Socket socket, String json, boolean close) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + (close ? "Connection: close\r\n" : "") + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        String lower = head.toLowerCase(Locale.ROOT);
        int status = Integer.parseInt(head.substring(9, 12));
        String text;
        if (lower.contains("transfer-encoding: chunked")) {
            text = readChunked(in);
        } else if (lower.contains("content-length:")) {
            int length = Integer.parseInt(header(lower, "content-length"));
            text = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        } else { // a response to "Connection: close" may end with the connection
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Response(status, head, text, lower.contains("connection: close"));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new EndOfAnswer(head.size() == 0 ? "closed before answering" : "closed inside the response head");
            }
            head.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static String readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine(in);
            int length = Integer.parseInt(size.strip(), 16);
            if (length == 0) {
                readLine(in);
                return body.toString(StandardCharsets.UTF_8);
            }
            byte[] chunk = in.readNBytes(length);
            if (chunk.length < length) {
                throw new EndOfAnswer("closed inside the body");
            }
            body.write(chunk);
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EndOfAnswer("closed inside the body");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static String header(String head, String name) {
        int at = head.indexOf(name + ":");
        return head.substring(at + name.length() + 1, head.indexOf('\r', at)).strip();
    }

    /** The connection ended before the answer did. */
    private static final class EndOfAnswer extends IOException {
        EndOfAnswer(String message) {
            super(message);
        }
    }

    private static String kind(Exception e) {
        return switch (e) {
            case EndOfAnswer end -> end.getMessage();
            case ConnectException refused -> "connection refused";
            case SocketTimeoutException timeout -> "timed out";
            case SocketException reset when String.valueOf(reset.getMessage()).contains("reset") -> "connection reset";
            default -> e.getClass().getSimpleName();
        };
    }

    private void fail(String kind, String example) {
        failures.computeIfAbsent(kind, key -> new LongAdder()).increment();
        if (examples.size() < 20) {
            examples.add(kind + ": " + example);
        }
    }

    long failed() {
        return failures.entrySet().stream().filter(entry -> !entry.getKey().startsWith("stream"))
                .mapToLong(entry -> entry.getValue().sum()).sum();
    }

    long streamsCut() {
        return failures.entrySet().stream().filter(entry -> entry.getKey().startsWith("stream"))
                .mapToLong(entry -> entry.getValue().sum()).sum();
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 200));
    }

    private static Socket closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // already broken
            }
        }
        return null;
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops sending and waits for every client to finish what it began. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(java.time.Duration.ofSeconds(40));
        }
    }
}
