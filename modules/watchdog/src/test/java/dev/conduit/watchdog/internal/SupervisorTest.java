package dev.conduit.watchdog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.control.ControlMessage;
import dev.conduit.watchdog.ProcessRecord;
import dev.conduit.watchdog.RunDirectory;
import dev.conduit.watchdog.WatchdogSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's decisions with fake worker processes, a manual loop and clock: restarts and
 * their backoff, hangs, rolling restarts, crash loops, adoption, memory limits, stop and start.
 */
class SupervisorTest {

    private static final List<String> ARGS = List.of("--port", "3456");
    private static final long MIB = 1L << 20;

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock();
    private final ManualLoop loop = new ManualLoop(clock);
    private final FakeWorkers workers = new FakeWorkers(clock);
    private final List<String> events = new ArrayList<>();
    private Optional<String> probeResult = Optional.empty();
    private long residentBytes = 50 * MIB;
    private boolean stopped;
    private RunDirectory run;
    private Supervisor supervisor;

    @BeforeEach
    void createRunDirectory() throws Exception {
        run = RunDirectory.of(home);
        run.create();
    }

    private Supervisor start(WatchdogSettings settings) {
        return start(settings, true);
    }

    private Supervisor start(WatchdogSettings settings, boolean portShared) {
        SupervisorEvents recorder = new SupervisorEvents() {
            @Override
            public void crashed(long pid, String reason) {
                events.add("crash " + pid + ": " + reason);
            }

            @Override
            public void restarted(long pid, String reason) {
                events.add("restart " + pid);
            }

            @Override
            public void crashLoop(String alarm) {
                events.add("crash loop: " + alarm);
            }

            @Override
            public void hung(long pid, String reason) {
                events.add("hang " + pid + ": " + reason);
            }
        };
        WorkerInspector inspector = new WorkerInspector() {
            @Override
            public long residentBytes(long pid) {
                return residentBytes;
            }

            @Override
            public boolean stopped(long pid) {
                return stopped;
            }

            @Override
            public Optional<String> saveThreadDump(long pid) {
                events.add("thread dump " + pid);
                return Optional.of("thread dump saved");
            }
        };
        SupervisorEnvironment environment = new SupervisorEnvironment(workers, inspector, (host, port) -> probeResult,
                Runnable::run, loop, clock, run, recorder, portShared);
        supervisor = new Supervisor(settings, ARGS, new RestartPolicy(settings, clock, () -> 0.5), environment);
        supervisor.start();
        loop.runPending();
        return supervisor;
    }

    private Supervisor start() {
        return start(WatchdogSettings.defaults());
    }

    private void serve(FakeWorkers.Worker worker) {
        supervisor.received(worker, new ControlMessage.Hello(worker.pid, ARGS));
        supervisor.received(worker, new ControlMessage.Ready("127.0.0.1", 3456, 25_000));
        loop.runPending();
    }

    /** Lets time pass while the worker beats every second, as a live one does. */
    private void passWithBeats(FakeWorkers.Worker worker, Duration duration) {
        for (long second = 0; second < duration.toSeconds(); second++) {
            supervisor.received(worker, new ControlMessage.Beat(10 * MIB, 100 * MIB));
            loop.advance(Duration.ofSeconds(1));
        }
    }

    private SupervisorStatus status() {
        return supervisor.status();
    }

