package dev.conduit.cli;

import dev.conduit.config.ConduitHome;
import dev.conduit.server.UsageException;
import dev.conduit.server.WorkerOptions;
import dev.conduit.watchdog.DetachedSupervisor;
import dev.conduit.watchdog.Installation;
import dev.conduit.watchdog.ProcessRecord;
import dev.conduit.watchdog.RunDirectory;
import dev.conduit.watchdog.RunState;
import dev.conduit.watchdog.SupervisorOptions;
import dev.conduit.watchdog.LocalJmx;
import dev.conduit.watchdog.WatchdogMXBean;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code conduit start}: launches the supervisor in the background, which launches the worker,
 * and returns once the worker serves, or fails with the reason and the worker's last log lines
 * (and stops the supervisor it started).
 */
final class StartCommand {

    static final String USAGE = """
            conduit start [run options] [supervisor options]
              starts Conduit in the background (a supervisor and its worker) and returns once it serves
            """ + SupervisorOptions.USAGE.indent(2);

    private static final Duration READY_WAIT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(100);

    private StartCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        SupervisorOptions options;
        WorkerOptions workerOptions;
        try {
            options = SupervisorOptions.parse(args);
            workerOptions = WorkerOptions.parse(options.workerArgs().toArray(String[]::new));
        } catch (IllegalArgumentException | UsageException e) {
            err.println("conduit start: " + e.getMessage());
            err.print(USAGE);
            return Main.USAGE;
        }
        RunDirectory run = RunDirectory.of(ConduitHome.current());
        try {
            RunState state = RunState.inspect(run);
            if (state.supervisor().isPresent()) {
                err.println("Conduit is already running: supervisor pid " + state.supervisor().get().pid()
                        + state.worker().map(worker -> ", worker pid " + worker.pid() + " on port " + worker.port()).orElse(""));
                return Main.FAILURE;
            }
            state.worker().ifPresent(worker -> out.println("The worker pid " + worker.pid() + " still serves on port "
                    + worker.port() + ": the new supervisor adopts it."));
            long consoleMark = LogTail.mark(run.workerConsole());
            Process supervisor = DetachedSupervisor.launch(Installation.current(), run,
                    options.processArguments(workerOptions.arguments()), Map.of());
            return awaitServing(run, supervisor, consoleMark, out, err);
        } catch (IOException e) {
            err.println("conduit start: " + e.getMessage());
            return Main.FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILURE;
        }
    }

    private static int awaitServing(RunDirectory run, Process supervisor, long consoleMark, PrintStream out,
            PrintStream err) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        LocalJmx jmx = null;
        try {
            while (System.nanoTime() < deadline) {
                if (!supervisor.isAlive()) {
                    err.println("conduit start: the supervisor exited with status " + supervisor.exitValue() + ":");
                    printTail(err, run.supervisorLog(), 0);
                    printTail(err, run.supervisorConsole(), 0);
                    return Main.FAILURE;
                }
                if (jmx == null && ownPidFile(run, supervisor)) {
                    jmx = LocalJmx.attach(supervisor.pid(), "the supervisor");
                }
                if (jmx != null) {
                    WatchdogMXBean watchdog = jmx.watchdog();
                    if (watchdog.getState().equals("SERVING")) {
                        out.println("Conduit is running on http://" + watchdog.getWorkerHost() + ":"
                                + watchdog.getWorkerPort() + " (supervisor pid " + supervisor.pid() + ", worker pid "
                                + watchdog.getWorkerPid() + "); logs in " + run.logs());
                        return Main.OK;
                    }
                    if (!watchdog.getLastExitReason().isEmpty()) {
                        err.println("conduit start: the worker " + watchdog.getLastExitReason() + "; its last lines:");
                        printTail(err, run.workerConsole(), consoleMark);
                        stop(supervisor);
                        return Main.FAILURE;
                    }
                }
                Thread.sleep(POLL);
            }
            err.println("conduit start: the worker did not serve within " + READY_WAIT.toSeconds() + " s; its last lines:");
            printTail(err, run.workerConsole(), consoleMark);
            stop(supervisor);
            return Main.FAILURE;
        } finally {
            if (jmx != null) {
                jmx.close();
            }
        }
    }

    private static boolean ownPidFile(RunDirectory run, Process supervisor) {
        Optional<ProcessRecord> record = run.read(run.supervisorPidFile());
        return record.isPresent() && record.get().pid() == supervisor.pid();
    }

    /** Stops the supervisor this command started, so a failed start leaves nothing behind. */
    private static void stop(Process supervisor) throws InterruptedException {
        supervisor.destroy();
        if (!supervisor.waitFor(60, TimeUnit.SECONDS)) {
            supervisor.destroyForcibly();
        }
    }

    private static void printTail(PrintStream err, Path file, long mark) {
        LogTail.lines(file, mark, 20).forEach(line -> err.println("  " + line));
    }
}
