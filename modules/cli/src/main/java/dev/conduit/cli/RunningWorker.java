package dev.conduit.cli;

import dev.conduit.config.ConduitHome;
import dev.conduit.watchdog.LocalJmx;
import dev.conduit.watchdog.ProcessRecord;
import dev.conduit.watchdog.RunDirectory;
import dev.conduit.watchdog.RunState;
import java.io.IOException;

/**
 * The worker of this Conduit home, reached over JMX through the Attach API (same OS user): found
 * as {@code conduit status} finds it, from the pid file the supervisor keeps, checked against the
 * process's start time. A worker run in the foreground ({@code conduit run}) writes no pid file.
 */
final class RunningWorker {

    /** Why there is no worker to talk to, with the exit code the command returns. */
    static final class Unavailable extends Exception {

        private final int exitCode;

        Unavailable(String message, int exitCode) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    private RunningWorker() {}

    /** The serving worker's record, or why there is none: 3 when nothing runs, 1 when only the supervisor does. */
    static ProcessRecord find() throws Unavailable {
        RunState state;
        try {
            state = RunState.inspect(RunDirectory.of(ConduitHome.current()));
        } catch (IOException e) {
            throw new Unavailable("cannot read the run directory: " + e.getMessage(), Main.FAILURE);
        }
        if (state.worker().isPresent()) {
            return state.worker().get();
        }
        if (state.supervisor().isPresent()) {
            throw new Unavailable("Conduit's supervisor (pid " + state.supervisor().get().pid()
                    + ") runs, but no worker serves: conduit status says why, conduit restart starts one", Main.FAILURE);
        }
        throw new Unavailable("Conduit is not running", Main.NOT_RUNNING);
    }

    /** A JMX connection to the serving worker. */
    static LocalJmx attach() throws Unavailable {
        return attach(find());
    }

    static LocalJmx attach(ProcessRecord worker) throws Unavailable {
        try {
            return LocalJmx.attach(worker.pid(), "the worker");
        } catch (IOException e) {
            throw new Unavailable("the worker (pid " + worker.pid() + ") does not answer over JMX: " + e.getMessage(),
                    Main.FAILURE);
        }
    }
}
