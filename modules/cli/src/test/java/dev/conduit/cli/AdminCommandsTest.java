package dev.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.GatewayMXBean;
import dev.conduit.testing.LocalPorts;
import dev.conduit.testing.MockUpstream;
import dev.conduit.watchdog.LocalJmx;
import dev.conduit.watchdog.ProcessRecord;
import dev.conduit.watchdog.RunDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin verbs ({@code status}, {@code health}, {@code metrics}, {@code reload}, {@code drain},
 * {@code restart}, with and without {@code --json}) and the admin scripts, each a process of its
 * own talking JMX over the Attach API to a real supervisor and worker, as an operator or cron runs
 * them; and the worker's Gateway {@code restart()} relayed to the supervisor.
 */
class AdminCommandsTest {

    private static final Pattern RUNNING = Pattern.compile("supervisor pid (\\d+), worker pid (\\d+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SCRIPTS = Path.of("../../scripts/admin");

    @TempDir
    Path home;

    private ConduitCommand conduit;

    @AfterEach
    void killEverything() {
        if (conduit != null) {
            conduit.killAll();
        }
    }

    private void writeConfig(Path config, MockUpstream upstream, String defaultModel) throws Exception {
        Files.writeString(config, """
                {Providers: [{name: 'mock', api_base_url: '%s', models: ['mock-model', 'Other-Model']}],
                 Router: {default: 'mock,%s'}}""".formatted(upstream.chatCompletionsUrl(), defaultModel));
    }

    private ConduitCommand.Result ok(String... args) throws Exception {
        ConduitCommand.Result result = conduit.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.err() + result.out()).isZero();
        return result;
    }

    private static JsonNode json(ConduitCommand.Result result) {
        return JSON.readTree(result.out());
    }

