package dev.conduit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The buckets resolve both a sub-millisecond overhead and a minute-long stream. */
class HistogramBucketsTest {

    private final Monitoring monitoring = Monitoring.builder().jvmMetrics(false).build();

    @Test
    void placesAThreeTenthsOfAMillisecondOverheadAndANinetySecondStream() {
        monitoring.record(new RequestOutcome("longContext", "gemini", "gemini-2.5-pro", 200,
                Duration.ofSeconds(90), Duration.ofNanos(300_000), Duration.ofMillis(1_500),
                new TokenUsage(70_000, 4_000, 0, 0), true, null));

        Scrape scrape = Scrape.of(monitoring.metrics());

        assertThat(scrape.bucket("conduit_gateway_overhead_seconds", 0.00025, "provider", "gemini")).isZero();
        assertThat(scrape.bucket("conduit_gateway_overhead_seconds", 0.0005, "provider", "gemini")).isOne();
        String[] request = {"route", "longContext", "provider", "gemini", "model", "gemini-2.5-pro", "status", "200"};
        assertThat(scrape.bucket("conduit_request_duration_seconds", 60, request)).isZero();
        assertThat(scrape.bucket("conduit_request_duration_seconds", 120, request)).isOne();
        assertThat(scrape.bucket("conduit_request_duration_seconds", 600, request)).isOne();
        String[] target = {"provider", "gemini", "model", "gemini-2.5-pro"};
        assertThat(scrape.bucket("conduit_time_to_first_token_seconds", 1, target)).isZero();
        assertThat(scrape.bucket("conduit_time_to_first_token_seconds", 2, target)).isOne();
    }

    @Test
    void spansOneHundredMicrosecondsToTenMinutes() {
        monitoring.record(Outcomes.ok("deepseek"));
        Scrape scrape = Scrape.of(monitoring.metrics());

        var duration = scrape.family("conduit_request_duration_seconds").getMetric(0).getHistogram();
        assertThat(duration.getBucket(0).getUpperBound()).isEqualTo(0.0001);
        assertThat(duration.getBucket(duration.getBucketCount() - 2).getUpperBound()).isEqualTo(600);
        assertThat(duration.getBucket(duration.getBucketCount() - 1).getUpperBound()).isInfinite();
        var overhead = scrape.family("conduit_gateway_overhead_seconds").getMetric(0).getHistogram();
        assertThat(overhead.getBucket(0).getUpperBound()).isEqualTo(0.00005);
        assertThat(overhead.getBucket(overhead.getBucketCount() - 2).getUpperBound()).isEqualTo(1);
    }
}
