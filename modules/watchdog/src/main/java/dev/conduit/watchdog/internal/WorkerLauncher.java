package dev.conduit.watchdog.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Starts worker processes, and takes over ones another supervisor started. */
public interface WorkerLauncher {

    /**
     * Starts a worker with these {@code conduit run} arguments, linked to this supervisor.
     *
     * @param successor another worker of this supervisor may still hold the port; if not, the
     *     new worker makes sure the port is free before it shares it
     */
    WorkerProcess launch(List<String> args, boolean successor) throws IOException;

    /** The running process {@code pid}, to watch and signal; empty when it is gone. */
    Optional<WorkerProcess> adopt(long pid);
}
