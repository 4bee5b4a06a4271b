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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real worker on an ephemeral loopback port in front of a recording mock upstream, configured
 * through a real config file, as a user would run it. As a JUnit extension it starts before a
 * test class, forgets the upstream's requests and replies before each test, and stops after.
 */
public final class RunningGateway implements AutoCloseable, BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    public static final String UPSTREAM_KEY = "sk-mock-canary-0123456789abcdef";

    private final String extraConfig;
    private final String extraProviders;
    private final String router;
    private final HttpClient http = HttpClient.newHttpClient();
    MockUpstream upstream;
    Worker worker;
    private Path directory;
    private Duration quietPeriod = ConfigFileWatcher.QUIET_PERIOD;
    private AnthropicClient anthropic;

    /** @param extraConfig more top-level JSON5 members, with a trailing comma, or "" ({@code {origin}} as below) */
    RunningGateway(String extraConfig) {
        this(extraConfig, "");
    }

    /**
     * @param extraProviders more entries of {@code Providers}, each followed by a comma;
     *     {@code {upstream}} stands for the mock upstream's URL, {@code {origin}} for its
     *     {@code http://127.0.0.1:<port>}
     */
    public RunningGateway(String extraConfig, String extraProviders) {
        this(extraConfig, extraProviders, "{default: 'mock,mock-model'}");
    }

    /** @param router the {@code Router} section */
    public RunningGateway(String extraConfig, String extraProviders, String router) {
        this.extraConfig = extraConfig;
        this.extraProviders = extraProviders;
        this.router = router;
    }

    /** A gateway started at once, for tests that need one of their own. */
    static RunningGateway start(String extraConfig) throws Exception {
        RunningGateway gateway = new RunningGateway(extraConfig);
        gateway.startNow();
        return gateway;
    }

    /** A gateway with more providers, started at once (for runners other than JUnit Jupiter). */
    public static RunningGateway start(String extraConfig, String extraProviders) throws Exception {
        return start(extraConfig, extraProviders, "{default: 'mock,mock-model'}");
    }

    /** A gateway with more providers and its own {@code Router}, started at once. */
    public static RunningGateway start(String extraConfig, String extraProviders, String router) throws Exception {
        RunningGateway gateway = new RunningGateway(extraConfig, extraProviders, router);
        gateway.startNow();
        return gateway;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        startNow();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        upstream.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    /** Starts the mock upstream and the worker, for a gateway not registered as an extension. */
    RunningGateway startNow() throws Exception {
        upstream = new MockUpstream();
        directory = Files.createTempDirectory("conduit-test");
        writeConfig(extraConfig, router);
        try {
            worker = Worker.start(WorkerOptions.parse("--config", configFile().toString(), "--port", "0"),
                    new WorkerEnvironment(System.getenv(), Files.createDirectories(home())), quietPeriod);
        } catch (Exception refused) {
            upstream.close();
            deleteDirectory();
            throw refused;
        }
        return this;
    }

    /**
     * How long the config file must stay unchanged before the worker reloads it; shorter than the
     * worker's own, tests of many reloads stay short.
     */
    RunningGateway quietPeriod(Duration quietPeriod) {
        this.quietPeriod = quietPeriod;
        return this;
    }

    /**
     * Writes the config file again with the same providers and other top-level members and
     * {@code router}; a running worker's watcher reloads it.
     */
    void writeConfig(String router) throws IOException {
        writeConfig(extraConfig, router);
    }

    /** Writes the config file with these top-level members and {@code Router}, the same providers. */
    void writeConfig(String extraConfig, String router) throws IOException {
        Files.writeString(configFile(), configText(extraConfig, router));
    }

    /** The config text with these top-level members and {@code Router}, the same providers. */
    String configText(String extraConfig, String router) {
        return """
                {
                  %s
                  Providers: [{
                    name: 'mock',
                    api_base_url: '%s',
                    api_key: '%s',
                    models: ['mock-model', 'Other-Model'],
                  }, %s],
                  Router: %s,
                }""".formatted(placeholders(extraConfig), upstream.chatCompletionsUrl(), UPSTREAM_KEY,
                placeholders(extraProviders), router);
    }

    /** The user's home folder the worker reads claude-code-router's project files from: this gateway's own. */
    Path home() {
        return directory.resolve("home");
    }

    /** The config file the worker was started with, and watches. */
    public Path configFile() {
        return directory.resolve("config.json");
    }

    /** {@code {upstream}} and {@code {origin}} replaced by the mock upstream's URL and origin. */
    private String placeholders(String config) {
        return config.replace("{upstream}", upstream.chatCompletionsUrl().toString()).replace("{origin}", upstream.origin());
    }

    public MockUpstream upstream() {
        return upstream;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + worker.port();
    }

    /** The official SDK pointed at this gateway, without retries so failures show as they are. */
    AnthropicClient anthropic() {
        if (anthropic == null) {
            anthropic = AnthropicOkHttpClient.builder()
                    .baseUrl(baseUrl())
                    .apiKey("unused-by-conduit")
                    .maxRetries(0)
                    .timeout(Duration.ofSeconds(20))
                    .build();
        }
        return anthropic;
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
        if (anthropic != null) {
            anthropic.close();
        }
        worker.stop();
        upstream.close();
        http.close();
        deleteDirectory();
    }

    private void deleteDirectory() throws IOException {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
