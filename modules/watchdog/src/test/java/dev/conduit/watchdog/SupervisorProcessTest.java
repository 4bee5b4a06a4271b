package dev.conduit.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.MockUpstream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor as a real process with real workers: a worker killed with SIGKILL serves again
 * within 10 s; a worker stopped with SIGSTOP is found hung within 15 s and replaced within 25 s;
 * a supervisor killed with SIGKILL leaves its worker serving, and the next one adopts it. The
 * times measured go to {@code target/watchdog-times.txt}.
 */
class SupervisorProcessTest {

    private static final Path TIMES = Path.of("target/watchdog-times.txt");
    private static MockUpstream upstream;

    @TempDir
    Path home;

    @BeforeAll
    static void startUpstream() throws IOException {
        upstream = new MockUpstream();
        Files.deleteIfExists(TIMES);
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        upstream.close();
    }

    private static void record(String line) throws IOException {
        Files.writeString(TIMES, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void aWorkerKilledWithSigkillServesAgainWithinTenSeconds() throws Exception {
        try (SupervisedConduit conduit = SupervisedConduit.start(home, upstream.chatCompletionsUrl(), "")) {
            long first = conduit.awaitServingWorker(-1, Duration.ofSeconds(60));
            assertThat(conduit.postMessage().statusCode()).isEqualTo(200);

            long killedAt = System.nanoTime();
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            conduit.await(Duration.ofSeconds(10), "a worker answering /ready", conduit::ready);
            long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);

            WatchdogMXBean watchdog = conduit.watchdog();
            assertThat(conduit.postMessage().statusCode()).isEqualTo(200);
            assertThat(watchdog.getWorkerPid()).isNotEqualTo(first);
            assertThat(watchdog.getRestartsTotal()).isEqualTo(1);
            assertThat(watchdog.getLastExitSignal()).isEqualTo("SIGKILL");
            assertThat(watchdog.getLastExitReason()).isEqualTo("killed by SIGKILL");
            record("kill -9 of the worker: serving again (/ready 200 on the port) after " + readyMillis + " ms");
        }
    }

    @Test
    void aWorkerStoppedWithSigstopIsFoundHungAndReplaced() throws Exception {
        try (SupervisedConduit conduit = SupervisedConduit.start(home, upstream.chatCompletionsUrl(), "")) {
            long stopped = conduit.awaitServingWorker(-1, Duration.ofSeconds(60));
            WatchdogMXBean watchdog = conduit.watchdog();

            long stoppedAt = System.nanoTime();
            SupervisedConduit.signal("STOP", stopped);
            conduit.await(Duration.ofSeconds(16), "hang detection", () -> watchdog.getWorkerPid() != stopped);
            long detectedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
            long replacement = conduit.awaitServingWorker(stopped, Duration.ofSeconds(25));
            conduit.await(Duration.ofSeconds(25), "the stopped worker's end",
                    () -> ProcessHandle.of(stopped).map(process -> !process.isAlive()).orElse(true));
            conduit.await(Duration.ofSeconds(25), "a worker answering /ready", conduit::ready);
            long servingMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);

            assertThat(detectedMillis).isLessThanOrEqualTo(15_000);
            assertThat(servingMillis).isLessThanOrEqualTo(25_000);
            assertThat(conduit.postMessage().statusCode()).isEqualTo(200);
            assertThat(watchdog.getWorkerPid()).isEqualTo(replacement);
            assertThat(watchdog.getLastExitReason()).startsWith("hung: 3 probes missed").endsWith("killed by SIGKILL");
            assertThat(conduit.supervisorLog())
                    .contains("no thread dump: the process is stopped (SIGSTOP); it can neither answer nor drain");
            record("kill -STOP of the worker: hang detected after " + detectedMillis
                    + " ms, serving again (stopped worker killed, /ready 200) after " + servingMillis + " ms");
        }
    }

    @Test
    void aKilledSupervisorLeavesItsWorkerServingAndTheNextOneAdoptsIt() throws Exception {
        try (SupervisedConduit conduit = SupervisedConduit.start(home, upstream.chatCompletionsUrl(), "")) {
            long worker = conduit.awaitServingWorker(-1, Duration.ofSeconds(60));
            Process first = conduit.supervisor();
            first.toHandle().destroyForcibly();
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();

            assertThat(conduit.postMessage().statusCode()).as("the worker serves without its supervisor").isEqualTo(200);
            RunState orphaned = RunState.inspect(conduit.run);
            assertThat(orphaned.supervisor()).isEmpty();
            assertThat(orphaned.worker()).map(ProcessRecord::pid).contains(worker);
            assertThat(orphaned.stale()).containsExactly(
                    "supervisor pid " + first.pid() + " is gone (stale pid file removed)");

            long adoptStart = System.nanoTime();
            conduit.startSupervisor();
            WatchdogMXBean watchdog = conduit.watchdog();
            conduit.await(Duration.ofSeconds(20), "adoption", () -> watchdog.getState().equals("SERVING"));
            long adoptMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - adoptStart);

            assertThat(watchdog.getWorkerPid()).as("the same worker, not a second one").isEqualTo(worker);
            assertThat(watchdog.getRestartsTotal()).isZero();
            assertThat(conduit.postMessage().statusCode()).isEqualTo(200);
            assertThat(RunState.inspect(conduit.run).supervisor()).map(ProcessRecord::pid)
                    .contains(conduit.supervisor().pid());
            assertThat(conduit.supervisorLog()).contains("adopted worker pid " + worker);
            record("kill -9 of the supervisor: the worker kept serving; a new supervisor adopted it after "
                    + adoptMillis + " ms (JVM start included)");
        }
    }
}
