package dev.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.LocalPorts;
import dev.conduit.testing.MockUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code conduit model}, {@code model --json} and {@code model set} as a user runs them: processes, a real config file, a real gateway. */
class ModelCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path home;

    private ConduitCommand conduit;
    private MockUpstream upstream;
    private Path config;
    private int port;

    @BeforeEach
    void writeAConfig() throws Exception {
        conduit = new ConduitCommand(home);
        upstream = new MockUpstream();
        port = LocalPorts.unused();
        config = home.resolve("config.json");
        Files.writeString(config, configText());
    }

    @AfterEach
    void stopEverything() throws Exception {
        conduit.killAll();
        upstream.close();
    }

    /** A config as people write them: comments, single quotes, a $VAR key, trailing commas. */
    private String configText() {
        return """
                // my Conduit config
                {
                  PORT: %d,
                  Providers: [
                    {name: 'mock', api_base_url: '%s', api_key: '$MOCK_KEY', models: ['mock-model', 'other-model']},
                    {name: 'spare', api_base_url: '%2$s', models: ['spare-model']},
                  ],
                  Router: {
                    default: 'mock,mock-model', // the everyday model
                    longContextThreshold: 50000,
                    background: {targets: ['mock,other-model', 'spare,spare-model'], strategy: 'weighted', weights: [3, 1]},
                    rules: [{name: 'big', when: {tokens: {min: 1000}}, target: 'spare,spare-model'}],
                    fallback: {default: ['spare,spare-model'], big: ['mock,mock-model']},
                  },
                }
                """.formatted(port, upstream.chatCompletionsUrl());
    }

    @Test
    void listsEveryRouteRuleAndFallbackChainWithHealthNotRunningWhenNothingRuns() throws Exception {
        ConduitCommand.Result result = conduit.run("model");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Config: " + config + " (Conduit home)\n"
                        + "Conduit is not running: health shows once it runs (conduit start)\n")
                .containsPattern("\n  default +mock,mock-model +not running\n")
                .containsPattern("\n  background +weighted\n +mock,other-model ×3 +not running\n +spare,spare-model ×1 +not running\n")
                .containsPattern("\n  think +- +\\(not set: default takes these\\)\n")
                .contains("\n  longContext   -  (not set: default takes these)  (over 50000 tokens)\n")
                .containsPattern("\nRules \\(tried before the routes, in order\\)\n  big: tokens 1000..\n +→ +spare,spare-model +not running\n")
                .containsPattern("\nFallback chains\n  default then\n +spare,spare-model +not running\n  big then\n +mock,mock-model +not running\n")
                .containsPattern("\n  mock +- +mock-model, other-model\n")
                .as("no questions without a terminal").doesNotContain("Which route");

        JsonNode json = JSON.readTree(conduit.run("model", "list", "--json").out());
        assertThat(json.path("worker").path("running").asBoolean()).isFalse();
        assertThat(json.path("routes").get(0).path("slot").asString()).isEqualTo("default");
        assertThat(json.path("routes").get(0).path("targets").get(0).path("target").asString()).isEqualTo("mock,mock-model");
        assertThat(json.path("routes").get(0).path("targets").get(0).path("health").asString()).isEqualTo("not running");
        assertThat(json.path("routes").get(1).path("strategy").asString()).isEqualTo("weighted");
        assertThat(json.path("routes").get(2).path("route").isNull()).isTrue();
        assertThat(json.path("longContextThreshold").asInt()).isEqualTo(50000);
        assertThat(json.path("rules").get(0).path("name").asString()).isEqualTo("big");
        assertThat(json.path("fallback").path("big").get(0).path("target").asString()).isEqualTo("mock,mock-model");
        assertThat(json.path("providers").get(1).path("models").get(0).asString()).isEqualTo("spare-model");
    }

    @Test
    void aBrokenConfigIsAFailureWithItsPosition() throws Exception {
        Files.writeString(config, "{\n  Router: {default: 'nobody,x'}\n}\n");

        ConduitCommand.Result result = conduit.run("model");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith(config + ":2:21: Router.default: ");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void setChangesOnlyTheValueKeepsABackupAndThePermissions() throws Exception {
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));
        String before = Files.readString(config);

        ConduitCommand.Result changed = conduit.run("model", "set", "default", "spare,spare-model");
        ConduitCommand.Result added = conduit.run("model", "set", "think", "mock,other-model");

        assertThat(changed.exitCode()).as(changed.err()).isZero();
        assertThat(changed.out()).isEqualTo("Router.default: mock,mock-model → spare,spare-model\n"
                + "  in " + config + " (the previous file is kept as " + config + ".bak)\n"
                + "Conduit is not running; it reads the change when it starts\n");
        assertThat(added.out()).startsWith("Router.think: not set → mock,other-model\n");
        assertThat(Files.readString(config)).isEqualTo(before
                .replace("default: 'mock,mock-model', // the everyday model",
                        "default: \"spare,spare-model\", // the everyday model")
                .replace("fallback: {default: ['spare,spare-model'], big: ['mock,mock-model']},\n",
                        "fallback: {default: ['spare,spare-model'], big: ['mock,mock-model']},\n"
                                + "    \"think\": \"mock,other-model\"\n"));
        assertThat(Files.readString(home.resolve("config.json.bak"))).as("the backup is the file before the last change")
                .contains("default: \"spare,spare-model\"").doesNotContain("think");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-r-----");
        assertThat(Files.readString(config)).as("the $VAR stays as written").contains("api_key: '$MOCK_KEY'");

        ConduitCommand.Result threshold = conduit.run("model", "set", "longContextThreshold", "80000");
        assertThat(threshold.out()).startsWith("Router.longContextThreshold: 50000 → 80000\n");
    }

    @Test
    void badSlotsAndTargetsChangeNothing() throws Exception {
        String before = Files.readString(config);

        ConduitCommand.Result slot = conduit.run("model", "set", "fast", "mock,mock-model");
        ConduitCommand.Result notATarget = conduit.run("model", "set", "think", "mock-model");
        ConduitCommand.Result provider = conduit.run("model", "set", "think", "nobody,mock-model");
        ConduitCommand.Result model = conduit.run("model", "set", "think", "mock,gpt-9");

        assertThat(slot.exitCode()).isEqualTo(2);
        assertThat(slot.err()).isEqualTo("conduit model set: \"fast\" is not a slot; the slots are default, background,"
                + " think, longContext, webSearch, image, longContextThreshold\n");
        assertThat(notATarget.exitCode()).isEqualTo(2);
        assertThat(notATarget.err()).isEqualTo("conduit model set: a target is \"provider,model\", not \"mock-model\"\n");
        assertThat(provider.exitCode()).isEqualTo(1);
        assertThat(provider.err()).isEqualTo("conduit model set: there is no provider \"nobody\" in Providers;"
                + " there are: mock, spare\n");
        assertThat(model.exitCode()).isEqualTo(1);
        assertThat(model.err()).startsWith("conduit model set: provider \"mock\" does not list the model \"gpt-9\";"
                + " its models: mock-model, other-model");
        assertThat(Files.readString(config)).isEqualTo(before);
        assertThat(home.resolve("config.json.bak")).doesNotExist();
    }

    @Test
    void claudeCodeRoutersConfigIsOnlyRead() throws Exception {
        Files.delete(config);
        Path ccr = home.resolve(".claude-code-router").resolve("config.json");
        Files.createDirectories(ccr.getParent());
        Files.writeString(ccr, configText());

        ConduitCommand.Result result = conduit.run("model", "set", "think", "mock,other-model");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("conduit model set: " + ccr + " is claude-code-router's config, which"
                + " Conduit only reads; conduit init --from-ccr copies it to " + config
                + ", which conduit model set then changes\n");
        ConduitCommand.Result named = conduit.run("model", "set", "think", "mock,other-model", "--config", ccr.toString());
        assertThat(named.exitCode()).as("named with --config too").isEqualTo(1);
        assertThat(named.err()).startsWith("conduit model set: " + ccr + " is claude-code-router's config");
        assertThat(Files.readString(ccr)).isEqualTo(configText());
        assertThat(conduit.run("model").exitCode()).as("listing it is fine").isZero();
    }

    @Test
    void withAWorkerRunningItShowsLiveHealthAndSetReloadsIt() throws Exception {
        ConduitCommand.Result start = conduit.run("start");
        assertThat(start.exitCode()).as(start.err()).isZero();
        assertThat(send()).isEqualTo("mock-model");

        JsonNode json = JSON.readTree(conduit.run("model", "--json").out());
        JsonNode target = json.path("routes").get(0).path("targets").get(0);
        assertThat(json.path("worker").path("running").asBoolean()).isTrue();
        assertThat(json.path("worker").path("port").asInt()).isEqualTo(port);
        assertThat(target.path("health").asString()).isEqualTo("healthy");
        assertThat(target.path("breaker").asString()).isEqualTo("closed");
        assertThat(target.path("counters").asString()).startsWith("breaker CLOSED, 1 attempts, 0 errors");
        assertThat(conduit.run("model").out()).containsPattern("\n  default +mock,mock-model +healthy, breaker closed\n");

        ConduitCommand.Result set = conduit.run("model", "set", "default", "mock,other-model");

        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).containsPattern("\nThe running worker \\(pid \\d+\\) reloaded: applied \\(JMX reload\\(\\)\\)");
        assertThat(send()).as("the worker routes by the new default at once").isEqualTo("other-model");
        assertThat(conduit.run("stop").exitCode()).isZero();
    }

    @Test
    void inATerminalItAsksWhichRouteAndWhichTargetThenSetsIt() throws Exception {
        Process terminal = PseudoTerminal.run(conduit.builder(java.util.Map.of(), "model"), "3\n2\ny\n");
        int exit = PseudoTerminal.await(terminal);

        String shown = conduit.output().replace("\r\n", "\n");
        assertThat(exit).as(shown).isZero();
        assertThat(shown).contains("\nWhich route do you want to change?\n  1) default       mock,mock-model\n")
                .contains("\n  3) think         not set\n")
                .contains("Send think requests to:\n  1) mock,mock-model\n  2) mock,other-model\n  3) spare,spare-model\n")
                .contains("Set Router.think to mock,other-model (now not set)? [y/N] ")
                .contains("Router.think: not set → mock,other-model\n");
        assertThat(Files.readString(config)).contains("\"think\": \"mock,other-model\"");
    }

    @Test
    void inATerminalNothingChangesUnlessConfirmed() throws Exception {
        String before = Files.readString(config);

        Process terminal = PseudoTerminal.run(conduit.builder(java.util.Map.of(), "model"), "9\n1\n3\nn\n");
        int exit = PseudoTerminal.await(terminal);

        String shown = conduit.output().replace("\r\n", "\n");
        assertThat(exit).as(shown).isZero();
        assertThat(shown).contains("  \"9\" is not a number from 1 to 6\n").contains("Nothing changed.\n");
        assertThat(Files.readString(config)).isEqualTo(before);
    }

    /** Sends a request through the gateway; answers the model the upstream was asked for. */
    private String send() throws Exception {
        upstream.reset();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/v1/messages")).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"model": "claude-sonnet-4-5", "max_tokens": 10,
                             "messages": [{"role": "user", "content": "hi"}]}""")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        return upstream.takeRequest(10, TimeUnit.SECONDS).body().path("model").asString();
    }
}
