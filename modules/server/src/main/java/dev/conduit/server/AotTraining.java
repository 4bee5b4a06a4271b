package dev.conduit.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The workload the image build runs once with {@code -XX:AOTCacheOutput}: a worker on loopback in
 * front of a local stand-in provider, serving whole and streamed requests, token counts, health
 * checks and errors, so the AOT cache holds the classes and profiles a real worker needs from its
 * first request. Nothing leaves the machine.
 */
public final class AotTraining {

    private static final int ROUNDS = 200;

    private static final String REQUEST = """
            {"model":"claude-sonnet-4-5","max_tokens":1024,%s
             "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=0"},
                       {"type":"text","text":"You are a helpful coding agent.","cache_control":{"type":"ephemeral"}}],
             "metadata":{"user_id":"training"},
             "tools":[{"name":"Read","description":"Reads a file","input_schema":{"type":"object",
                       "properties":{"file_path":{"type":"string"}},"required":["file_path"]}}],
             "messages":[{"role":"user","content":[{"type":"text","text":"Read the README"}]},
                         {"role":"system","content":"# Environment"},
                         {"role":"assistant","content":[{"type":"tool_use","id":"call_1","name":"Read",
                           "input":{"file_path":"README.md"}}]},
                         {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1",
                           "content":"Conduit is a gateway."},{"type":"text","text":"Summarize it."}]}]}""";

    private static final String COMPLETION = """
            {"id":"chatcmpl-1","object":"chat.completion","model":"training-model","choices":[{"index":0,
             "message":{"role":"assistant","content":"It is a gateway.","tool_calls":[{"id":"call_2",
             "type":"function","function":{"name":"Read","arguments":"{\\"file_path\\":\\"a\\"}"}}]},
             "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":50,"completion_tokens":9,
             "prompt_tokens_details":{"cached_tokens":10}}}""";

    private static final String STREAM = String.join("", new String[] {
        "data: {\"id\":\"c\",\"model\":\"training-model\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"reasoning_content\":\"Thinking\"}}]}\n\n",
        "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"It is \"}}]}\n\n",
        "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a gateway.\"}}]}\n\n",
        "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_3\",\"type\":\"function\",\"function\":{\"name\":\"Read\",\"arguments\":\"\"}}]}}]}\n\n",
        "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"file_path\\\":\"}}]}}]}\n\n",
        "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"b\\\"}\"}}]}}]}\n\n",
        "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n",
        "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":12}}\n\n",
        "data: [DONE]\n\n"});

    private AotTraining() {}

    /** Runs the workload; returns 0 when every request got the answer it should. */
    public static int run() throws Exception {
        Path home = Files.createTempDirectory("conduit-aot");
        Server upstream = standInProvider();
        HttpClient client = new HttpClient();
        Worker worker = null;
        try {
            upstream.start();
            int upstreamPort = ((ServerConnector) upstream.getConnectors()[0]).getLocalPort();
            Path config = home.resolve("config.json");
            Files.writeString(config, """
                    {Providers: [{name: 'training', api_base_url: 'http://127.0.0.1:%d/v1/chat/completions',
                                  api_key: 'training-key', models: ['training-model']}],
                     Router: {default: 'training,training-model'}}""".formatted(upstreamPort));
            worker = Worker.start(WorkerOptions.parse("--config", config.toString(), "--host", "127.0.0.1", "--port", "0"));
            client.start();
            String base = "http://127.0.0.1:" + worker.port();
            for (int i = 0; i < ROUNDS; i++) {
                expect(post(client, base + "/v1/messages", REQUEST.formatted("")), 200);
                expect(post(client, base + "/v1/messages?beta=true", REQUEST.formatted("\"stream\":true,")), 200);
                expect(post(client, base + "/v1/messages/count_tokens", REQUEST.formatted("")), 200);
                expect(post(client, base + "/v1/messages", "{\"model\":\"x\"}"), 400);
                expect(client.GET(base + "/health"), 200);
            }
            return 0;
        } finally {
            if (worker != null) {
                worker.stop();
            }
            client.stop();
            upstream.stop();
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static ContentResponse post(HttpClient client, String url, String body) throws Exception {
        return client.newRequest(url)
                .method(HttpMethod.POST)
                .body(new StringRequestContent("application/json", body))
                .timeout(10, TimeUnit.SECONDS)
                .send();
    }

    private static void expect(ContentResponse response, int status) throws IOException {
        if (response.getStatus() != status) {
            throw new IOException("training request answered " + response.getStatus() + ", expected " + status);
        }
    }

    private static Server standInProvider() {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract(Handler.Abstract.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                boolean stream = body.contains("\"stream\":true");
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, stream ? "text/event-stream" : "application/json");
                response.write(true, ByteBuffer.wrap((stream ? STREAM : COMPLETION).getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        return server;
    }
}
