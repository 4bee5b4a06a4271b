package dev.conduit.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.ClaudeCodeFixtures;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.MockUpstream;
import dev.conduit.testing.OpenAiChunks;
import dev.conduit.testing.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built runtime image, started the way a user starts it. */
class ImageIT {

    private static MockUpstream upstream;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path home;

    @BeforeAll
    static void startUpstream() {
        upstream = new MockUpstream();
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        upstream.close();
    }

    private Path config(String text) throws Exception {
        Path file = home.resolve("config.json");
        Files.writeString(file, text);
        return file;
    }

    private Path mockConfig() throws Exception {
        return config("""
                {
                  // a claude-code-router config, as JSON5
                  Providers: [{name: 'mock', api_base_url: '%s', api_key: '$MOCK_KEY', models: ['mock-model']}],
                  Router: {default: 'mock,mock-model'},
                }""".formatted(upstream.chatCompletionsUrl()));
    }

    private static HttpResponse<String> post(int port, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theImageServesAClaudeCodeTurnThroughAnOpenAiCompatibleProvider() throws Exception {
        upstream.reset();
        upstream.enqueue(MockReply.sse(OpenAiChunks.textStream("Hello from the image.", 900, 6)));
        try (ConduitProcess conduit = ConduitProcess.start(home, Map.of("MOCK_KEY", "sk-image-test-key-0123456789"),
                "run", "--config", mockConfig().toString(), "--port", "0")) {
            int port = conduit.awaitListening(Duration.ofSeconds(30));

            HttpResponse<String> response = post(port, "/v1/messages?beta=true",
                    ClaudeCodeFixtures.body(ClaudeCodeFixtures.PRINT).toString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("event: message_start\n")
                    .contains("\"text\":\"Hello \"").contains("\"stop_reason\":\"end_turn\"")
                    .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
            RecordedRequest received = upstream.takeRequest(5, TimeUnit.SECONDS);
            assertThat(received.header("authorization")).isEqualTo("Bearer sk-image-test-key-0123456789");
            assertThat(received.body().get("model").stringValue()).isEqualTo("mock-model");
            conduit.awaitLine("POST /v1/messages 200 route=default provider=mock model=mock-model stream", Duration.ofSeconds(5));
            assertThat(conduit.output()).doesNotContain("sk-image-test-key");
        }
    }

    @Test
    void theBannerSaysWhereItListensAndWhatItServes() throws Exception {
        try (ConduitProcess conduit = ConduitProcess.start(home, Map.of(), "run", "--config", mockConfig().toString(), "--port", "0")) {
            conduit.awaitListening(Duration.ofSeconds(30));
            conduit.awaitLine("use it:", Duration.ofSeconds(5)); // the banner's last line follows the first

            assertThat(conduit.output())
                    .contains("config:    " + home.resolve("config.json") + " (--config)")
                    .contains("providers: mock (1 model)")
                    .contains("routes:    default → mock,mock-model")
                    .contains("auth:      none; listening on loopback only");
        }
    }

    @Test
    void withoutAnyProviderItStartsAndExplainsHowToAddOne() throws Exception {
        try (ConduitProcess conduit = ConduitProcess.start(home, Map.of(), "run", "--port", "0")) {
            int port = conduit.awaitListening(Duration.ofSeconds(30));

            HttpResponse<String> response = post(port, "/v1/messages",
                    "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

            conduit.awaitLine("providers: none. Add one to ~/.conduit/config.json", Duration.ofSeconds(5));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("Conduit has no provider configured");
        }
    }

    @Test
    void anInvalidConfigStopsStartupWithFileLineAndColumn() throws Exception {
        Path file = config("""
                {
                  Providers: [{name: 'a', api_base_url: 'not a url', models: []}],
                }""");
        try (ConduitProcess conduit = ConduitProcess.start(home, Map.of(), "run", "--config", file.toString())) {
            int exit = conduit.waitForExit(Duration.ofSeconds(30));

            assertThat(exit).isEqualTo(1);
            assertThat(conduit.output()).contains(file + ":2:").contains("Providers[0].api_base_url");
            assertThat(conduit.output()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void theCommandAnswersVersionAndRefusesUnknownCommands() throws Exception {
        try (ConduitProcess version = ConduitProcess.start(home, Map.of(), "version");
                ConduitProcess unknown = ConduitProcess.start(home, Map.of(), "frobnicate");
                ConduitProcess badPort = ConduitProcess.start(home, Map.of(), "run", "--port", "http")) {
            assertThat(version.waitForExit(Duration.ofSeconds(30))).isZero();
            assertThat(version.output()).isEqualTo("conduit " + Files.readString(ConduitProcess.IMAGE.resolve("VERSION")).strip());
            assertThat(unknown.waitForExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(unknown.output()).startsWith("conduit: unknown command \"frobnicate\"");
            assertThat(badPort.waitForExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(badPort.output()).contains("--port must be a number, got http");
        }
    }

    @Test
    void sigtermStopsTheWorker() throws Exception {
        ConduitProcess conduit = ConduitProcess.start(home, Map.of(), "run", "--config", mockConfig().toString(), "--port", "0");
        conduit.awaitListening(Duration.ofSeconds(30));

        conduit.terminate();

        assertThat(conduit.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theImageCarriesTheLauncherTheAotCacheAndTheManagementModules() throws Exception {
        assertThat(ConduitProcess.IMAGE.resolve("bin/conduit")).isExecutable();
        assertThat(ConduitProcess.IMAGE.resolve("lib/conduit.aot")).isRegularFile();
        Process modules = new ProcessBuilder(ConduitProcess.IMAGE.resolve("bin/java").toString(), "--list-modules")
                .redirectErrorStream(true).start();
        String list = new String(modules.getInputStream().readAllBytes());
        assertThat(modules.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(list).contains("java.management@", "jdk.management@", "jdk.management.agent@", "jdk.attach@",
                "java.instrument@", "dev.conduit.cli@", "dev.conduit.server@");
        try (var archives = Files.list(ConduitProcess.IMAGE.getParent())) {
            assertThat(archives.map(path -> path.getFileName().toString()))
                    .anyMatch(name -> name.matches("conduit-.+-(linux|darwin)-(x64|aarch64)\\.tar\\.gz"));
        }
    }
}
