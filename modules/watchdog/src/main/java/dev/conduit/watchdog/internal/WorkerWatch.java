package dev.conduit.watchdog.internal;

import dev.conduit.watchdog.WatchdogSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * Judges the serving worker once per probe interval: a heartbeat on the control channel within
 * the last 3 s and {@code GET /alive} over HTTP must both be fine, or the probe is missed; enough
 * misses in a row make the worker hung. Memory over a limit for long enough calls for a rolling restart.
 * The HTTP probe runs off the loop; the verdict is reached on it.
 */
final class WorkerWatch {

    /** Three heartbeats (one a second) missed make a probe missed. */
    static final Duration HEARTBEAT_SILENCE = Duration.ofSeconds(3);

    private final WatchdogSettings settings;
    private final AliveProbe probe;
    private final WorkerInspector inspector;
    private final Executor blocking;
    private final EventLoop loop;
    private final InstantSource clock;
    private final RestartPolicy policy;
    private final MemoryWatch memory;
    private final BiConsumer<TrackedWorker, String> hung;
    private final BiConsumer<TrackedWorker, String> outgrown;

    /**
     * @param hung called (on the loop) with a worker that missed too many probes, and why
     * @param outgrown called with a worker whose memory stayed over a limit, and how
     */
    WorkerWatch(WatchdogSettings settings, SupervisorEnvironment environment, RestartPolicy policy,
            BiConsumer<TrackedWorker, String> hung, BiConsumer<TrackedWorker, String> outgrown) {
        this.settings = settings;
        this.probe = environment.probe();
        this.inspector = environment.inspector();
        this.blocking = environment.blocking();
        this.loop = environment.loop();
        this.clock = environment.clock();
        this.policy = policy;
        this.memory = new MemoryWatch(settings.maxRssBytes(), settings.maxHeapBytes(), settings.memorySustain());
        this.hung = hung;
        this.outgrown = outgrown;
    }

    /**
     * Probes a serving worker; {@code stillServing} is asked on the loop once the probe is back
     * (the worker may have been replaced meanwhile), and {@code done} runs after the verdict.
     */
    void probe(TrackedWorker worker, BooleanSupplier stillServing, Runnable done) {
        String heartbeat = heartbeatProblem(worker, clock.instant());
        if (heartbeat != null) { // no need to wait for HTTP: the worker is not well
            judge(worker, heartbeat, inspector.residentBytes(worker.pid()));
            done.run();
            return;
        }
        String host = probeHost(worker.ready.host());
        int port = worker.ready.port();
        blocking.execute(() -> {
            Optional<String> alive = probe.check(host, port);
            long residentBytes = inspector.residentBytes(worker.pid());
            loop.execute(() -> {
                if (stillServing.getAsBoolean()) {
                    judge(worker, alive.orElse(null), residentBytes);
                }
                done.run();
            });
        });
    }

    /** True when a worker that is not serving yet has had longer than the start timeout. */
    boolean startOverdue(TrackedWorker worker) {
        return worker.ready == null
                && Duration.between(worker.launchedAt, clock.instant()).compareTo(settings.startTimeout()) > 0;
    }

    /** A new worker serves: what the last one used says nothing about it. */
    void newWorker() {
        memory.reset();
    }

    private String heartbeatProblem(TrackedWorker worker, Instant now) {
        if (worker.channel == null) {
            return "not connected to the control channel";
        }
        Duration silent = worker.lastBeatAt == null ? Duration.ZERO : Duration.between(worker.lastBeatAt, now);
        return silent.compareTo(HEARTBEAT_SILENCE) > 0 ? "no heartbeat for " + silent.toSeconds() + " s" : null;
    }

    private void judge(TrackedWorker worker, String problem, long residentBytes) {
        worker.residentBytes = residentBytes;
        if (problem == null) {
            worker.missedProbes = 0;
            worker.health = "alive";
            policy.healthy();
            memory.sample(clock.instant(), residentBytes, worker.heapUsedBytes)
                    .ifPresent(over -> outgrown.accept(worker, over));
            return;
        }
        worker.missedProbes++;
        policy.unhealthy();
        worker.health = "missed " + worker.missedProbes + " of " + settings.missesAllowed() + " probes: " + problem;
        if (worker.missedProbes >= settings.missesAllowed()) {
            hung.accept(worker, worker.missedProbes + " probes missed, the last: " + problem);
        }
    }

    private static String probeHost(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.isEmpty() ? "127.0.0.1" : host;
    }
}
