package dev.conduit.watchdog.internal;

import dev.conduit.control.ControlMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers told to go, until they exit: each is killed (SIGKILL) if it is still there a margin
 * past its drain deadline, or past the grace period of a hung worker. Used on the loop only.
 */
final class Departures {

    private static final Logger LOG = LoggerFactory.getLogger(Departures.class);
    /** Beyond a worker's drain deadline, how long it gets before SIGKILL. */
    static final Duration EXIT_MARGIN = Duration.ofSeconds(10);

    private final EventLoop loop;
    private final List<TrackedWorker> leaving = new ArrayList<>();

    Departures(EventLoop loop) {
        this.loop = loop;
    }

    /** Tells a worker a successor serves (it drains and exits); SIGTERM if it cannot be told. */
    void handOver(TrackedWorker worker, String reason) {
        add(worker, reason);
        if (!worker.send(new ControlMessage.Handover(worker.drainTimeout().toMillis()))) {
            worker.process.terminate();
        }
    }

    /** SIGTERM: the worker drains and exits, with no successor taking its requests. */
    void terminate(TrackedWorker worker, String reason) {
        add(worker, reason);
        worker.process.terminate();
    }

    /**
     * A hung worker leaves: a thread dump if it can give one (taken off the loop), SIGTERM, SIGKILL
     * after {@code grace}; a stopped process (SIGSTOP) can do neither, and is killed at once.
     */
    void removeHung(TrackedWorker worker, String reason, WorkerInspector inspector, Executor blocking, Duration grace) {
        add(worker, reason);
        blocking.execute(() -> {
            boolean stopped = inspector.stopped(worker.pid());
            LOG.info("worker pid {}: {}", worker.pid(), stopped
                    ? "no thread dump: the process is stopped (SIGSTOP); it can neither answer nor drain"
                    : inspector.saveThreadDump(worker.pid()).orElse("no thread dump"));
            loop.execute(() -> {
                worker.process.terminate();
                killAfter(worker, stopped ? Duration.ZERO : grace);
            });
        });
    }

    /** Marks a worker that drains already (SIGTERM from outside) as leaving. */
    void add(TrackedWorker worker, String reason) {
        worker.leaveReason = reason;
        leaving.add(worker);
        killAfter(worker, worker.drainTimeout().plus(EXIT_MARGIN));
    }

    /** Moves the worker's SIGKILL to {@code grace} from now. */
    void killAfter(TrackedWorker worker, Duration grace) {
        if (worker.killTimer != null) {
            worker.killTimer.cancel();
        }
        worker.killTimer = loop.schedule(grace, () -> {
            LOG.warn("worker pid {} is still there {} s after it was told to go: SIGKILL", worker.pid(), grace.toSeconds());
            worker.process.kill();
        });
    }

    /** The worker has exited; true when it was one that had been told to go. */
    boolean exited(TrackedWorker worker) {
        if (worker.killTimer != null) {
            worker.killTimer.cancel();
        }
        return leaving.remove(worker);
    }

    boolean isEmpty() {
        return leaving.isEmpty();
    }

    Stream<TrackedWorker> stream() {
        return leaving.stream();
    }
}
