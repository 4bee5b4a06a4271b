package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.management.Mbeans;
import dev.conduit.protocol.Json;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.OpenAiChunks;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.management.MBeanServer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Known traffic in, exact numbers out: /metrics, /health, /health/detailed and the MBeans agree. */
class MonitoringTest {

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("""
            Prices: {'mock,mock-model': {input: 3, output: 15}},
            """);

    private static final String BODY = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("accept", accept);
        }
        return gateway.send(request.GET().build());
    }

    /** The value of one sample line of the Prometheus text format. */
    private static double sample(String exposition, String series) {
        return exposition.lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + series + " in:\n" + exposition));
    }

    @Test
    void threeRequestsOneFailingUpstreamGiveExactCountersRatiosAndStatus() throws Exception {
        gateway.upstream.enqueue(MockReply.json(200, OpenAiChunks.completion("a", "stop", 1000, 100)));
        gateway.upstream.enqueue(MockReply.json(500, "{\"error\":{\"message\":\"boom\"}}"));
        gateway.upstream.enqueue(MockReply.sse(OpenAiChunks.textStream("b c", 2000, 200)));

        assertThat(gateway.postJson("/v1/messages", BODY).statusCode()).isEqualTo(200);
        assertThat(gateway.postJson("/v1/messages", BODY).statusCode()).isEqualTo(500);
        assertThat(gateway.postJson("/v1/messages", BODY.replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\"")).statusCode())
                .isEqualTo(200);
        awaitRequestsRecorded(3);

        String metrics = get("/metrics", null).body();
        String labels = "{model=\"mock-model\",provider=\"mock\",route=\"default\",status=\"%s\"}";
        assertThat(sample(metrics, "conduit_requests_total" + labels.formatted("200"))).isEqualTo(2);
        assertThat(sample(metrics, "conduit_requests_total" + labels.formatted("500"))).isEqualTo(1);
        assertThat(sample(metrics, "conduit_upstream_errors_total{kind=\"status_5xx\",provider=\"mock\"}")).isEqualTo(1);
        assertThat(sample(metrics, "conduit_tokens_total{kind=\"input\",model=\"mock-model\",provider=\"mock\"}")).isEqualTo(3000);
        assertThat(sample(metrics, "conduit_tokens_total{kind=\"output\",model=\"mock-model\",provider=\"mock\"}")).isEqualTo(300);
        assertThat(sample(metrics, "conduit_estimated_cost_usd_total{model=\"mock-model\",provider=\"mock\"}"))
                .isCloseTo(3000 * 3e-6 + 300 * 15e-6, Offset.offset(1e-9));
        assertThat(sample(metrics, "conduit_gateway_overhead_seconds_count{provider=\"mock\"}")).isEqualTo(3);
        assertThat(sample(metrics, "conduit_time_to_first_token_seconds_count{model=\"mock-model\",provider=\"mock\"}")).isEqualTo(1);
        assertThat(metrics).contains("jvm_memory_used_bytes", "process_cpu_seconds_total");

        JsonNode detailed = Json.MAPPER.readTree(get("/health/detailed", null).body());
        assertThat(detailed.at("/metrics/requests").longValue()).isEqualTo(3);
        assertThat(detailed.at("/metrics/failedRequests").longValue()).isEqualTo(1);
        assertThat(detailed.at("/metrics/errorRatio").doubleValue()).isEqualTo(1.0 / 3);
        assertThat(detailed.at("/providers/0/provider").stringValue()).isEqualTo("mock");
        assertThat(detailed.at("/providers/0/errors").longValue()).isEqualTo(1);
        assertThat(detailed.at("/connections/open").intValue()).isGreaterThanOrEqualTo(1);
        assertThat(detailed.at("/config/source").stringValue()).endsWith("config.json (--config)");
        assertThat(detailed.at("/runtime/pid").longValue()).isEqualTo(ProcessHandle.current().pid());
        assertThat(detailed.toString()).doesNotContain(RunningGateway.UPSTREAM_KEY);

        JsonNode health = Json.MAPPER.readTree(get("/health", null).body());
        assertThat(health.get("status").stringValue()).isEqualTo("healthy");
        assertThat(health.at("/checks/0/reason").stringValue())
                .isEqualTo("1 of 3 requests failed (33%) in the last 5 minutes, fewer than 5 to judge");

        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        assertThat(jmx.getAttribute(Mbeans.name("Metrics"), "RequestsTotal")).isEqualTo(3L);
        assertThat(jmx.getAttribute(Mbeans.name("Health"), "Status")).isEqualTo("healthy");
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() throws Exception {
        HttpResponse<String> open = get("/metrics", "application/openmetrics-text; version=1.0.0,text/plain;q=0.5");
        HttpResponse<String> text = get("/metrics", "text/plain");

        assertThat(open.headers().firstValue("content-type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/openmetrics-text; version=1.0.0"));
        assertThat(open.body()).endsWith("# EOF\n");
        assertThat(text.headers().firstValue("content-type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain; version=0.0.4"));
    }

    @Test
    void readinessAndLivenessAnswerWithoutAnyTraffic() throws Exception {
        assertThat(get("/ready", null).body()).isEqualTo("{\"status\":\"ready\"}");
        assertThat(get("/alive", null).body()).isEqualTo("{\"status\":\"alive\"}");
    }

    private static void awaitRequestsRecorded(long count) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        while ((Long) jmx.getAttribute(Mbeans.name("Metrics"), "RequestsTotal") < count) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the worker recorded fewer than " + count + " requests within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
