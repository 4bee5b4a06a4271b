package dev.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.LocalPorts;
import dev.conduit.testing.MockUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conduit start}, {@code status}, {@code restart} and {@code stop} as a user types them,
 * each a process of its own, against a real supervisor and worker: what they print, their exit
 * codes, and that {@code status} tells the truth after the supervisor was killed.
 */
class ServiceCommandsTest {

    private static final Pattern RUNNING = Pattern.compile("supervisor pid (\\d+), worker pid (\\d+)");

    @TempDir
    Path home;

    private ConduitCommand conduit;

    @AfterEach
    void killEverything() {
        if (conduit != null) {
            conduit.killAll();
        }
    }

    @Test
    void startStatusRestartStopAndAStatusThatSurvivesAKilledSupervisor() throws Exception {
        conduit = new ConduitCommand(home);
        try (MockUpstream upstream = new MockUpstream()) {
            Path config = home.resolve("config.json");
            Files.writeString(config, """
                    {Providers: [{name: 'mock', api_base_url: '%s', models: ['mock-model']}],
                     Router: {default: 'mock,mock-model'}}""".formatted(upstream.chatCompletionsUrl()));
            String port = Integer.toString(LocalPorts.unused());

            ConduitCommand.Result started = conduit.run("start", "--config", config.toString(), "--port", port);
            assertThat(started.exitCode()).as(started.err()).isZero();
            assertThat(started.out()).startsWith("Conduit is running on http://127.0.0.1:" + port + " (supervisor pid ");
            Matcher pids = RUNNING.matcher(started.out());
            assertThat(pids.find()).isTrue();
            String supervisor = pids.group(1);
            String worker = pids.group(2);

            ConduitCommand.Result again = conduit.run("start", "--config", config.toString(), "--port", port);
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains("Conduit is already running: supervisor pid " + supervisor + ", worker pid "
                    + worker + " on port " + port);

            ConduitCommand.Result status = conduit.run("status");
            assertThat(status.exitCode()).isZero();
            assertThat(status.out()).contains("Conduit is running on http://127.0.0.1:" + port)
                    .contains("supervisor  pid " + supervisor).contains("SERVING")
                    .contains("worker      pid " + worker).contains("port " + port).contains("health healthy")
                    .contains("probes: alive").contains("restarts    0");

            ConduitCommand.Result restarted = conduit.run("restart");
            assertThat(restarted.exitCode()).as(restarted.err()).isZero();
            assertThat(restarted.out()).startsWith("Restarted: worker pid " + worker + " replaced by pid ");
            String next = restarted.out().replaceAll("(?s).*replaced by pid (\\d+).*", "$1");

            ProcessHandle killed = ProcessHandle.of(Long.parseLong(supervisor)).orElseThrow();
            killed.destroyForcibly();
            killed.onExit().join();
            ConduitCommand.Result orphaned = conduit.run("status");
            assertThat(orphaned.exitCode()).isEqualTo(1);
            assertThat(orphaned.out()).contains("note: supervisor pid " + supervisor + " is gone (stale pid file removed)")
                    .contains("Conduit's worker pid " + next + " serves on port " + port + ", but no supervisor runs");

            ConduitCommand.Result adopted = conduit.run("start", "--config", config.toString(), "--port", port);
            assertThat(adopted.exitCode()).as(adopted.err()).isZero();
            assertThat(adopted.out()).contains("The worker pid " + next + " still serves on port " + port
                    + ": the new supervisor adopts it.").contains("worker pid " + next + ")");

            ConduitCommand.Result stopped = conduit.run("stop");
            assertThat(stopped.exitCode()).as(stopped.err()).isZero();
            assertThat(stopped.out()).contains("Conduit has stopped");
            assertThat(ProcessHandle.of(Long.parseLong(next))).isEmpty();

            ConduitCommand.Result nothing = conduit.run("status");
            assertThat(nothing.exitCode()).isEqualTo(3);
            assertThat(nothing.out()).isEqualTo("Conduit is not running\n");
            assertThat(conduit.run("stop").exitCode()).isEqualTo(3);
        }
    }

    @Test
    void aStartThatCannotServeSaysWhyShowsTheWorkersLastLinesAndLeavesNothingRunning() throws Exception {
        conduit = new ConduitCommand(home);
        Path config = home.resolve("config.json");
        Files.writeString(config, "{Providers: [{name: 'broken', api_base_url: 12}]}");

        ConduitCommand.Result failed = conduit.run("start", "--config", config.toString(), "--port",
                Integer.toString(LocalPorts.unused()));
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).startsWith("conduit start: the worker exited with status 1; its last lines:")
                .contains(config + ":1:");
        ConduitCommand.Result status = conduit.run("status");
        assertThat(status.exitCode()).as(status.out()).isEqualTo(3);
    }
}
