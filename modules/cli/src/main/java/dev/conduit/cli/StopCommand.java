package dev.conduit.cli;

import dev.conduit.config.ConduitHome;
import dev.conduit.watchdog.ProcessRecord;
import dev.conduit.watchdog.RunDirectory;
import dev.conduit.watchdog.RunState;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code conduit stop}: SIGTERM to the supervisor, which drains and stops its workers and then
 * exits; this command waits for both. A worker left without a supervisor gets SIGTERM itself.
 */
final class StopCommand {

    /** The worker's drain deadline (25 s by default), the supervisor's kill margin, and some. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(90);

    private StopCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            err.println("conduit stop takes no options");
            return Main.USAGE;
        }
        try {
            RunState state = RunState.inspect(RunDirectory.of(ConduitHome.current()));
            Optional<ProcessRecord> target = state.supervisor().or(state::worker);
            Optional<ProcessHandle> process = target.flatMap(ProcessRecord::live);
            if (process.isEmpty()) {
                out.println("Conduit is not running");
                return Main.NOT_RUNNING;
            }
            String who = (state.supervisor().isPresent() ? "supervisor pid " : "worker pid (no supervisor) ")
                    + target.get().pid();
            out.println("Stopping Conduit (" + who + "): the worker drains, streams may run to their deadline...");
            process.get().destroy();
            process.get().onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            state.worker().flatMap(ProcessRecord::live).ifPresent(worker -> awaitExit(worker, Duration.ofSeconds(15)));
            out.println("Conduit has stopped");
            return Main.OK;
        } catch (IOException | ExecutionException e) {
            err.println("conduit stop: " + e.getMessage());
            return Main.FAILURE;
        } catch (TimeoutException e) {
            err.println("conduit stop: still running after " + STOP_WAIT.toSeconds() + " s");
            return Main.FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILURE;
        }
    }

    /** The supervisor waits for its workers before it exits; this covers a worker it could not reach. */
    private static void awaitExit(ProcessHandle worker, Duration limit) {
        try {
            worker.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // status reports what still runs
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
