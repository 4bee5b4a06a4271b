package dev.conduit.cli;

import dev.conduit.config.ConduitHome;
import dev.conduit.server.GatewayMXBean;
import dev.conduit.watchdog.LocalJmx;
import dev.conduit.watchdog.ProcessRecord;
import dev.conduit.watchdog.RunDirectory;
import dev.conduit.watchdog.RunState;
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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code conduit status}: supervisor and worker pids, uptimes, restarts, health and port, and the
 * worker's version, config and last reload from its Gateway MBean. What runs is checked (locks,
 * pids with start times), never read from pid files alone, so it stays true after either process
 * was killed. Exit 0 when both run, 3 when nothing does, 1 in between.
 */
final class StatusCommand {

    static final String USAGE = """
            conduit status [--json]
              what runs, checked (locks, pids with their start times), the worker's health, version,
              config and last reload
              --json  one JSON object for scripts
              exit: 0 both run; 1 only one does; 3 nothing runs""";

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

    private StatusCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Optional<AdminOptions> parsed = AdminOptions.withoutArguments("status", USAGE, args, err);
        if (parsed.isEmpty()) {
            return Main.USAGE;
        }
        AdminOptions options = parsed.get();
        RunState state;
        try {
            state = RunState.inspect(RunDirectory.of(ConduitHome.current()));
        } catch (IOException e) {
            err.println("conduit status: " + e.getMessage());
            return Main.FAILURE;
        }
        Report report = new Report(options.json());
        state.stale().forEach(report::note);
        int code = inspect(state, report);
        report.print(out, code);
        return code;
    }

    private static int inspect(RunState state, Report report) {
        if (state.nothingRuns()) {
            report.line("Conduit is not running");
            return Main.NOT_RUNNING;
        }
        if (state.supervisor().isEmpty()) {
            ProcessRecord worker = state.worker().orElseThrow();
            report.line("Conduit's worker pid " + worker.pid() + " serves on port " + worker.port()
                    + ", but no supervisor runs: `conduit start` adopts it");
            String health = health(worker.host(), worker.port());
            report.line("  worker      pid " + worker.pid() + ", up " + since(worker.startedAt()) + ", health " + health);
            report.worker(worker.pid(), worker.host(), worker.port(), uptime(worker.startedAt()), health, "");
            gateway(worker.pid(), report);
            return Main.FAILURE;
        }
        ProcessRecord supervisor = state.supervisor().get();
        try (LocalJmx jmx = LocalJmx.attach(supervisor.pid(), "the supervisor")) {
            return supervised(jmx.watchdog(), report);
        } catch (IOException | RuntimeException e) {
            report.line("Conduit's supervisor pid " + supervisor.pid() + " runs (up " + since(supervisor.startedAt())
                    + ") but does not answer over JMX: " + e.getMessage());
            report.supervisor(supervisor.pid(), uptime(supervisor.startedAt()), "NOT ANSWERING");
            state.worker().ifPresent(worker -> {
                String health = health(worker.host(), worker.port());
                report.line("  worker      pid " + worker.pid() + ", port " + worker.port() + ", health " + health);
                report.worker(worker.pid(), worker.host(), worker.port(), uptime(worker.startedAt()), health, "");
            });
            return Main.FAILURE;
        }
    }

    private static int supervised(WatchdogMXBean watchdog, Report report) {
        String state = watchdog.getState();
        long workerPid = watchdog.getWorkerPid();
        boolean serving = workerPid > 0 && watchdog.getWorkerPort() > 0;
        report.line(serving ? "Conduit is running on http://" + watchdog.getWorkerHost() + ":" + watchdog.getWorkerPort()
                : "Conduit's supervisor runs, but no worker serves (" + state + ")");
        report.line("  supervisor  pid " + watchdog.getSupervisorPid() + ", up "
                + duration(watchdog.getSupervisorUptimeSeconds()) + ", " + state);
        ObjectNode supervisor = report.supervisor(watchdog.getSupervisorPid(), watchdog.getSupervisorUptimeSeconds(), state);
        if (workerPid > 0) {
            String health = serving ? health(watchdog.getWorkerHost(), watchdog.getWorkerPort()) : "-";
            report.line("  worker      pid " + workerPid + ", up " + duration(watchdog.getWorkerUptimeSeconds())
                    + ", port " + watchdog.getWorkerPort() + ", health " + health + ", probes: " + watchdog.getWorkerHealth());
            report.worker(workerPid, watchdog.getWorkerHost(), watchdog.getWorkerPort(), watchdog.getWorkerUptimeSeconds(),
                    health, watchdog.getWorkerHealth());
            if (serving) {
                gateway(workerPid, report);
            }
        }
        String lastExit = watchdog.getLastExitReason().isEmpty() ? ""
                : "; last exit: " + watchdog.getLastExitReason() + " at " + watchdog.getLastExitTime();
        report.line("  restarts    " + watchdog.getRestartsTotal() + " (" + watchdog.getRestartsInWindow()
                + " failures in the last " + watchdog.getThresholds().crashLoopWindowSeconds() + " s)" + lastExit);
        supervisor.put("restarts_total", watchdog.getRestartsTotal())
                .put("restarts_in_window", watchdog.getRestartsInWindow())
                .put("crash_loop", watchdog.isCrashLoop())
                .put("last_exit_reason", watchdog.getLastExitReason())
                .put("last_exit_time", watchdog.getLastExitTime());
        if (watchdog.isCrashLoop()) {
            report.line("  ALARM       crash loop: the worker keeps failing; see logs/worker.out");
        }
        return serving ? Main.OK : Main.FAILURE;
    }

    /** The worker's own account over JMX: version, state, config, last reload; left out if it does not answer. */
    private static void gateway(long pid, Report report) {
        try (LocalJmx jmx = LocalJmx.attach(pid, "the worker")) {
            GatewayMXBean gateway = jmx.proxy(GatewayMXBean.OBJECT_NAME, GatewayMXBean.class);
            String lastReload = gateway.getLastReload();
            report.line("  gateway     conduit " + gateway.getVersion() + ", " + gateway.getState() + ", config "
                    + gateway.getConfigSource());
            report.line("  reload      " + (lastReload.isEmpty() ? "none since the worker started" : lastReload));
            report.gateway(gateway, lastReload);
        } catch (IOException | RuntimeException e) {
            report.line("  gateway     does not answer over JMX: " + e.getMessage());
        }
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

    private static long uptime(Instant start) {
        return Duration.between(start, Instant.now()).toSeconds();
    }

    private static String since(Instant start) {
        return duration(uptime(start));
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

    /** What status found, as lines for people or as one JSON object. */
    private static final class Report {

        private final boolean json;
        private final StringBuilder text = new StringBuilder();
        private final ObjectNode node = JsonOutput.object();
        private final ArrayNode notes = node.putArray("notes");
        private Optional<ObjectNode> worker = Optional.empty();

        Report(boolean json) {
            this.json = json;
        }

        void note(String note) {
            text.append("note: ").append(note).append('\n');
            notes.add(note);
        }

        void line(String line) {
            text.append(line).append('\n');
        }

        ObjectNode supervisor(long pid, long uptimeSeconds, String state) {
            return node.putObject("supervisor").put("pid", pid).put("uptime_seconds", uptimeSeconds).put("state", state);
        }

        void worker(long pid, String host, int port, long uptimeSeconds, String health, String probes) {
            worker = Optional.of(node.putObject("worker").put("pid", pid).put("host", host).put("port", port)
                    .put("uptime_seconds", uptimeSeconds).put("health", health).put("probes", probes));
        }

        void gateway(GatewayMXBean gateway, String lastReload) {
            worker.ifPresent(entry -> entry.put("version", gateway.getVersion())
                    .put("state", gateway.getState())
                    .put("config_source", gateway.getConfigSource())
                    .put("supervised", gateway.isSupervised())
                    .put("last_reload", lastReload)
                    .put("last_reload_time", gateway.getLastReloadTime()));
        }

        void print(PrintStream out, int code) {
            if (json) {
                node.put("running", code != Main.NOT_RUNNING);
                node.put("healthy", code == Main.OK);
                JsonOutput.print(node, out);
            } else {
                out.print(text);
            }
        }
    }
}
