package dev.conduit.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
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
    private final ServerConnector connector;
    private final ConcurrentLinkedQueue<MockReply> replies = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
    private final BlockingQueue<RecordedRequest> arrivals = new LinkedBlockingQueue<>();

    public MockUpstream() {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
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
    }

    /** The chat completions endpoint, as a provider's {@code api_base_url}. */
    public URI chatCompletionsUrl() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/v1/chat/completions");
    }

    public MockUpstream enqueue(MockReply reply) {
        replies.add(reply);
        return this;
    }

    public List<RecordedRequest> received() {
        return List.copyOf(received);
    }

    /** Waits for the next request to arrive, failing after the deadline. */
    public RecordedRequest takeRequest(long timeout, TimeUnit unit) throws InterruptedException {
        RecordedRequest request = arrivals.poll(timeout, unit);
        if (request == null) {
            throw new AssertionError("the mock upstream received no request within " + timeout + " " + unit);
        }
        return request;
    }

    private void serve(Request request, Response response, Callback callback) throws IOException {
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

        MockReply reply = replies.poll();
        if (reply == null) {
            reply = MockReply.json(200, OpenAiChunks.completion("Hello from the mock upstream.", "stop", 10, 7));
        }
        switch (reply) {
            case MockReply.Whole whole -> {
                response.setStatus(whole.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, whole.contentType());
                whole.headers().forEach(response.getHeaders()::put);
                response.write(true, ByteBuffer.wrap(whole.body().getBytes(StandardCharsets.UTF_8)), callback);
            }
            case MockReply.Stream stream -> stream(stream, response, callback);
        }
    }

    private static void stream(MockReply.Stream stream, Response response, Callback callback) throws IOException {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        for (String write : stream.writes()) {
            if (!stream.pause().isZero()) {
                try {
                    Thread.sleep(stream.pause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    callback.failed(e);
                    return;
                }
            }
            try (Blocker.Callback written = Blocker.callback()) {
                response.write(false, ByteBuffer.wrap(write.getBytes(StandardCharsets.UTF_8)), written);
                written.block();
            }
        }
        if (stream.cut()) {
            // failing a committed response makes Jetty drop the connection mid-body
            callback.failed(new IOException("mock upstream cut the stream"));
        } else {
            callback.succeeded();
        }
    }

    /** Forgets every request received and every reply not yet used. */
    public void reset() {
        replies.clear();
        received.clear();
        arrivals.clear();
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
