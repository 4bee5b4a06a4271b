package dev.conduit.watchdog;

import java.time.Instant;
import java.util.Optional;

/**
 * What a pid file says about a process: its id and start time (so a recycled pid is not taken
 * for it), and for a worker where it listens.
 *
 * @param port 0 when not listening (the supervisor)
 */
public record ProcessRecord(long pid, Instant startedAt, String host, int port) {

    /** The record of a running process, with its start time as the system reports it. */
    public static Optional<ProcessRecord> of(ProcessHandle process, String host, int port) {
        return process.info().startInstant().map(started -> new ProcessRecord(process.pid(), started, host, port));
    }

    /** The process, if it still runs and is the one this record was written for. */
    public Optional<ProcessHandle> live() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().startInstant().map(startedAt::equals).orElse(false));
    }
}