    /** The worker pid the supervisor's pid file names once it differs from {@code previous}. */
    private long awaitNewWorker(long previous) throws InterruptedException {
        RunDirectory run = RunDirectory.of(home);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessRecord> worker = run.liveRecord(run.workerPidFile());
            if (worker.isPresent() && worker.get().pid() != previous) {
                return worker.get().pid();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no new worker within 90 s");
    }

    @Test
    void everyAdminVerbAndScriptAgainstARunningSupervisorAndWorker() throws Exception {
        conduit = new ConduitCommand(home);
        try (MockUpstream upstream = new MockUpstream(); HttpClient http = HttpClient.newHttpClient()) {
            Path config = home.resolve("config.json");
            writeConfig(config, upstream, "mock-model");
            String port = Integer.toString(LocalPorts.unused());
            Matcher pids = RUNNING.matcher(ok("start", "--config", config.toString(), "--port", port).out());
            assertThat(pids.find()).isTrue();
            long worker = Long.parseLong(pids.group(2));
            HttpResponse<String> answered = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/v1/messages")).POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\","
                    + "\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);

            JsonNode status = json(ok("status", "--json"));
            assertThat(status.path("running").asBoolean()).isTrue();
            assertThat(status.path("supervisor").path("state").asString()).isEqualTo("SERVING");
            assertThat(status.path("worker").path("pid").asLong()).isEqualTo(worker);
            assertThat(status.path("worker").path("health").asString()).isEqualTo("healthy");
            assertThat(status.path("worker").path("state").asString()).isEqualTo("SERVING");
            assertThat(status.path("worker").path("supervised").asBoolean()).isTrue();
            assertThat(status.path("worker").path("config_source").asString()).startsWith(config.toString());
            assertThat(ok("status").out()).contains("gateway     conduit ").contains("reload      none since the worker started");

            assertThat(ok("health").out()).startsWith("Health: healthy (").contains("CHECK").contains("PROVIDER")
                    .containsPattern("\\nmock +healthy +1 +0 ");
            JsonNode health = json(ok("health", "--json"));
            assertThat(health.path("status").asString()).isEqualTo("healthy");
            assertThat(health.path("providers").get(0).path("name").asString()).isEqualTo("mock");

            JsonNode metrics = json(ok("metrics", "--json"));
            assertThat(metrics.path("requests_total").asLong()).isEqualTo(1);
            assertThat(metrics.path("input_tokens").asLong()).isEqualTo(10);
            assertThat(metrics.path("output_tokens").asLong()).isEqualTo(7);
            assertThat(metrics.path("providers").path("mock").path("output_tokens").asLong()).isEqualTo(7);
            assertThat(ok("metrics").out()).containsPattern("\\nrequests +1\\n");

            ConduitCommand.Result statusScript = conduit.script(SCRIPTS.resolve("status"));
            assertThat(statusScript.exitCode()).as(statusScript.err()).isZero();
            assertThat(statusScript.out()).isEqualTo("OK conduit serving on 127.0.0.1:" + port + ", worker pid " + worker
                    + ", health healthy, restarts 0\n");
            ConduitCommand.Result metricsScript = conduit.script(SCRIPTS.resolve("metrics"));
            assertThat(metricsScript.exitCode()).as(metricsScript.err()).isZero();
            assertThat(metricsScript.out()).contains("conduit_admin_requests_total 1\n").contains("conduit_admin_output_tokens 7\n");

            writeConfig(config, upstream, "Other-Model");
            assertThat(ok("reload").out()).isEqualTo("Reloaded: 1 provider, 0 rules, default → mock,Other-Model\n");
            Files.writeString(config, "{Router: {default: 'nowhere,none'}}");
            ConduitCommand.Result rejected = conduit.run("reload");
            assertThat(rejected.exitCode()).isEqualTo(1);
            assertThat(rejected.err()).startsWith("Rejected: " + config + ":1:20: Router.default")
                    .endsWith("The worker keeps serving its previous config.\n");
            ConduitCommand.Result rejectedScript = conduit.script(SCRIPTS.resolve("reload"));
            assertThat(rejectedScript.exitCode()).isEqualTo(1);
            assertThat(rejectedScript.out()).startsWith("CRITICAL reload rejected or failed: " + config + ":1:20:");
            writeConfig(config, upstream, "mock-model");
            JsonNode reloaded = json(ok("reload", "--json"));
            assertThat(reloaded.path("result").asString()).isEqualTo("applied");
            assertThat(reloaded.path("message").asString()).isEqualTo("1 provider, 0 rules, default → mock,mock-model");

            try (LocalJmx jmx = LocalJmx.attach(worker, "the worker")) {
                GatewayMXBean gateway = jmx.proxy(GatewayMXBean.OBJECT_NAME, GatewayMXBean.class);
                assertThat(gateway.isSupervised()).isTrue();
                assertThat(gateway.restart()).startsWith("rolling restart requested");
            }
            long second = awaitNewWorker(worker);
            assertThat(ProcessHandle.of(worker).map(process -> process.onExit().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
                    .join()).map(ProcessHandle::isAlive).orElse(false)).as("the old worker hands over and exits").isFalse();

            JsonNode restarted = json(ok("restart", "--json"));
            long third = restarted.path("worker_pid").asLong();
            assertThat(third).isNotIn(worker, second).isPositive();

            ConduitCommand.Result drained = ok("drain", "5");
            assertThat(drained.out()).startsWith("Draining: pid " + third + " drains: requests finish, streams run for up to 5 s")
                    .endsWith("The worker pid " + third + " has stopped.\n");
            ConduitCommand.Result stoppedStatus = conduit.run("status");
            assertThat(stoppedStatus.exitCode()).isEqualTo(1);
            assertThat(stoppedStatus.out()).contains("no worker serves (STOPPED)");
            ConduitCommand.Result noWorker = conduit.run("health");
            assertThat(noWorker.exitCode()).isEqualTo(1);
            assertThat(noWorker.err()).contains("runs, but no worker serves");

            ok("restart");
            assertThat(ok("health").out()).startsWith("Health: healthy");
            ok("stop");
            for (String verb : new String[] {"health", "metrics", "drain", "reload"}) {
                ConduitCommand.Result nothing = conduit.run(verb);
                assertThat(nothing.exitCode()).as(verb).isEqualTo(3);
                assertThat(nothing.err()).as(verb).isEqualTo("Conduit is not running\n");
            }
            assertThat(conduit.script(SCRIPTS.resolve("status")).exitCode()).isEqualTo(3);
        }
    }

    @Test
    void badArgumentsAreUsageErrors() throws Exception {
        conduit = new ConduitCommand(home);
        for (String[] args : new String[][] {{"health", "--yaml"}, {"metrics", "now"}, {"drain", "0"}, {"drain", "ten"},
                {"status", "--verbose"}, {"restart", "--now"}}) {
            ConduitCommand.Result result = conduit.run(args);
            assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(result.err()).as(String.join(" ", args)).startsWith("conduit " + args[0] + ": ");
        }
    }
}
