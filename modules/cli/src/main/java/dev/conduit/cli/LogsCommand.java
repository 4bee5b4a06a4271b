package dev.conduit.cli;

import dev.conduit.server.WorkerEnvironment;
import dev.conduit.watchdog.RunDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code conduit logs}: the last lines of the worker's or the supervisor's log, and with
 * {@code -f} what is written after them, across the log's rotations.
 */
final class LogsCommand {

    static final String USAGE = """
            conduit logs [-f] [--worker|--supervisor] [--lines N]
              prints the last lines of a log under $CONDUIT_HOME/logs
              -f, --follow    keep printing what is written (Ctrl-C ends it), across rotations
              --worker        the worker's output (logs/worker.out; logs/worker.log without a
                              supervisor), the default
              --supervisor    the supervisor's log (logs/supervisor.log)
              --lines N       how many last lines (default 20)
              exit: 0 printed; 1 there is no such log yet; 2 bad options""";

    private static final int DEFAULT_LINES = 20;

    private LogsCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err, WorkerEnvironment environment) {
        boolean follow = false;
        boolean supervisor = false;
        int lines = DEFAULT_LINES;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-f", "--follow" -> follow = true;
                    case "--worker" -> supervisor = false;
                    case "--supervisor" -> supervisor = true;
                    case "--lines", "-n" -> lines = count(args, ++i);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (IllegalArgumentException usage) {
            err.println("conduit logs: " + usage.getMessage());
            err.println(USAGE);
            return Main.USAGE;
        }
        RunDirectory run = RunDirectory.of(environment.conduitHome());
        Path log = supervisor ? run.supervisorLog() : workerLog(run);
        if (!Files.isRegularFile(log)) {
            err.println("No log at " + log + (supervisor ? ": has conduit start run?"
                    : ": has conduit start run (or conduit run with LOG true)?"));
            return Main.FAILURE;
        }
        long end = LogTail.mark(log);
        LogTail.linesBefore(log, end, lines).forEach(out::println);
        if (!follow) {
            return Main.OK;
        }
        try {
            new LogFollower(log, out).follow(end);
            return Main.OK;
        } catch (IOException failed) {
            err.println("conduit logs: " + log + ": " + failed.getMessage());
            return Main.FAILURE;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Main.OK;
        }
    }

    /** A supervised worker's console holds its log lines; {@code conduit run} writes only worker.log. */
    private static Path workerLog(RunDirectory run) {
        Path console = run.workerConsole();
        return Files.exists(console) ? console : run.logs().resolve("worker.log");
    }

    private static int count(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException("--lines needs a number");
        }
        try {
            int lines = Integer.parseInt(args[index]);
            if (lines < 0) {
                throw new IllegalArgumentException("--lines must not be negative");
            }
            return lines;
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("--lines needs a number, not " + args[index]);
        }
    }
}
