package dev.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.Worker;
import dev.conduit.server.WorkerEnvironment;
import dev.conduit.server.WorkerOptions;
import dev.conduit.testing.LocalPorts;
import dev.conduit.testing.MockUpstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    private final InProcessConduit conduit = new InProcessConduit(this::environment);
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

        int code = conduit.run("reload", "--config", config.toString(), "--port", Integer.toString(worker.port()));

        assertThat(code).as(conduit.err()).isZero();
        assertThat(conduit.out()).isEqualTo("Reloaded: 1 provider, 0 rules, default → mock,Other-Model\n");
        assertThat(modelServing()).isEqualTo("Other-Model");
    }

    @Test
    void aConfigWithErrorsIsNotSentAndTheWorkerKeepsServing() throws Exception {
        Files.writeString(config, "{Router: {default: 'nowhere,none'}}");

        int code = conduit.run("reload", "--config", config.toString(), "--port", Integer.toString(worker.port()));

        assertThat(code).isEqualTo(1);
        assertThat(conduit.err()).startsWith(config + ":1:20: Router.default: ")
                .endsWith("The config has errors, so it was not sent; the running worker keeps serving its config.\n");
        assertThat(modelServing()).isEqualTo("mock-model");
    }

    @Test
    void withoutAWorkerOnThePortItSaysSo() throws Exception {
        int closedPort = LocalPorts.unused();

        int code = conduit.run("reload", "--config", config.toString(), "--port", Integer.toString(closedPort));

        assertThat(code).isEqualTo(3);
        assertThat(conduit.err()).isEqualTo("No Conduit worker answers on 127.0.0.1:" + closedPort
                + ": is it running?\n");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(conduit.run("reload", "--now")).isEqualTo(2);
        assertThat(conduit.err()).startsWith("conduit reload: unknown option --now\n");
    }
}
