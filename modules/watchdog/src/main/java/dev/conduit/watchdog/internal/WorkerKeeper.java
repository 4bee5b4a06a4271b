package dev.conduit.watchdog.internal;

import dev.conduit.control.ControlMessage;
import dev.conduit.control.WorkerChannel;
import dev.conduit.watchdog.ProcessRecord;
import dev.conduit.watchdog.RunDirectory;
import dev.conduit.watchdog.WatchdogSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's decisions, made on its {@link EventLoop} only (so the state needs no locks):
 * which worker is the primary that serves, which successor starts beside it in a rolling
 * restart, which workers are leaving; when to start, restart, replace and stop them. Other
 * threads read the {@link SupervisorStatus} it publishes after each event.
 */
final class WorkerKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerKeeper.class);

    private final WatchdogSettings settings;
    private final List<String> workerArgs;
    private final SupervisorEnvironment environment;
    private final EventLoop loop;
    private final InstantSource clock;
    private final RunDirectory run;
    private final RestartPolicy policy;
    private final WorkerWatch watch;
    private final CrashLoopAlarm alarm;
    private final PendingRequests pending = new PendingRequests();

    private SupervisorState state = SupervisorState.STARTING;
    private TrackedWorker primary;
    private TrackedWorker successor;
    private final Departures leaving;
    private long adoptingPid = -1;
    private EventLoop.Timer adoptTimer;
    private final BackoffTimer backoff;
    private boolean started;
    private long restarts;
    private SupervisorStatus.LastExit lastExit;
    private volatile SupervisorStatus status;

    WorkerKeeper(WatchdogSettings settings, List<String> workerArgs, RestartPolicy policy,
            SupervisorEnvironment environment) {
        this.settings = settings;
        this.workerArgs = List.copyOf(workerArgs);
        this.environment = environment;
        this.loop = environment.loop();
        this.clock = environment.clock();
        this.run = environment.run();
        this.policy = policy;
        this.leaving = new Departures(loop);
        this.backoff = new BackoffTimer(loop, clock);
        this.watch = new WorkerWatch(settings, environment, policy, this::hung,
                (worker, reason) -> roll("memory: " + reason, new CompletableFuture<>()));
        this.alarm = new CrashLoopAlarm(settings, environment.events(),
                text -> workers().forEach(worker -> worker.send(new ControlMessage.Alarm(text))));
        publish();
    }

    /** Adopts the worker a dead supervisor left serving, or starts the first worker. */
    void start() {
        scheduleProbes();
        Optional<ProcessRecord> left = run.liveRecord(run.workerPidFile());
        if (left.isPresent()) {
            state = SupervisorState.ADOPTING;
            adoptingPid = left.get().pid();
            LOG.info("worker pid {} still serves on port {}: adopting it once it reconnects", adoptingPid,
                    left.get().port());
            adoptTimer = loop.schedule(settings.adoptTimeout(), this::adoptionTimedOut);
        } else {
            launchPrimary("first start");
        }
        publish();
    }

    SupervisorStatus status() {
        return status;
    }

    // --- operations ---

    /** A rolling restart when serving, else a start now; the operator's word clears the past failures. */
    void restart(CompletableFuture<String> done) {
        switch (state) {
            case SERVING -> {
                acknowledgeFailures();
                roll("rolling restart requested", done);
            }
            case BACKOFF, STOPPED -> {
                acknowledgeFailures();
                backoff.cancel();
                pending.awaitServe(done);
                launchPrimary("restart requested");
            }
            default -> done.completeExceptionally(new IllegalStateException(
                    "cannot restart the worker while the supervisor is " + state));
        }
        publish();
    }

    /** The service's reload signal: the serving workers reload their config (a leaving one need not). */
    void reloadWorkers() {
        long told = Stream.of(primary, successor).filter(worker -> worker != null)
                .filter(worker -> worker.send(new ControlMessage.Reload())).count();
        LOG.info("reload signal: {} worker(s) told to reload the config", told);
    }

    /** Starts a worker after {@code stopWorker()}. */
    void startStopped(CompletableFuture<String> done) {
        if (state != SupervisorState.STOPPED) {
            done.complete("the worker was not stopped: the supervisor is " + state);
            return;
        }
        acknowledgeFailures();
        pending.awaitServe(done);
        launchPrimary("started by an operator");
        publish();
    }

    /** Drains and stops every worker ({@code target}: STOPPED or STOPPING); {@code done} once all exited. */
    void stop(SupervisorState target, String reason, CompletableFuture<String> done) {
        pending.awaitStop(done);
        stopAll(target, reason);
    }

    // --- the control channel ---

    void received(WorkerChannel channel, ControlMessage message) {
        switch (message) {
            case ControlMessage.Hello hello -> hello(channel, hello);
            case ControlMessage.Ready ready -> find(channel).ifPresent(worker -> ready(worker, ready));
            case ControlMessage.Draining draining -> find(channel).ifPresent(this::draining);
            case ControlMessage.StoppingByRequest stopping -> find(channel).ifPresent(worker ->
                    stoppingByRequest(worker, Duration.ofMillis(stopping.deadlineMillis())));
            case ControlMessage.RestartRequest request -> find(channel).filter(worker -> worker == primary)
                    .ifPresent(worker -> restartOnRequest(worker));
            case ControlMessage.Beat beat -> find(channel).ifPresent(worker -> {
                worker.lastBeatAt = clock.instant();
                worker.heapUsedBytes = beat.heapUsedBytes();
            });
            default -> LOG.debug("ignored a supervisor's message from a worker: {}", message);
        }
        publish();
    }

    void closed(WorkerChannel channel) {
        find(channel).ifPresent(worker -> worker.channel = null);
    }

    /** The worker a dead supervisor left did not reconnect: it is hung, or gone. */
    private void adoptionTimedOut() {
        long pid = adoptingPid;
        adoptingPid = -1;
        Optional<TrackedWorker> silent = adopt(pid, "left by the previous supervisor");
        if (silent.isPresent()) {
            hung(silent.get(), "it did not reconnect within " + settings.adoptTimeout().toSeconds() + " s");
        } else {
            launchPrimary("first start");
        }
        publish();
    }

    private void hello(WorkerChannel channel, ControlMessage.Hello hello) {
        Optional<TrackedWorker> known = workers().filter(worker -> worker.pid() == hello.pid()).findFirst();
        TrackedWorker worker;
        if (known.isPresent()) {
            worker = known.get();
        } else if (hello.pid() == adoptingPid) {
            worker = adopt(hello.pid(), "adopted from the previous supervisor").orElse(null);
            if (worker == null) {
                return;
            }
            adoptTimer.cancel();
            adoptingPid = -1;
            primary = worker;
            state = SupervisorState.STARTING;
            LOG.info("adopted worker pid {}", worker.pid());
        } else {
            worker = adopt(hello.pid(), "unknown").orElse(null);
            if (worker == null) {
                return;
            }
            LOG.warn("worker pid {}, which this supervisor did not start, connected: handing its traffic over", worker.pid());
            worker.channel = channel;
            leaving.handOver(worker, "not this supervisor's worker");
            return;
        }
        worker.channel = channel;
        worker.args = hello.args();
        worker.lastBeatAt = clock.instant();
        worker.send(new ControlMessage.Alarm(alarm.text()));
    }

    private void ready(TrackedWorker worker, ControlMessage.Ready ready) {
        worker.ready = ready;
        worker.lastBeatAt = clock.instant();
        if (worker == successor) {
            completeRoll();
        } else if (worker == primary && state == SupervisorState.STARTING) {
            serving(worker);
        }
    }

    private void draining(TrackedWorker worker) {
        worker.draining = true;
        if (worker == primary && state != SupervisorState.ROLLING) {
            // someone sent the worker SIGTERM: it no longer accepts, so a replacement starts now
            LOG.warn("worker pid {} drains without being asked to (SIGTERM from outside?): starting a replacement",
                    worker.pid());
            primary = null;
            leaving.add(worker, "drained on its own");
            launchPrimary("the previous worker drained on its own");
        } else if (!environment.portShared() && worker.leaving() && state == SupervisorState.ROLLING && successor == null) {
            successor = launch("rolling restart (after the old worker stopped listening)");
        }
    }

    /** An operator drained the serving worker (JMX drain): it leaves, and nothing replaces it until a restart. */
    private void stoppingByRequest(TrackedWorker worker, Duration deadline) {
        if (worker != primary || state != SupervisorState.SERVING) {
            draining(worker);
            return;
        }
        LOG.info("worker pid {} drains at an operator's request: no new worker starts until restartWorker()", worker.pid());
        worker.draining = true;
        primary = null;
        state = SupervisorState.STOPPED;
        backoff.cancel();
        leaving.add(worker, "drained by an operator");
        leaving.killAfter(worker, deadline.plus(Departures.EXIT_MARGIN));
    }

    /** The worker relays an operator's restart (its JMX restart()): a rolling restart, as restartWorker() does. */
    private void restartOnRequest(TrackedWorker worker) {
        LOG.info("worker pid {} asks for a rolling restart (an operator's JMX restart())", worker.pid());
        CompletableFuture<String> done = new CompletableFuture<>();
        done.whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.warn("the restart the worker asked for failed: {}", failure.getMessage());
            }
        });
        restart(done);
    }

    // --- starting, serving, exiting ---

    private void launchPrimary(String reason) {
        primary = launch(reason);
        if (primary != null) {
            state = SupervisorState.STARTING;
            watch.newWorker();
        }
    }

    /** Starts a worker; null (and a failure recorded) when the process cannot be started. */
    private TrackedWorker launch(String reason) {
        WorkerProcess process;
        try {
            process = environment.launcher().launch(workerArgs, workers().findAny().isPresent());
        } catch (IOException e) {
            LOG.error("cannot start a worker: {}", e.getMessage());
            failed("cannot start a worker: " + e.getMessage());
            return null;
        }
        if (started) {
            restarts++;
        }
        started = true;
        TrackedWorker worker = new TrackedWorker(process, clock.instant(), reason);
        watchExit(worker);
        LOG.info("started worker pid {} ({})", process.pid(), reason);
        return worker;
    }

    private Optional<TrackedWorker> adopt(long pid, String reason) {
        Optional<TrackedWorker> adopted = environment.launcher().adopt(pid)
                .map(process -> new TrackedWorker(process, process.startedAt(), reason));
        adopted.ifPresent(this::watchExit);
        return adopted;
    }

    private void watchExit(TrackedWorker worker) {
        worker.process.exited().thenAccept(exit -> loop.execute(() -> {
            exited(worker, exit);
            publish();
        }));
    }

    private void serving(TrackedWorker worker) {
        state = SupervisorState.SERVING;
        worker.health = "alive";
        writeWorkerPid(worker);
        policy.healthy();
        String message = "worker pid " + worker.pid() + " serves on " + worker.address();
        LOG.info("{} ({})", message, worker.startReason);
        if (restarts > 0 && !worker.startReason.equals("first start")) {
            environment.events().restarted(worker.pid(), worker.startReason);
        }
        pending.served(message);
        if (!worker.args.isEmpty() && !worker.args.equals(workerArgs)) {
            roll("the adopted worker runs with other options (" + String.join(" ", worker.args) + ")",
                    new CompletableFuture<>());
        }
    }

    private void exited(TrackedWorker worker, ExitStatus exit) {
        leaving.exited(worker);
        lastExit = new SupervisorStatus.LastExit(exit,
                (worker.leaving() ? worker.leaveReason + "; " : "") + exit.describe(), clock.instant());
        if (worker == primary) {
            primary = null;
            run.delete(run.workerPidFile());
            LOG.error("worker pid {} {}", worker.pid(), exit.describe());
            environment.events().crashed(worker.pid(), exit.describe());
            pending.notServed("the worker " + exit.describe() + " before it served");
            failed("the previous worker " + exit.describe());
        } else if (worker == successor) {
            successor = null;
            LOG.error("the new worker pid {} {} before it served", worker.pid(), exit.describe());
            rollFailed("the new worker " + exit.describe() + " before it served");
        } else {
            LOG.info("worker pid {} has left ({})", worker.pid(), lastExit.reason());
            if (state == SupervisorState.ROLLING && primary == null && successor == null) {
                successor = launch("rolling restart (after the old worker stopped)");
            }
        }
        checkStopped();
    }

    /** A worker failed: start the next one after the policy's wait, raising the crash-loop alarm when due. */
    private void failed(String reason) {
        Duration wait = policy.failed();
        alarm.update(policy);
        if (state == SupervisorState.STOPPED || state == SupervisorState.STOPPING || primary != null) {
            return;
        }
        if (wait.isZero()) {
            launchPrimary("restart after failure: " + reason);
            return;
        }
        state = SupervisorState.BACKOFF;
        LOG.info("next worker in {} ms", wait.toMillis());
        backoff.schedule(wait, () -> {
            launchPrimary("restart after failure: " + reason);
            publish();
        });
    }

    /** The operator stepped in: forget past failures and clear the alarm. */
    private void acknowledgeFailures() {
        policy.reset();
        alarm.clear();
    }

    // --- rolling restarts ---

    private void roll(String reason, CompletableFuture<String> done) {
        pending.awaitRoll(done);
        state = SupervisorState.ROLLING;
        LOG.info("rolling restart: {}", reason);
        if (environment.portShared()) {
            successor = launch(reason);
            if (successor == null) {
                rollFailed("the new worker could not be started");
            }
        } else {
            // without SO_REUSEPORT the new worker can listen only once the old one has stopped
            TrackedWorker old = primary;
            primary = null;
            leaving.handOver(old, "rolling restart");
        }
    }

    private void completeRoll() {
        TrackedWorker old = primary;
        TrackedWorker next = successor;
        primary = next;
        successor = null;
        serving(next);
        String message;
        if (old != null) {
            leaving.handOver(old, "replaced by worker pid " + next.pid());
            message = "worker pid " + old.pid() + " replaced by pid " + next.pid() + " on " + next.address();
        } else {
            message = "worker pid " + next.pid() + " serves on " + next.address();
        }
        watch.newWorker();
        pending.rolled(message);
    }

    private void rollFailed(String reason) {
        if (primary != null) {
            state = SupervisorState.SERVING;
            LOG.error("rolling restart failed: {}; the worker pid {} serves on", reason, primary.pid());
        } else if (state == SupervisorState.ROLLING) {
            failed(reason);
        }
        pending.rollFailed(reason);
    }

    // --- stopping ---

    private void stopAll(SupervisorState target, String reason) {
        state = target;
        backoff.cancel();
        if (adoptingPid >= 0) {
            adoptTimer.cancel();
            adopt(adoptingPid, "adopted to be stopped").ifPresent(worker -> primary = worker);
            adoptingPid = -1;
        }
        pending.rollFailed("the supervisor stops");
        for (TrackedWorker worker : Stream.of(primary, successor).filter(w -> w != null).toList()) {
            leaving.terminate(worker, reason);
        }
        primary = null;
        successor = null;
        checkStopped();
        publish();
    }

    private void checkStopped() {
        boolean stopping = state == SupervisorState.STOPPED || state == SupervisorState.STOPPING;
        if (stopping && primary == null && successor == null && leaving.isEmpty()) {
            run.delete(run.workerPidFile());
            pending.stopped();
        }
    }

    // --- probes ---

    private void scheduleProbes() {
        loop.schedule(settings.probeInterval(), () -> {
            if (state != SupervisorState.STOPPING) {
                probeTick();
                scheduleProbes();
            }
        });
    }

    private void probeTick() {
        if (policy.resetIfHealthyLongEnough()) {
            LOG.info("the worker has been healthy for {} min: backoff reset", settings.healthyReset().toMinutes());
            alarm.clear();
        }
        if (successor != null && watch.startOverdue(successor)) {
            successor.process.kill();
        }
        TrackedWorker worker = primary;
        if (worker != null && watch.startOverdue(worker)) {
            hung(worker, "it did not serve within " + settings.startTimeout().toSeconds() + " s");
        } else if (worker != null && state == SupervisorState.SERVING) {
            watch.probe(worker, () -> worker == primary && state == SupervisorState.SERVING, this::publish);
        }
        publish();
    }

    /** Replaces a hung worker (see {@link Departures#removeHung}). */
    private void hung(TrackedWorker worker, String problem) {
        LOG.error("worker pid {} is hung ({}): replacing it", worker.pid(), problem);
        environment.events().hung(worker.pid(), problem);
        primary = null;
        leaving.removeHung(worker, "hung: " + problem, environment.inspector(), environment.blocking(),
                settings.hangGrace());
        failed("the previous worker hung: " + problem);
    }

    // --- bookkeeping ---

    private Stream<TrackedWorker> workers() {
        return Stream.concat(Stream.of(primary, successor).filter(worker -> worker != null), leaving.stream());
    }

    private Optional<TrackedWorker> find(WorkerChannel channel) {
        return workers().filter(worker -> worker.channel == channel).findFirst();
    }

    private void writeWorkerPid(TrackedWorker worker) {
        try {
            run.write(run.workerPidFile(), new ProcessRecord(worker.pid(), worker.process.startedAt(),
                    worker.ready.host(), worker.ready.port()));
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", run.workerPidFile(), e.getMessage());
        }
    }

    private void publish() {
        status = new SupervisorStatus(state, primary == null ? SupervisorStatus.WorkerSnapshot.NONE : primary.snapshot(),
                restarts, policy.failuresInWindow(), alarm.raised(), lastExit, backoff.due());
    }
}
