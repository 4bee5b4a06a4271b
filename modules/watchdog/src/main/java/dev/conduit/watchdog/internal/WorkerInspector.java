package dev.conduit.watchdog.internal;

import java.util.Optional;

/** What the supervisor reads about a worker from outside it. */
public interface WorkerInspector {

    /** Resident memory in bytes; -1 where the platform does not say. */
    long residentBytes(long pid);

    /** True when the process is stopped (SIGSTOP, a debugger): it can neither dump its threads nor drain. */
    boolean stopped(long pid);

    /**
     * Asks the JVM for a thread dump and saves it under {@code logs/}; a description of where it
     * went, or why there is none (a stopped process cannot answer). May take a few seconds.
     */
    Optional<String> saveThreadDump(long pid);
}
