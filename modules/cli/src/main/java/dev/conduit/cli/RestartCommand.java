package dev.conduit.cli;

import dev.conduit.config.ConduitHome;
import dev.conduit.watchdog.RunDirectory;
import dev.conduit.watchdog.RunState;
import dev.conduit.watchdog.LocalJmx;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code conduit restart}: a rolling restart through the supervisor's {@code restartWorker()}: the
 * new worker serves before the old one drains, so no request is refused.
 */
final class RestartCommand {

    private RestartCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            err.println("conduit restart takes no options");
            return Main.USAGE;
        }
        try {
            RunState state = RunState.inspect(RunDirectory.of(ConduitHome.current()));
            if (state.supervisor().isEmpty()) {
                out.println(state.worker().isPresent()
                        ? "No supervisor runs (the worker pid " + state.worker().get().pid()
                                + " serves alone): `conduit start` adopts it, then restart"
                        : "Conduit is not running");
                return Main.NOT_RUNNING;
            }
            try (LocalJmx jmx = LocalJmx.attach(state.supervisor().get().pid(), "the supervisor")) {
                out.println("Restarted: " + jmx.watchdog().restartWorker());
                return Main.OK;
            }
        } catch (IOException | RuntimeException e) {
            err.println("conduit restart: " + e.getMessage());
            return Main.FAILURE;
        }
    }
}
