package dev.conduit.config;

import static dev.conduit.config.Configs.parse;
import static dev.conduit.config.Configs.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutsTest {

    @Test
    void withoutKeysEveryLimitHasItsDefault() throws ConfigException {
        ConduitConfig config = parse("""
                {"Providers": [{"name": "a", "api_base_url": "http://127.0.0.1:8080/v1/chat/completions"}]}""");

        assertThat(config.timeouts()).isEqualTo(new UpstreamTimeouts(
                Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(120), Duration.ofMinutes(10)));
        assertThat(config.providers().getFirst().timeouts()).isEqualTo(config.timeouts());
        assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(25));
        assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void globalKeysSetTheLimitsAndAProvidersOwnKeysOverrideThem() throws ConfigException {
        ConduitConfig config = parse("""
                {
                  "CONNECT_TIMEOUT_MS": 2000, "FIRST_BYTE_TIMEOUT_MS": 300000, "STREAM_IDLE_TIMEOUT_MS": "45000",
                  "API_TIMEOUT_MS": 900000, "DRAIN_TIMEOUT_MS": 5000, "PING_INTERVAL_MS": 1000,
                  "Providers": [
                    {"name": "slow", "api_base_url": "http://127.0.0.1:8080/v1/chat/completions",
                     "first_byte_timeout_ms": 600000, "timeout_ms": 1200000, "probe_interval_ms": 60000},
                    {"name": "plain", "api_base_url": "http://127.0.0.1:8081/v1/chat/completions"}
                  ]
                }""");

        assertThat(config.timeouts()).isEqualTo(new UpstreamTimeouts(
                Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(45), Duration.ofMinutes(15)));
        assertThat(config.apiTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.providers().get(0).timeouts()).isEqualTo(new UpstreamTimeouts(
                Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofSeconds(45), Duration.ofMinutes(20)));
        assertThat(config.providers().get(1).timeouts()).isEqualTo(config.timeouts());
        assertThat(config.providers().get(0).probeInterval()).contains(Duration.ofMinutes(1));
        assertThat(config.providers().get(1).probeInterval()).isEmpty();
        assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aLimitThatIsNotAPositiveNumberIsRejectedWhereItIsWritten() {
        assertThat(rejection("""
                {
                  "DRAIN_TIMEOUT_MS": 0,
                  "Providers": [{"name": "a", "api_base_url": "http://127.0.0.1:8080/v1/chat/completions",
                                 "stream_idle_timeout_ms": "soon"}]
                }""")).isEqualTo("""
                config.json:2:23: DRAIN_TIMEOUT_MS: must be a positive number of milliseconds, not 0
                config.json:4:44: Providers[0].stream_idle_timeout_ms: must be a positive number of milliseconds, not "soon\"""");
    }
}
