package dev.conduit.watchdog.internal;

import dev.conduit.watchdog.RunDirectory;
import java.time.InstantSource;
import java.util.concurrent.Executor;

/**
 * Everything the supervisor reaches outside itself, so tests can give it fake processes, a
 * manual loop and clock.
 *
 * @param blocking runs what may block (HTTP probes, thread dumps) off the loop
 * @param portShared whether workers can share the port (SO_REUSEPORT); if not, a rolling restart
 *     drains the old worker before it starts the new one
 */
public record SupervisorEnvironment(WorkerLauncher launcher, WorkerInspector inspector, AliveProbe probe,
        Executor blocking, EventLoop loop, InstantSource clock, RunDirectory run, SupervisorEvents events,
        boolean portShared) {}
