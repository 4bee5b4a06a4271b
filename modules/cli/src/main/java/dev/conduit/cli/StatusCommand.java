package dev.conduit.cli;

import dev.conduit.config.ConduitHome;
import dev.conduit.watchdog.ProcessRecord;
import dev.conduit.watchdog.RunDirectory;
import dev.conduit.watchdog.RunState;
import dev.conduit.watchdog.LocalJmx;
import dev.conduit.watchdog.WatchdogMXBean;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code conduit status}: supervisor and worker pids, uptimes, restarts, health and port. What runs
 * is checked (locks, pids with start times), never read from pid files alone, so it stays true
 * after either process was killed. Exit 0 when both run, 3 when nothing does, 1 in between.
 */
final class StatusCommand {

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

    private StatusCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            err.println("conduit status takes no options");
            return Main.USAGE;
        }
        RunDirectory run = RunDirectory.of(ConduitHome.current());
        RunState state;
        try {
            state = RunState.inspect(run);
        } catch (IOException e) {
            err.println("conduit status: " + e.getMessage());
            return Main.FAILURE;
        }
        state.stale().forEach(line -> out.println("note: " + line));
        if (state.nothingRuns()) {
            out.println("Conduit is not running");
            return Main.NOT_RUNNING;
        }
        if (state.supervisor().isEmpty()) {
            ProcessRecord worker = state.worker().orElseThrow();
            out.println("Conduit's worker pid " + worker.pid() + " serves on port " + worker.port()
                    + ", but no supervisor runs: `conduit start` adopts it");
            out.println("  worker      pid " + worker.pid() + ", up " + since(worker.startedAt()) + ", health "
                    + health(worker.host(), worker.port()));
            return Main.FAILURE;
        }
        ProcessRecord supervisor = state.supervisor().get();
        try (LocalJmx jmx = LocalJmx.attach(supervisor.pid(), "the supervisor")) {
            return print(jmx.watchdog(), out);
        } catch (IOException | RuntimeException e) {
            out.println("Conduit's supervisor pid " + supervisor.pid() + " runs (up " + since(supervisor.startedAt())
                    + ") but does not answer over JMX: " + e.getMessage());
            state.worker().ifPresent(worker -> out.println("  worker      pid " + worker.pid() + ", port " + worker.port()
                    + ", health " + health(worker.host(), worker.port())));
            return Main.FAILURE;
        }
    }

    private static int print(WatchdogMXBean watchdog, PrintStream out) {
        String state = watchdog.getState();
        long workerPid = watchdog.getWorkerPid();
        boolean serving = workerPid > 0 && watchdog.getWorkerPort() > 0;
        out.println(serving ? "Conduit is running on http://" + watchdog.getWorkerHost() + ":" + watchdog.getWorkerPort()
                : "Conduit's supervisor runs, but no worker serves (" + state + ")");
        out.println("  supervisor  pid " + watchdog.getSupervisorPid() + ", up "
                + duration(watchdog.getSupervisorUptimeSeconds()) + ", " + state);
        if (workerPid > 0) {
            out.println("  worker      pid " + workerPid + ", up " + duration(watchdog.getWorkerUptimeSeconds())
                    + ", port " + watchdog.getWorkerPort() + ", health "
                    + (serving ? health(watchdog.getWorkerHost(), watchdog.getWorkerPort()) : "-")
                    + ", probes: " + watchdog.getWorkerHealth());
        }
        String lastExit = watchdog.getLastExitReason().isEmpty() ? ""
                : "; last exit: " + watchdog.getLastExitReason() + " at " + watchdog.getLastExitTime();
        out.println("  restarts    " + watchdog.getRestartsTotal() + " (" + watchdog.getRestartsInWindow()
                + " failures in the last " + watchdog.getThresholds().crashLoopWindowSeconds() + " s)" + lastExit);
        if (watchdog.isCrashLoop()) {
            out.println("  ALARM       crash loop: the worker keeps failing; see logs/worker.out");
        }
        return serving ? Main.OK : Main.FAILURE;
    }

    /** The worker's own word: the status of {@code GET /health}. */
    private static String health(String host, int port) {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://"
                    + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port + "/health"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher status = STATUS.matcher(response.body());
            return status.find() ? status.group(1) : "HTTP " + response.statusCode();
        } catch (IOException e) {
            return "not answering (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not asked";
        }
    }

    private static String since(Instant start) {
        return duration(Duration.between(start, Instant.now()).toSeconds());
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
