package dev.conduit.cli;

import dev.conduit.config.ConduitHome;
import dev.conduit.watchdog.LocalJmx;
import dev.conduit.watchdog.RunDirectory;
import dev.conduit.watchdog.RunState;
import dev.conduit.watchdog.WatchdogMXBean;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * {@code conduit restart}: a rolling restart through the supervisor's {@code restartWorker()}: the
 * new worker serves before the old one drains, so no request is refused. After {@code conduit
 * drain} it starts a worker again.
 */
final class RestartCommand {

    static final String USAGE = """
            conduit restart [--json]
              the new worker serves before the old one drains; clears the crash-loop alarm; after
              conduit drain, starts a worker again
              --json  one JSON object for scripts
              exit: 0 done; 1 failed (the old worker serves on); 3 not running""";

    private RestartCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Optional<AdminOptions> parsed = AdminOptions.withoutArguments("restart", USAGE, args, err);
        if (parsed.isEmpty()) {
            return Main.USAGE;
        }
        AdminOptions options = parsed.get();
        try {
            RunState state = RunState.inspect(RunDirectory.of(ConduitHome.current()));
            if (state.supervisor().isEmpty()) {
                err.println(state.worker().isPresent()
                        ? "No supervisor runs (the worker pid " + state.worker().get().pid()
                                + " serves alone): `conduit start` adopts it, then restart"
                        : "Conduit is not running");
                return Main.NOT_RUNNING;
            }
            try (LocalJmx jmx = LocalJmx.attach(state.supervisor().get().pid(), "the supervisor")) {
                WatchdogMXBean watchdog = jmx.watchdog();
                String result = watchdog.restartWorker();
                if (options.json()) {
                    JsonOutput.print(JsonOutput.object().put("restarted", true).put("message", result)
                            .put("worker_pid", watchdog.getWorkerPid()).put("state", watchdog.getState()), out);
                } else {
                    out.println("Restarted: " + result);
                }
                return Main.OK;
            }
        } catch (IOException | RuntimeException e) {
            err.println("conduit restart: " + e.getMessage());
            return Main.FAILURE;
        }
    }
}