    @Test
    void aWorkerThatExitsIsReplacedAtOnceTheFirstTimeThenAfterABackoff() {
        start();
        FakeWorkers.Worker first = workers.last();
        serve(first);
        assertThat(status().state()).isEqualTo(SupervisorState.SERVING);
        assertThat(status().worker().pid()).isEqualTo(first.pid);

        first.kill();
        loop.runPending();
        assertThat(workers.launched()).hasSize(2);
        assertThat(status().lastExit().reason()).isEqualTo("killed by SIGKILL");
        assertThat(status().lastExit().status().signal()).isEqualTo("SIGKILL");
        assertThat(status().restartsTotal()).isEqualTo(1);
        assertThat(events).containsExactly("crash 1000: killed by SIGKILL");

        FakeWorkers.Worker second = workers.last();
        serve(second);
        assertThat(events).last().isEqualTo("restart 1001");
        second.exit(1);
        loop.runPending();
        assertThat(status().state()).isEqualTo(SupervisorState.BACKOFF);
        assertThat(status().lastExit().status().code()).isEqualTo(1);
        loop.advance(Duration.ofMillis(999));
        assertThat(workers.launched()).as("the second failure in a row waits 1 s").hasSize(2);
        loop.advance(Duration.ofMillis(1));
        assertThat(workers.launched()).hasSize(3);
        assertThat(status().state()).isEqualTo(SupervisorState.STARTING);
    }

    @Test
    void aWorkerThatMissesThreeProbesIsDumpedStoppedKilledAndReplaced() {
        start();
        FakeWorkers.Worker hung = workers.last();
        serve(hung);
        passWithBeats(hung, Duration.ofSeconds(5));
        assertThat(status().worker().health()).isEqualTo("alive");

        probeResult = Optional.of("/alive did not answer within 2000 ms");
        passWithBeats(hung, Duration.ofSeconds(5));
        assertThat(status().worker().health()).startsWith("missed 1 of 3 probes: /alive did not answer");
        passWithBeats(hung, Duration.ofSeconds(5));
        assertThat(workers.launched()).hasSize(1);
        passWithBeats(hung, Duration.ofSeconds(5));

        assertThat(events).containsExactly("hang 1000: 3 probes missed, the last: /alive did not answer within 2000 ms",
                "thread dump 1000");
        assertThat(workers.launched()).as("the replacement starts at once").hasSize(2);
        assertThat(hung.signals).containsExactly("SIGTERM");
        loop.advance(Duration.ofMillis(4999));
        assertThat(hung.signals).containsExactly("SIGTERM");
        loop.advance(Duration.ofMillis(1));
        assertThat(hung.signals).as("SIGKILL after the grace period").containsExactly("SIGTERM", "SIGKILL");
        assertThat(status().lastExit().reason())
                .startsWith("hung: 3 probes missed").endsWith("killed by SIGKILL");
    }

    @Test
    void silenceOnTheControlChannelIsAMissedProbeEvenWhenHttpAnswers() {
        start();
        FakeWorkers.Worker silent = workers.last();
        serve(silent);
        loop.advance(Duration.ofSeconds(5));
        assertThat(status().worker().health()).isEqualTo("missed 1 of 3 probes: no heartbeat for 5 s");
        loop.advance(Duration.ofSeconds(10));
        assertThat(events).first().asString().startsWith("hang 1000: 3 probes missed, the last: no heartbeat for 15 s");
    }

    @Test
    void aStoppedWorkerIsKilledAtOnceForItCanNeitherDumpNorDrain() {
        start();
        FakeWorkers.Worker frozen = workers.last();
        serve(frozen);
        stopped = true;
        loop.advance(Duration.ofSeconds(15));
        assertThat(events).containsExactly("hang 1000: 3 probes missed, the last: no heartbeat for 15 s");
        assertThat(frozen.signals).containsExactly("SIGTERM", "SIGKILL");
        assertThat(workers.launched()).hasSize(2);
    }

