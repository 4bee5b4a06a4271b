package dev.conduit.benchmarks;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.ByteBufferRequestContent;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The floor under Conduit's CPU per request: a proxy built of the worker's own parts — Jetty's
 * server running each request on a virtual thread, Jetty's HTTP client reading the answer on its
 * selector thread — that sends the client's body to the provider as it came and answers with the
 * provider's bytes. No reading, routing, translation, access log or metrics: {@code scripts/bench}
 * runs it beside Conduit, so its table shows what a request costs the stack itself.
 *
 * <pre>java -cp benchmarks.jar dev.conduit.benchmarks.BareProxy PORT UPSTREAM_URL [--async]</pre>
 *
 * {@code --async} answers from the client's selector thread instead, with no virtual thread: what
 * an asynchronous request path could save (docs/PERFORMANCE.md). Listens on 127.0.0.1 until killed.
 */
public final class BareProxy {

    private static final int MAX_BODY = 1 << 20;

    private BareProxy() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].equals("--async"))) {
            throw new IllegalArgumentException("usage: BareProxy PORT UPSTREAM_URL [--async]");
        }
        int port = Integer.parseInt(args[0]);
        URI upstream = URI.create(args[1]);
        boolean async = args.length == 3;

        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP();
        // as the worker's clients: the answer's listeners run on the selector thread that read it
        transport.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
        HttpClient client = new HttpClient(transport);
        client.setMaxConnectionsPerDestination(4096);
        client.start();

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setVirtualThreadsExecutor(
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("request", 0).factory()));
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(async ? new AsyncForward(client, upstream) : new BlockingForward(client, upstream));
        server.start();
        server.join();
    }

    /** As Conduit: the request's virtual thread reads the body, sends it, waits, and answers. */
    private static final class BlockingForward extends Handler.Abstract {

        private final HttpClient client;
        private final URI upstream;

        BlockingForward(HttpClient client, URI upstream) {
            super(InvocationType.BLOCKING);
            this.client = client;
            this.upstream = upstream;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            ByteBuffer body = Content.Source.asByteBuffer(request);
            ContentResponse answer = client.newRequest(upstream).method(HttpMethod.POST)
                    .body(new ByteBufferRequestContent("application/json", body)).send();
            answer(response, answer.getStatus(), answer.getMediaType(), answer.getContent(), callback);
            return true;
        }
    }

    /** No thread waits: the body's arrival sends the request, the answer's arrival writes it. */
    private static final class AsyncForward extends Handler.Abstract.NonBlocking {

        private final HttpClient client;
        private final URI upstream;

        AsyncForward(HttpClient client, URI upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Content.Source.asByteArrayAsync(request, MAX_BODY, Promise.Invocable.from(InvocationType.NON_BLOCKING,
                    body -> forward(body, response, callback), callback::failed));
            return true;
        }

        private void forward(byte[] body, Response response, Callback callback) {
            client.newRequest(upstream).method(HttpMethod.POST)
                    .body(new BytesRequestContent("application/json", body))
                    .send(new BufferingResponseListener(MAX_BODY) {
                        @Override
                        public void onComplete(Result result) {
                            if (result.isFailed()) {
                                callback.failed(result.getFailure());
                                return;
                            }
                            answer(response, result.getResponse().getStatus(), getMediaType(), getContent(), callback);
                        }
                    });
        }
    }

    private static void answer(Response response, int status, String mediaType, byte[] body, Callback callback) {
        response.setStatus(status);
        if (mediaType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, mediaType);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
