package dev.conduit.server;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import dev.conduit.testing.MockUpstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real worker on an ephemeral loopback port in front of a recording mock upstream, configured
 * through a real config file, as a user would run it.
 */
final class RunningGateway implements AutoCloseable {

    static final String UPSTREAM_KEY = "sk-mock-canary-0123456789abcdef";

    final MockUpstream upstream;
    final Worker worker;
    private final Path directory;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningGateway(MockUpstream upstream, Worker worker, Path directory) {
        this.upstream = upstream;
        this.worker = worker;
        this.directory = directory;
    }

    /** @param extraConfig more top-level JSON5 members, with a trailing comma, or "" */
    static RunningGateway start(String extraConfig) throws Exception {
        MockUpstream upstream = new MockUpstream();
        Path directory = Files.createTempDirectory("conduit-test");
        Path config = directory.resolve("config.json");
        Files.writeString(config, """
                {
                  %s
                  Providers: [{
                    name: 'mock',
                    api_base_url: '%s',
                    api_key: '%s',
                    models: ['mock-model', 'Other-Model'],
                  }],
                  Router: {default: 'mock,mock-model'},
                }""".formatted(extraConfig, upstream.chatCompletionsUrl(), UPSTREAM_KEY));
        Worker worker = Worker.start(WorkerOptions.parse("--config", config.toString(), "--port", "0"));
        return new RunningGateway(upstream, worker, directory);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + worker.port();
    }

    AnthropicClient anthropic() {
        return AnthropicOkHttpClient.builder()
                .baseUrl(baseUrl())
                .apiKey("unused-by-conduit")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return post(path, "application/json", body);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        worker.stop();
        upstream.close();
        http.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