    @Test
    void aRollingRestartHandsOverOnlyOnceTheNewWorkerServes() {
        start();
        FakeWorkers.Worker old = workers.last();
        serve(old);
        CompletableFuture<String> restarted = supervisor.restartWorker();
        loop.runPending();
        FakeWorkers.Worker next = workers.last();
        assertThat(next).isNotSameAs(old);
        assertThat(old.successor).as("the first worker checks the port is free").isFalse();
        assertThat(next.successor).as("its successor joins the port").isTrue();
        assertThat(status().state()).isEqualTo(SupervisorState.ROLLING);
        assertThat(old.received).noneMatch(ControlMessage.Handover.class::isInstance);
        assertThat(restarted).isNotDone();

        serve(next);
        assertThat(old.received).contains(new ControlMessage.Handover(25_000));
        assertThat(old.signals).as("told over the control channel, not signalled").isEmpty();
        assertThat(restarted).isCompletedWithValue("worker pid 1000 replaced by pid 1001 on 127.0.0.1:3456");
        assertThat(status().state()).isEqualTo(SupervisorState.SERVING);
        assertThat(status().worker().pid()).isEqualTo(1001);

        old.exit(0);
        loop.runPending();
        assertThat(status().lastExit().reason()).isEqualTo("replaced by worker pid 1001; exited with status 0");
        assertThat(workers.launched()).hasSize(2);
        assertThat(events).containsExactly("restart 1001");
    }

    @Test
    void withoutSoReusePortARollingRestartDrainsTheOldWorkerBeforeTheNewOneStarts() {
        start(WatchdogSettings.defaults(), false);
        FakeWorkers.Worker old = workers.last();
        serve(old);
        CompletableFuture<String> restarted = supervisor.restartWorker();
        loop.runPending();
        assertThat(old.received).contains(new ControlMessage.Handover(25_000));
        assertThat(workers.launched()).as("the port is still the old worker's").hasSize(1);

        supervisor.received(old, new ControlMessage.Draining());
        loop.runPending();
        assertThat(workers.launched()).as("its listener is closed: the next one starts").hasSize(2);
        serve(workers.last());
        assertThat(restarted).isCompletedWithValue("worker pid 1001 serves on 127.0.0.1:3456");
        assertThat(status().state()).isEqualTo(SupervisorState.SERVING);
    }

    @Test
    void aNewWorkerThatFailsDuringARollingRestartLeavesTheOldOneServing() {
        start();
        FakeWorkers.Worker old = workers.last();
        serve(old);
        CompletableFuture<String> restarted = supervisor.restartWorker();
        loop.runPending();
        workers.last().exit(1);
        loop.runPending();
        assertThat(restarted).isCompletedExceptionally();
        assertThat(status().state()).isEqualTo(SupervisorState.SERVING);
        assertThat(status().worker().pid()).isEqualTo(old.pid);
        assertThat(old.received).noneMatch(ControlMessage.Handover.class::isInstance);
    }

    @Test
    void aCrashLoopRaisesTheAlarmAndTheSupervisorKeepsTryingAtTheCap() {
        start();
        for (int failure = 1; failure <= 6; failure++) {
            workers.last().exit(1);
            loop.runPending();
            if (failure < 6) { // waits of 0, 1, 2, 4 and 8 s: all six within the window
                loop.advance(status().nextRestartAt() == null ? Duration.ZERO
                        : Duration.between(clock.instant(), status().nextRestartAt()));
            }
        }
        assertThat(events).last().isEqualTo(
                "crash loop: crash loop: 6 worker failures within 300 s; restarting every 60 s");
        assertThat(status().crashLoop()).isTrue();
        assertThat(status().restartsInWindow()).isEqualTo(6);
        assertThat(workers.launched()).as("no restart until the cap has passed").hasSize(6);
        loop.advance(Duration.ofSeconds(60));
        assertThat(workers.launched()).as("never giving up").hasSize(7);

        FakeWorkers.Worker next = workers.last();
        serve(next);
        assertThat(next.received).contains(new ControlMessage.Alarm(
                "crash loop: 6 worker failures within 300 s; restarting every 60 s"));
        supervisor.restartWorker();
        loop.runPending();
        assertThat(status().crashLoop()).as("an operator's restart clears the alarm").isFalse();
        assertThat(next.received).last().isEqualTo(new ControlMessage.Alarm(""));
    }

