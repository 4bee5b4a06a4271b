package dev.conduit.watchdog;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What runs for a Conduit home, checked rather than believed: a supervisor runs when its lock is
 * held (the system drops the lock of a killed process), and its pid file names it; a worker runs
 * when the process of its pid file is alive with the recorded start time. Pid files proven stale
 * are removed, under the lock so a supervisor starting meanwhile keeps its own.
 *
 * @param stale what was found stale and removed, in words
 */
public record RunState(Optional<ProcessRecord> supervisor, Optional<ProcessRecord> worker, List<String> stale) {

    /** A supervisor that holds the lock writes its pid file right after; this long it may take. */
    private static final Duration PID_FILE_WAIT = Duration.ofSeconds(3);

    public static RunState inspect(RunDirectory run) throws IOException {
        List<String> stale = new ArrayList<>();
        Optional<SupervisorLock> lock = SupervisorLock.tryAcquire(run);
        Optional<ProcessRecord> supervisor = Optional.empty();
        Optional<ProcessRecord> worker = run.liveRecord(run.workerPidFile());
        if (lock.isPresent()) {
            try (SupervisorLock held = lock.get()) {
                run.read(run.supervisorPidFile()).ifPresent(record -> {
                    stale.add("supervisor pid " + record.pid() + " is gone (stale pid file removed)");
                    run.delete(run.supervisorPidFile());
                });
                if (worker.isEmpty()) {
                    run.read(run.workerPidFile()).ifPresent(record -> {
                        stale.add("worker pid " + record.pid() + " is gone (stale pid file removed)");
                        run.delete(run.workerPidFile());
                    });
                }
            }
        } else {
            supervisor = awaitSupervisorRecord(run);
        }
        return new RunState(supervisor, worker, List.copyOf(stale));
    }

    private static Optional<ProcessRecord> awaitSupervisorRecord(RunDirectory run) {
        long deadline = System.nanoTime() + PID_FILE_WAIT.toNanos();
        Optional<ProcessRecord> record = run.liveRecord(run.supervisorPidFile());
        while (record.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50); // the supervisor is between taking its lock and writing its pid file
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            record = run.liveRecord(run.supervisorPidFile());
        }
        return record;
    }

    /** Nothing of Conduit runs. */
    public boolean nothingRuns() {
        return supervisor.isEmpty() && worker.isEmpty();
    }
}
