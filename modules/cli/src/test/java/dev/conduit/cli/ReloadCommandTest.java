package dev.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.Worker;
import dev.conduit.server.WorkerEnvironment;
import dev.conduit.server.WorkerOptions;
import dev.conduit.testing.MockUpstream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conduit reload} against a running worker, as an operator runs it after editing the config. */
class ReloadCommandTest {

    private static final String KEY = "conduit-test-key";

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private MockUpstream upstream;
    private Worker worker;
    private Path config;

    @BeforeEach
    void startAWorker() throws Exception {
        upstream = new MockUpstream();
        config = folder.resolve("config.json");
        writeConfig("mock-model");
        worker = Worker.start(WorkerOptions.parse("--config", config.toString(), "--port", "0"), environment());
    }

    @AfterEach
    void stop() throws Exception {
        worker.stop();
        upstream.close();
    }

    private WorkerEnvironment environment() {
        return new WorkerEnvironment(Map.of(), folder.resolve("home"));
    }

    private void writeConfig(String defaultModel) throws IOException {
        Files.writeString(config, """
                {APIKEY: '%s',
                 Providers: [{name: 'mock', api_base_url: '%s', api_key: 'sk-mock', models: ['mock-model', 'Other-Model']}],
                 Router: {default: 'mock,%s'}}""".formatted(KEY, upstream.chatCompletionsUrl(), defaultModel));
    }

    private int conduit(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                environment());
    }

    private String modelServing() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.port()
                    + "/v1/messages")).header("x-api-key", KEY).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        return upstream.takeRequest(5, TimeUnit.SECONDS).body().get("model").stringValue();
    }

    @Test
    void theWorkerReadsItsConfigAgainAndServesTheNewOne() throws Exception {
        writeConfig("Other-Model");

        int code = conduit("reload", "--config", config.toString(), "--port", Integer.toString(worker.port()));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Reloaded: 1 provider, 0 rules, default → mock,Other-Model\n");
        assertThat(modelServing()).isEqualTo("Other-Model");
    }

    @Test
    void aConfigWithErrorsIsNotSentAndTheWorkerKeepsServing() throws Exception {
        Files.writeString(config, "{Router: {default: 'nowhere,none'}}");

        int code = conduit("reload", "--config", config.toString(), "--port", Integer.toString(worker.port()));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(config + ":1:20: Router.default: ")
                .endsWith("The config has errors, so it was not sent; the running worker keeps serving its config.\n");
        assertThat(modelServing()).isEqualTo("mock-model");
    }

    @Test
    void withoutAWorkerOnThePortItSaysSo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        int code = conduit("reload", "--config", config.toString(), "--port", Integer.toString(closedPort));

        assertThat(code).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("No Conduit worker answers on 127.0.0.1:" + closedPort
                + ": is it running?\n");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(conduit("reload", "--now")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("conduit reload: unknown option --now\n");
    }
}
