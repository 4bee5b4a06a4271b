package dev.conduit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetricsExpositionTest {

    /** What Prometheus 2 and 3 send by default. */
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private final Monitoring monitoring = Monitoring.builder()
            .activeConnections(() -> 7)
            .activeStreams(() -> 3)
            .build();
    private final MetricsExposition exposition = monitoring.exposition();

    @Test
    void speaksOpenMetricsWhenTheScraperAsksForIt() throws IOException {
        monitoring.record(Outcomes.ok("deepseek"));

        MetricsFormat format = exposition.negotiate(PROMETHEUS_ACCEPT);
        String body = write(format);

        assertThat(format).isEqualTo(MetricsFormat.OPENMETRICS_TEXT);
        assertThat(exposition.contentType(format))
                .isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(body)
                .contains("# TYPE conduit_requests counter\n")
                .contains("conduit_requests_total{model=\"chat\",provider=\"deepseek\",route=\"default\",status=\"200\"} 1.0\n")
                .contains("# UNIT conduit_request_duration_seconds seconds\n")
                .endsWith("# EOF\n");
    }

    @Test
    void speaksPrometheusTextOtherwise() throws IOException {
        monitoring.record(Outcomes.ok("deepseek"));

        for (String accept : new String[] {null, "", "*/*", "text/plain;version=0.0.4"}) {
            assertThat(exposition.negotiate(accept)).as(accept).isEqualTo(MetricsFormat.PROMETHEUS_TEXT);
        }
        String body = write(MetricsFormat.PROMETHEUS_TEXT);

        assertThat(exposition.contentType(MetricsFormat.PROMETHEUS_TEXT))
                .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(body)
                .contains("# TYPE conduit_requests_total counter\n")
                .contains("conduit_requests_total{model=\"chat\",provider=\"deepseek\",route=\"default\",status=\"200\"} 1.0\n")
                .contains("conduit_gateway_overhead_seconds_bucket{provider=\"deepseek\",le=\"0.001\"} 1\n")
                .doesNotContain("# EOF");
    }

    @Test
    void includesGaugesAndTheJvmAndProcessMetrics() {
        monitoring.breakerChanged("deepseek", "deepseek-chat", BreakerState.OPEN);
        monitoring.configReloaded(true);
        monitoring.configReloaded(false);
        monitoring.retried("deepseek");
        monitoring.fellBack("think");

        Scrape scrape = Scrape.of(monitoring.metrics());

        assertThat(scrape.series("conduit_active_connections").getGauge().getValue()).isEqualTo(7);
        assertThat(scrape.series("conduit_active_streams").getGauge().getValue()).isEqualTo(3);
        assertThat(scrape.series("conduit_breaker_state", "provider", "deepseek", "model", "deepseek-chat")
                .getGauge().getValue()).isEqualTo(2);
        assertThat(scrape.counter("conduit_config_reloads_total", "result", "success")).isEqualTo(1);
        assertThat(scrape.counter("conduit_config_reloads_total", "result", "rejected")).isEqualTo(1);
        assertThat(scrape.counter("conduit_retries_total", "provider", "deepseek")).isEqualTo(1);
        assertThat(scrape.counter("conduit_fallbacks_total", "route", "think")).isEqualTo(1);
        assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
        assertThat(scrape.has("jvm_threads_current")).isTrue();
        assertThat(scrape.has("process_cpu_seconds_total")).isTrue();
    }

    @Test
    void countsAttemptsPerTargetAndShowsTheirTimeToFirstByte() {
        monitoring.attempted("deepseek", "deepseek-chat", AttemptOutcome.ERROR, 0);
        monitoring.attempted("deepseek", "deepseek-chat", AttemptOutcome.SUCCESS, 0.42);
        monitoring.attempted("deepseek", "deepseek-chat", AttemptOutcome.SUCCESS, 0.38);

        Scrape scrape = Scrape.of(monitoring.metrics());

        assertThat(scrape.counter("conduit_upstream_attempts_total", "provider", "deepseek", "model", "deepseek-chat",
                "outcome", "success")).isEqualTo(2);
        assertThat(scrape.counter("conduit_upstream_attempts_total", "provider", "deepseek", "model", "deepseek-chat",
                "outcome", "error")).isEqualTo(1);
        assertThat(scrape.series("conduit_upstream_first_byte_average_seconds", "provider", "deepseek", "model",
                "deepseek-chat").getGauge().getValue()).isEqualTo(0.38);
    }

    private String write(MetricsFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exposition.write(format, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
