package dev.conduit.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.LocalPorts;
import dev.conduit.testing.MockUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime image with the Prometheus JMX exporter agent ({@code jmx_prometheus_javaagent}
 * 1.0.1) and {@code daemon/jmx-exporter.yaml}, started as docs/OPERATIONS.md says: after known
 * traffic, every mapped worker metric is exposed, with the values the traffic gives.
 */
class JmxExporterIT {

    static final Path AGENT = Path.of(System.getProperty("jmx.exporter.agent", "target/agents/jmx_prometheus_javaagent.jar"));
    static final Path RULES = Path.of(System.getProperty("jmx.exporter.config", "../daemon/jmx-exporter.yaml"));
    /** The modules the agent uses beyond Conduit's own, as docs/OPERATIONS.md lists them. */
    static final String AGENT_MODULES = "--add-modules jdk.httpserver,java.desktop";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SAMPLE = Pattern.compile("(?m)^(conduit_jmx_\\w+)(\\{[^}]*})? (\\S+)$");

    @TempDir
    Path home;

    @Test
    void everyWorkerMetricIsExposedWithTheValuesOfKnownTraffic() throws Exception {
        try (MockUpstream upstream = new MockUpstream()) {
            Path config = Files.writeString(home.resolve("config.json"), """
                    {Providers: [{name: 'mock', api_base_url: '%s', api_key: 'sk-mock', models: ['mock-model']}],
                     Router: {default: 'mock,mock-model'}}""".formatted(upstream.chatCompletionsUrl()));
            int exporterPort = LocalPorts.unused();
            Map<String, String> environment = new HashMap<>();
            environment.put("CONDUIT_HOME", home.toString());
            environment.put("CONDUIT_JAVA_OPTS", AGENT_MODULES + " -javaagent:" + AGENT.toAbsolutePath() + "=127.0.0.1:"
                    + exporterPort + ":" + RULES.toAbsolutePath());
            try (ConduitProcess conduit = ConduitProcess.start(home, environment, "run", "--config", config.toString(),
                    "--port", "0")) {
                int port = conduit.awaitListening(Duration.ofSeconds(60));
                for (int request = 0; request < 3; request++) {
                    HttpResponse<String> answered = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/v1/messages")).header("content-type", "application/json").timeout(Duration.ofSeconds(20))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":20,"
                                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
                }

                Map<String, Double> metrics = scrapeUntil(exporterPort, "conduit_jmx_requests_total", 3.0);

                // the mock answers every request with 10 prompt and 7 completion tokens
                assertThat(metrics).containsEntry("conduit_jmx_requests_total", 3.0)
                        .containsEntry("conduit_jmx_failed_requests_total", 0.0)
                        .containsEntry("conduit_jmx_input_tokens_total", 30.0)
                        .containsEntry("conduit_jmx_output_tokens_total", 21.0)
                        .containsEntry("conduit_jmx_provider_input_tokens_total{provider=\"mock\"}", 30.0)
                        .containsEntry("conduit_jmx_provider_output_tokens_total{provider=\"mock\"}", 21.0)
                        .containsEntry("conduit_jmx_provider_recent_attempts{provider=\"mock\"}", 3.0)
                        .containsEntry("conduit_jmx_usage_input_tokens_total{provider=\"mock\"}", 30.0)
                        .containsEntry("conduit_jmx_usage_output_tokens_total{provider=\"mock\"}", 21.0)
                        .containsEntry("conduit_jmx_provider_api_keys{provider=\"mock\"}", 1.0)
                        .containsEntry("conduit_jmx_provider_status_level{provider=\"mock\"}", 0.0)
                        .containsEntry("conduit_jmx_health_recent_requests", 3.0)
                        .containsEntry("conduit_jmx_health_ready", 1.0)
                        .containsEntry("conduit_jmx_gateway_serving", 1.0)
                        .containsEntry("conduit_jmx_gateway_supervised", 0.0)
                        .containsEntry("conduit_jmx_gateway_pid", (double) conduit.process().pid())
                        .containsEntry("conduit_jmx_gateway_drain_timeout_seconds", 25.0)
                        .containsEntry("conduit_jmx_routing_long_context_threshold_tokens", 60_000.0);
                assertThat(metrics.get("conduit_jmx_connections_opened_total")).isGreaterThanOrEqualTo(1.0);
                assertThat(metrics.get("conduit_jmx_gateway_uptime_seconds")).isPositive();
                List<String> names = metrics.keySet().stream().map(key -> key.replaceAll("\\{.*", "")).toList();
                assertThat(names).containsAll(workerMetricNames());
                assertThat(metrics.keySet()).noneMatch(key -> key.contains("_objectname") || key.contains("id=")
                        || key.contains("hash"));
            }
        }
    }

    /** Every metric the rules name, but the supervisor's (Watchdog), which the worker does not have. */
    private static List<String> workerMetricNames() throws Exception {
        Matcher names = Pattern.compile("(?m)^    name: (conduit_jmx_\\w+)$").matcher(Files.readString(RULES));
        List<String> all = names.results().map(result -> result.group(1))
                .filter(name -> !name.startsWith("conduit_jmx_watchdog_")).toList();
        assertThat(all).hasSizeGreaterThan(40);
        return all;
    }

    /** Scrapes the exporter until {@code metric} has {@code value}; the agent starts before the worker listens. */
    private static Map<String, Double> scrapeUntil(int port, String metric, double value) throws Exception {
        Instant end = Instant.now().plusSeconds(60);
        Map<String, Double> metrics = Map.of();
        while (Instant.now().isBefore(end)) {
            try {
                String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
                Map<String, Double> samples = new HashMap<>();
                SAMPLE.matcher(body).results().forEach(sample -> samples.put(
                        sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)), Double.parseDouble(sample.group(3))));
                metrics = samples;
                if (Double.valueOf(value).equals(metrics.get(metric))) {
                    return metrics;
                }
            } catch (java.io.IOException notYet) {
                // the exporter's server is not up yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the exporter did not show " + metric + " " + value + " within 60 s; last: " + metrics);
    }
}