    @Test
    void aWorkerLeftByADeadSupervisorIsAdoptedNotReplaced() throws Exception {
        ProcessHandle alive = ProcessHandle.current();
        run.write(run.workerPidFile(), ProcessRecord.of(alive, "127.0.0.1", 3456).orElseThrow());
        start();
        assertThat(status().state()).isEqualTo(SupervisorState.ADOPTING);
        FakeWorkers.Worker adopted = new FakeWorkers(clock).new Worker(alive.pid());
        supervisor.received(adopted, new ControlMessage.Hello(alive.pid(), ARGS));
        supervisor.received(adopted, new ControlMessage.Ready("127.0.0.1", 3456, 25_000));
        loop.runPending();

        assertThat(status().state()).isEqualTo(SupervisorState.SERVING);
        assertThat(status().worker().pid()).isEqualTo(alive.pid());
        assertThat(workers.launched()).as("no second worker fights for the port").isEmpty();
        assertThat(workers.adopted()).hasSize(1);
    }

    @Test
    void anAdoptedWorkerStartedWithOtherOptionsIsReplacedByARollingRestart() throws Exception {
        ProcessHandle alive = ProcessHandle.current();
        run.write(run.workerPidFile(), ProcessRecord.of(alive, "127.0.0.1", 4000).orElseThrow());
        start();
        FakeWorkers.Worker adopted = new FakeWorkers(clock).new Worker(alive.pid());
        supervisor.received(adopted, new ControlMessage.Hello(alive.pid(), List.of("--port", "4000")));
        supervisor.received(adopted, new ControlMessage.Ready("127.0.0.1", 4000, 25_000));
        loop.runPending();
        assertThat(status().state()).isEqualTo(SupervisorState.ROLLING);
        assertThat(workers.launched()).hasSize(1);
    }

    @Test
    void aLeftWorkerThatDoesNotReconnectIsReplaced() throws Exception {
        run.write(run.workerPidFile(), ProcessRecord.of(ProcessHandle.current(), "127.0.0.1", 3456).orElseThrow());
        start();
        loop.advance(Duration.ofSeconds(10));
        assertThat(workers.launched()).hasSize(1);
        assertThat(workers.adopted().getFirst().signals).containsExactly("SIGTERM");
        assertThat(events).first().asString().startsWith("hang " + ProcessHandle.current().pid() + ": it did not reconnect");
    }

    @Test
    void memoryOverTheLimitForTheSustainPeriodLeadsToARollingRestart() {
        start(WatchdogSettings.defaults().withMemoryLimits(100 * MIB, 0, Duration.ofSeconds(10)));
        FakeWorkers.Worker big = workers.last();
        serve(big);
        residentBytes = 200 * MIB;
        passWithBeats(big, Duration.ofSeconds(10));
        assertThat(status().worker().residentBytes()).isEqualTo(200 * MIB);
        assertThat(workers.launched()).hasSize(1);
        passWithBeats(big, Duration.ofSeconds(5));
        assertThat(workers.launched()).as("over the limit for 10 s").hasSize(2);
        assertThat(status().state()).isEqualTo(SupervisorState.ROLLING);
    }

    @Test
    void stopWorkerDrainsAndStartsNothingUntilStartWorker() {
        start();
        FakeWorkers.Worker worker = workers.last();
        serve(worker);
        CompletableFuture<String> stopped = supervisor.stopWorker();
        loop.runPending();
        assertThat(worker.signals).containsExactly("SIGTERM");
        assertThat(stopped).isNotDone();
        worker.exit(0);
        loop.runPending();
        assertThat(stopped).isCompletedWithValue("every worker has stopped");
        assertThat(status().state()).isEqualTo(SupervisorState.STOPPED);
        loop.advance(Duration.ofMinutes(5));
        assertThat(workers.launched()).hasSize(1);

        CompletableFuture<String> started = supervisor.startWorker();
        loop.runPending();
        serve(workers.last());
        assertThat(started).isCompletedWithValue("worker pid 1001 serves on 127.0.0.1:3456");
    }
}
