package dev.conduit.cli;

import dev.conduit.health.MetricsMXBean;
import dev.conduit.health.ProviderUsage;
import dev.conduit.watchdog.LocalJmx;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code conduit metrics}: the worker's headline numbers since it started, over JMX
 * ({@code dev.conduit:type=Metrics}), the same numbers {@code /metrics} shows. Exit 0, 1 when the
 * worker does not answer, 3 not running.
 */
final class MetricsCommand {

    static final String USAGE = """
            conduit metrics [--json]
              requests, failures, tokens, cost, retries, fallbacks, connections and gateway overhead
              since the worker started, per provider too
              --json  one JSON object for scripts
              exit: 0 ok; 1 no answer; 3 not running""";

    private MetricsCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Optional<AdminOptions> parsed = AdminOptions.withoutArguments("metrics", USAGE, args, err);
        if (parsed.isEmpty()) {
            return Main.USAGE;
        }
        AdminOptions options = parsed.get();
        try (LocalJmx jmx = RunningWorker.attach()) {
            MetricsMXBean metrics = jmx.proxy(MetricsMXBean.OBJECT_NAME, MetricsMXBean.class);
            if (options.json()) {
                JsonOutput.print(json(metrics), out);
            } else {
                print(metrics, out);
            }
            return Main.OK;
        } catch (RunningWorker.Unavailable e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (RuntimeException e) {
            err.println("conduit metrics: the worker did not answer: " + e.getMessage());
            return Main.FAILURE;
        }
    }

    private static void print(MetricsMXBean metrics, PrintStream out) {
        Table summary = new Table("METRIC", "VALUE");
        summary.row("requests", metrics.getRequestsTotal());
        summary.row("failed requests", metrics.getFailedRequestsTotal() + " (error ratio "
                + "%.3f".formatted(metrics.getErrorRatio()) + ")");
        summary.row("upstream errors", metrics.getUpstreamErrorsTotal());
        summary.row("retries", metrics.getRetriesTotal());
        summary.row("fallbacks", metrics.getFallbacksTotal());
        summary.row("open connections", metrics.getActiveConnections());
        summary.row("active streams", metrics.getActiveStreams());
        summary.row("gateway overhead", "p50 %.1f ms, p99 %.1f ms".formatted(metrics.getOverheadP50Seconds() * 1000,
                metrics.getOverheadP99Seconds() * 1000));
        summary.row("config reloads", metrics.getConfigReloads() + " applied, " + metrics.getConfigReloadsRejected()
                + " rejected");
        summary.row("tokens", "input " + metrics.getInputTokens() + ", output " + metrics.getOutputTokens()
                + ", cache read " + metrics.getCacheReadTokens() + ", cache write " + metrics.getCacheWriteTokens());
        summary.row("estimated cost", "$%.4f".formatted(metrics.getEstimatedCostUsd()));
        summary.print(out, "");
        Map<String, ProviderUsage> usage = new TreeMap<>(metrics.getUsageByProvider());
        if (!usage.isEmpty()) {
            out.println();
            Table providers = new Table("PROVIDER", "INPUT", "OUTPUT", "CACHE READ", "CACHE WRITE", "COST");
            usage.forEach((provider, tokens) -> providers.row(provider, tokens.inputTokens(), tokens.outputTokens(),
                    tokens.cacheReadTokens(), tokens.cacheWriteTokens(), "$%.4f".formatted(tokens.estimatedCostUsd())));
            providers.print(out, "");
        }
    }

    private static ObjectNode json(MetricsMXBean metrics) {
        ObjectNode node = JsonOutput.object()
                .put("requests_total", metrics.getRequestsTotal())
                .put("failed_requests_total", metrics.getFailedRequestsTotal())
                .put("error_ratio", metrics.getErrorRatio())
                .put("upstream_errors_total", metrics.getUpstreamErrorsTotal())
                .put("retries_total", metrics.getRetriesTotal())
                .put("fallbacks_total", metrics.getFallbacksTotal())
                .put("active_connections", metrics.getActiveConnections())
                .put("active_streams", metrics.getActiveStreams())
                .put("overhead_p50_seconds", metrics.getOverheadP50Seconds())
                .put("overhead_p99_seconds", metrics.getOverheadP99Seconds())
                .put("config_reloads", metrics.getConfigReloads())
                .put("config_reloads_rejected", metrics.getConfigReloadsRejected())
                .put("input_tokens", metrics.getInputTokens())
                .put("output_tokens", metrics.getOutputTokens())
                .put("cache_read_tokens", metrics.getCacheReadTokens())
                .put("cache_write_tokens", metrics.getCacheWriteTokens())
                .put("estimated_cost_usd", metrics.getEstimatedCostUsd());
        ObjectNode providers = node.putObject("providers");
        new TreeMap<>(metrics.getUsageByProvider()).forEach((provider, tokens) -> providers.putObject(provider)
                .put("input_tokens", tokens.inputTokens())
                .put("output_tokens", tokens.outputTokens())
                .put("cache_read_tokens", tokens.cacheReadTokens())
                .put("cache_write_tokens", tokens.cacheWriteTokens())
                .put("estimated_cost_usd", tokens.estimatedCostUsd()));
        return node;
    }
}
