package dev.conduit.cli;

import dev.conduit.health.CheckResult;
import dev.conduit.health.HealthMXBean;
import dev.conduit.health.ProviderSnapshot;
import dev.conduit.watchdog.LocalJmx;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code conduit health}: the worker's health over JMX ({@code dev.conduit:type=Health}): the
 * overall status, each check and each provider. Exit 0 healthy, 1 degraded or unhealthy (or no
 * answer), 3 not running — so cron and monitoring can act on the exit code alone.
 */
final class HealthCommand {

    static final String USAGE = """
            conduit health [--json]
              the worker's health: overall status, every check, every provider (from live traffic)
              --json  one JSON object for scripts
              exit: 0 healthy; 1 degraded, unhealthy or no answer; 3 not running""";

    private HealthCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Optional<AdminOptions> parsed = AdminOptions.withoutArguments("health", USAGE, args, err);
        if (parsed.isEmpty()) {
            return Main.USAGE;
        }
        AdminOptions options = parsed.get();
        try (LocalJmx jmx = RunningWorker.attach()) {
            HealthMXBean health = jmx.proxy(HealthMXBean.OBJECT_NAME, HealthMXBean.class);
            String status = health.getStatus();
            if (options.json()) {
                JsonOutput.print(json(health, status), out);
            } else {
                print(health, status, out);
            }
            return status.equals("healthy") ? Main.OK : Main.FAILURE;
        } catch (RunningWorker.Unavailable e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (RuntimeException e) {
            err.println("conduit health: the worker did not answer: " + e.getMessage());
            return Main.FAILURE;
        }
    }

    private static void print(HealthMXBean health, String status, PrintStream out) {
        out.println("Health: " + status + " (" + health.getReason() + ")");
        out.println("Ready:  " + (health.isReady() ? "yes" : "no") + " (" + health.getReadinessReason() + ")");
        out.println("Last 5 minutes: " + health.getRecentRequests() + " requests, " + health.getRecentFailures()
                + " failed");
        out.println();
        Table checks = new Table("CHECK", "STATUS", "REASON");
        health.getChecks().forEach(check -> checks.row(check.name(), check.status().label(), check.reason()));
        checks.print(out, "");
        List<ProviderSnapshot> providers = health.getProviders();
        if (!providers.isEmpty()) {
            out.println();
            Table table = new Table("PROVIDER", "STATUS", "ATTEMPTS", "ERRORS", "LATENCY", "OPEN BREAKERS", "REASON");
            providers.forEach(provider -> table.row(provider.provider(), provider.status().label(), provider.requests(),
                    provider.errors(), Math.round(provider.latencyMillis()) + " ms",
                    provider.breakers().values().stream().filter(state -> state.name().equals("OPEN")).count(),
                    provider.reason()));
            table.print(out, "");
        }
    }

    private static ObjectNode json(HealthMXBean health, String status) {
        ObjectNode node = JsonOutput.object();
        node.put("status", status);
        node.put("reason", health.getReason());
        node.put("ready", health.isReady());
        node.put("readiness_reason", health.getReadinessReason());
        node.put("recent_requests", health.getRecentRequests());
        node.put("recent_failures", health.getRecentFailures());
        node.put("recent_error_ratio", health.getRecentErrorRatio());
        ArrayNode checks = node.putArray("checks");
        for (CheckResult check : health.getChecks()) {
            checks.addObject().put("name", check.name()).put("status", check.status().label()).put("reason", check.reason());
        }
        ArrayNode providers = node.putArray("providers");
        for (ProviderSnapshot provider : health.getProviders()) {
            ObjectNode entry = providers.addObject()
                    .put("name", provider.provider())
                    .put("status", provider.status().label())
                    .put("reason", provider.reason())
                    .put("attempts", provider.requests())
                    .put("errors", provider.errors())
                    .put("error_ratio", provider.errorRatio())
                    .put("latency_ms", provider.latencyMillis());
            ObjectNode breakers = entry.putObject("breakers");
            provider.breakers().forEach((model, state) -> breakers.put(model, state.name().toLowerCase(Locale.ROOT)));
        }
        return node;
    }
}
