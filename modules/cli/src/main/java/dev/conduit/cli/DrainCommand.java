package dev.conduit.cli;

import dev.conduit.server.GatewayMXBean;
import dev.conduit.watchdog.LocalJmx;
import dev.conduit.watchdog.ProcessRecord;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code conduit drain [SECONDS]}: takes the worker out of service through its Gateway MBean's
 * {@code drain(seconds)} and waits until it has stopped. A supervisor starts no new worker until
 * {@code conduit restart}.
 */
final class DrainCommand {

    static final String USAGE = """
            conduit drain [SECONDS] [--json]
              takes the worker out of service: it stops accepting, lets requests finish and streams
              run for up to SECONDS (1-3600; default DRAIN_TIMEOUT_MS), then stops, and this waits for
              it; a supervisor starts no new worker until conduit restart
              --json  one JSON object for scripts
              exit: 0 stopped; 1 failed or still running after the deadline; 2 bad SECONDS; 3 not running""";

    /** How long past its deadline the worker gets to exit before the command gives up waiting. */
    private static final long EXIT_MARGIN_SECONDS = 15;

    private DrainCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        AdminOptions options;
        Optional<Integer> seconds;
        try {
            options = AdminOptions.parse(args);
            seconds = seconds(options.arguments());
        } catch (IllegalArgumentException e) {
            err.println("conduit drain: " + e.getMessage());
            err.println(USAGE);
            return Main.USAGE;
        }
        ProcessRecord worker;
        String message;
        int deadline;
        try {
            worker = RunningWorker.find();
            try (LocalJmx jmx = RunningWorker.attach(worker)) {
                GatewayMXBean gateway = jmx.proxy(GatewayMXBean.OBJECT_NAME, GatewayMXBean.class);
                deadline = seconds.orElse((int) Math.clamp(gateway.getDrainTimeoutSeconds(), 1, 3600));
                message = gateway.drain(deadline);
            }
        } catch (RunningWorker.Unavailable e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (RuntimeException e) {
            err.println("conduit drain: " + e.getMessage());
            return Main.FAILURE;
        }
        boolean stopped = awaitExit(worker.pid(), deadline + EXIT_MARGIN_SECONDS);
        if (options.json()) {
            JsonOutput.print(JsonOutput.object().put("worker_pid", worker.pid()).put("seconds", deadline)
                    .put("stopped", stopped).put("message", message), out);
        } else {
            out.println("Draining: " + message);
            out.println(stopped ? "The worker pid " + worker.pid() + " has stopped."
                    : "The worker pid " + worker.pid() + " still runs " + EXIT_MARGIN_SECONDS + " s past its deadline.");
        }
        return stopped ? Main.OK : Main.FAILURE;
    }

    private static Optional<Integer> seconds(List<String> arguments) {
        if (arguments.isEmpty()) {
            return Optional.empty();
        }
        if (arguments.size() > 1) {
            throw new IllegalArgumentException("takes at most one argument, SECONDS");
        }
        try {
            int seconds = Integer.parseInt(arguments.getFirst());
            if (seconds >= 1 && seconds <= 3600) {
                return Optional.of(seconds);
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new IllegalArgumentException("SECONDS is a whole number from 1 to 3600, not \"" + arguments.getFirst() + "\"");
    }

    private static boolean awaitExit(long pid, long seconds) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return true;
        }
        try {
            process.get().onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
