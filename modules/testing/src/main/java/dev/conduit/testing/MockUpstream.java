package dev.conduit.testing;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.QuietException;
import org.eclipse.jetty.io.SelectableChannelEndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on 127.0.0.1 that plays an LLM provider: it records every request it
 * receives and answers from a queue of scripted replies (a plain completion when the queue is
 * empty).
 */
public final class MockUpstream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Server server;
    private volatile ServerConnector connector;
    private final int port;
    private final ConcurrentLinkedQueue<MockReply> replies = new ConcurrentLinkedQueue<>();
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
    private final BlockingQueue<RecordedRequest> arrivals = new LinkedBlockingQueue<>();
    private final BlockingQueue<Long> cancellations = new LinkedBlockingQueue<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> connections = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<Long>> cancellationsByUser = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<RecordedRequest>> arrivalsByUser = new ConcurrentHashMap<>();
    private volatile Function<RecordedRequest, MockReply> fallback = request ->
            MockReply.json(200, OpenAiChunks.completion("Hello from the mock upstream.", "stop", 10, 7));

    public MockUpstream() {
        QueuedThreadPool threads = new QueuedThreadPool();
        // a held or streaming reply blocks its thread: hundreds at once must not queue behind 200 threads
        threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("mock-upstream"));
        server = new Server(threads);
        connector = listener();
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract(Handler.Abstract.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                serve(request, response, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("mock upstream did not start", e);
        }
        port = connector.getLocalPort();
    }

    /** A connector on 127.0.0.1 whose backlog takes a burst of hundreds of connections (Java's default is 50). */
    private ServerConnector listener() {
        ServerConnector listener = new ServerConnector(server);
        listener.setHost("127.0.0.1");
        listener.setAcceptQueueSize(4096);
        return listener;
    }

    /** The chat completions endpoint, as a provider's {@code api_base_url}. */
    public URI chatCompletionsUrl() {
        return URI.create("http://127.0.0.1:" + port + "/v1/chat/completions");
    }

    /** {@code http://127.0.0.1:<port>}, for providers whose URL is built from a prefix (Gemini's models prefix). */
    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    public MockUpstream enqueue(MockReply reply) {
        replies.add(reply);
        return this;
    }

    /** The next {@code times} requests get {@code reply} (before any queued reply), whatever they ask. */
    public MockUpstream failNext(int times, MockReply reply) {
        commands.add(new Command(request -> true, new AtomicInteger(times), reply));
        return this;
    }

    /** The next {@code times} requests for {@code model} get {@code reply}; others are answered as usual. */
    public MockUpstream failNext(String model, int times, MockReply reply) {
        commands.add(new Command(request -> model.equals(modelOf(request)), new AtomicInteger(times), reply));
        return this;
    }

    /** A reply for the requests {@code applies} to, {@code left} more times. */
    private record Command(Predicate<RecordedRequest> applies, AtomicInteger left, MockReply reply) {

        boolean take(RecordedRequest request) {
            return applies.test(request) && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        }
    }

    private static String modelOf(RecordedRequest request) {
        JsonNode model = request.body() == null ? null : request.body().get("model");
        return model != null && model.isString() ? model.stringValue() : null;
    }

    /**
     * Stops listening, so connections to the port are refused, until {@link #acceptConnections()}.
     * Returns once a connection attempt is refused: the listening socket can outlive the
     * connector's stop by a moment (a connect right after it succeeded in 3 to 8% of 1,000
     * rounds here), and a request sent on a connection made then is never read nor answered —
     * the gateway's request hung until its client gave up.
     */
    public void refuseConnections() {
        try {
            connector.stop();
            server.removeConnector(connector);
        } catch (Exception e) {
            throw new IllegalStateException("mock upstream did not stop listening", e);
        }
        awaitRefused(Duration.ofSeconds(5));
    }

    private void awaitRefused(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket stillAccepted = new Socket("127.0.0.1", port)) {
                stillAccepted.setSoLinger(true, 0);
            } catch (IOException refused) {
                return;
            }
        }
        throw new IllegalStateException("port " + port + " still accepts connections " + within.toSeconds()
                + " s after the mock upstream stopped listening");
    }

    /** Listens again on the same port. */
    public void acceptConnections() {
        ServerConnector again = listener();
        again.setPort(port);
        server.addConnector(again);
        try {
            again.start();
        } catch (Exception e) {
            throw new IllegalStateException("mock upstream could not listen on port " + port + " again", e);
        }
        connector = again;
    }

    /** How to answer when no reply is queued: for many concurrent requests that need different answers. */
    public void answerWith(Function<RecordedRequest, MockReply> replies) {
        this.fallback = replies;
    }

    /** How many connections requests have come on so far: one per request means none was reused. */
    public int connectionsUsed() {
        return connections.size();
    }

    public List<RecordedRequest> received() {
        return List.copyOf(received);
    }

    /**
     * The oldest request not taken yet, waiting for one to arrive until the deadline. Arrivals
     * are only forgotten by {@link #reset()}: a test that sent requests it never took gets one of
     * those at once, so it should wait for its own with {@link #awaitRequestFrom}.
     */
    public RecordedRequest takeRequest(long timeout, TimeUnit unit) throws InterruptedException {
        RecordedRequest request = arrivals.poll(timeout, unit);
        if (request == null) {
            throw new AssertionError("the mock upstream received no request within " + timeout + " " + unit);
        }
        return request;
    }

    private void serve(Request request, Response response, Callback callback) throws IOException {
        connections.add(request.getConnectionMetaData().getId());
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        Map<String, String> headers = new java.util.TreeMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.put(field.getName().toLowerCase(Locale.ROOT), field.getValue());
        }
        JsonNode json = body.isEmpty() ? null : JSON.readTree(body);
        String path = request.getHttpURI().getPathQuery();
        RecordedRequest recorded = new RecordedRequest(request.getMethod(), path, headers, json);
        received.add(recorded);
        arrivals.add(recorded);
        String user = user(json);
        if (user != null) {
            arrivalsByUser.computeIfAbsent(user, key -> new CompletableFuture<>()).complete(recorded);
        }

        MockReply reply = commands.stream().filter(command -> command.take(recorded)).findFirst()
                .map(Command::reply).orElseGet(replies::poll);
        if (reply == null) {
            reply = fallback.apply(recorded);
        }
        answer(reply, request, response, callback, user);
    }

    private void answer(MockReply reply, Request request, Response response, Callback callback, String user)
            throws IOException {
        switch (reply) {
            case MockReply.Whole whole -> {
                response.setStatus(whole.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, whole.contentType());
                whole.headers().forEach(response.getHeaders()::put);
                response.write(true, ByteBuffer.wrap(whole.body().getBytes(StandardCharsets.UTF_8)), callback);
            }
            case MockReply.Stream stream -> stream(stream, response, callback);
            case MockReply.ByteStream stream -> byteStream(stream, response, callback);
            case MockReply.WholeInHalves halves -> wholeInHalves(halves, response, callback);
            case MockReply.Hang hang -> hang(hang, request, response, callback, user);
            case MockReply.Reset reset -> {
                request.getConnectionMetaData().getConnection().getEndPoint().close();
                callback.failed(new QuietException.Exception("mock upstream dropped the connection"));
            }
            case MockReply.Delayed delayed -> {
                try {
                    Thread.sleep(delayed.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(delayed.reply(), request, response, callback, user);
            }
        }
    }

    /**
     * Holds the request until its client goes away, then records when it noticed. A response that
     * has begun is kept alive with SSE comments, and a failed write is the sign; before the
     * response head nothing may be written, so the socket itself is polled (Jetty does not read an
     * HTTP/1.1 connection while its request is being handled).
     */
    private void hang(MockReply.Hang hang, Request request, Response response, Callback callback, String user) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            if (hang.writes().isEmpty()) {
                awaitClose(request, deadline);
            } else {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
                for (String write : hang.writes()) {
                    write(response, write);
                }
                while (System.nanoTime() < deadline) {
                    Thread.sleep(20);
                    write(response, ": still thinking\n\n");
                }
                callback.failed(new QuietException.Exception("the caller never went away"));
                return;
            }
        } catch (IOException | InterruptedException gone) {
            // the caller went away
        }
        long now = System.nanoTime();
        cancellations.add(now);
        if (user != null) {
            cancellationsByUser.computeIfAbsent(user, key -> new CompletableFuture<>()).complete(now);
        }
        callback.failed(new QuietException.Exception("the caller went away"));
    }

    private static void write(Response response, String text) throws IOException {
        try (Blocker.Callback written = Blocker.callback()) {
            response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), written);
            written.block();
        }
    }

    /** Returns once the peer closed the connection; throws InterruptedException at the deadline. */
    private void awaitClose(Request request, long deadline) throws InterruptedException {
        SocketChannel channel = (SocketChannel) ((SelectableChannelEndPoint) request.getConnectionMetaData()
                .getConnection().getEndPoint()).getChannel();
        ByteBuffer probe = ByteBuffer.allocate(1);
        while (System.nanoTime() < deadline) {
            probe.clear();
            try {
                int read = channel.read(probe);
                if (read > 0) {
                    violations.add("bytes arrived on a connection while its request was held");
                }
                if (read < 0) {
                    return;
                }
            } catch (IOException reset) {
                return;
            }
            Thread.sleep(10);
        }
        throw new InterruptedException("the caller never went away");
    }

    /** The OpenAI {@code user} of a request body (Conduit fills it from {@code metadata.user_id}). */
    private static String user(JsonNode body) {
        JsonNode user = body == null ? null : body.get("user");
        return user != null && user.isString() ? user.stringValue() : null;
    }

    /** Waits for the request whose {@code user} is {@code user}. */
    public RecordedRequest awaitRequestFrom(String user, long timeout, TimeUnit unit) throws Exception {
        try {
            return arrivalsByUser.computeIfAbsent(user, key -> new CompletableFuture<>()).get(timeout, unit);
        } catch (TimeoutException e) {
            throw new AssertionError("no request from user " + user + " arrived within " + timeout + " " + unit);
        }
    }

    /** Waits until the held request of {@code user} was cancelled; returns when the mock noticed. */
    public long awaitCancellationOf(String user, long timeout, TimeUnit unit) throws Exception {
        try {
            return cancellationsByUser.computeIfAbsent(user, key -> new CompletableFuture<>()).get(timeout, unit);
        } catch (TimeoutException e) {
            throw new AssertionError("the request of user " + user + " was not cancelled within " + timeout + " " + unit);
        }
    }

    /**
     * Waits until a held request's caller went away and returns {@link System#nanoTime()} of the
     * moment the mock noticed (within about 10 ms).
     */
    public long awaitCancellation(long timeout, TimeUnit unit) throws InterruptedException {
        Long at = cancellations.poll(timeout, unit);
        if (at == null) {
            throw new AssertionError("no held request was cancelled within " + timeout + " " + unit);
        }
        return at;
    }

    private static void stream(MockReply.Stream stream, Response response, Callback callback) throws IOException {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        for (int i = 0; i < stream.writes().size(); i++) {
            if (i > 0 && !stream.pause().isZero() && !paused(stream.pause(), callback)) {
                return;
            }
            write(response, stream.writes().get(i));
        }
        if (stream.cut()) {
            // failing a committed response makes Jetty drop the connection mid-body
            callback.failed(new QuietException.Exception("mock upstream cut the stream"));
        } else {
            callback.succeeded();
        }
    }

    private static void byteStream(MockReply.ByteStream stream, Response response, Callback callback) throws IOException {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        for (byte[] bytes : stream.writes()) {
            try (Blocker.Callback written = Blocker.callback()) {
                response.write(false, ByteBuffer.wrap(bytes), written);
                written.block();
            }
        }
        if (stream.cut()) {
            callback.failed(new QuietException.Exception("mock upstream cut the stream"));
        } else {
            callback.succeeded();
        }
    }

    private static void wholeInHalves(MockReply.WholeInHalves halves, Response response, Callback callback)
            throws IOException {
        byte[] body = halves.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        int half = body.length / 2;
        try (Blocker.Callback written = Blocker.callback()) {
            response.write(false, ByteBuffer.wrap(body, 0, half), written);
            written.block();
        }
        if (halves.cut()) {
            callback.failed(new QuietException.Exception("mock upstream cut the answer"));
            return;
        }
        if (paused(halves.pause(), callback)) {
            response.write(true, ByteBuffer.wrap(body, half, body.length - half), callback);
        }
    }

    /** Sleeps between two writes; false, with the response failed, if the mock is being stopped. */
    private static boolean paused(Duration pause, Callback callback) {
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
            return false;
        }
    }

    /** Forgets every request received and every reply not yet used. */
    public void reset() {
        if (!connector.isRunning()) {
            acceptConnections();
        }
        replies.clear();
        commands.clear();
        received.clear();
        arrivals.clear();
        cancellations.clear();
        cancellationsByUser.clear();
        fallback = request -> MockReply.json(200, OpenAiChunks.completion("Hello from the mock upstream.", "stop", 10, 7));
        arrivalsByUser.clear();
        connections.clear();
    }

    /** What a well-behaved HTTP client never does, seen by this mock (empty, hopefully). */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Replies queued but never asked for. */
    public List<MockReply> unusedReplies() {
        return new ArrayList<>(replies);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
