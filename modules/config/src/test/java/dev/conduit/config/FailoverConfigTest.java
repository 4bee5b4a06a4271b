package dev.conduit.config;

import static dev.conduit.config.Configs.parse;
import static dev.conduit.config.Configs.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code Router.retry}, {@code Router.breaker} and {@code Router.keyCooldownSeconds}. */
class FailoverConfigTest {

    private static String router(String router) {
        return """
                {
                "Providers": [{"name": "deepseek", "api_base_url": "https://api.deepseek.com/chat/completions",
                               "api_key": ["sk-one", "sk-two"], "models": ["deepseek-chat"]}],
                "Router": %s
                }""".formatted(router);
    }

    @Test
    void withoutSettingsTheDefaultsApply() throws ConfigException {
        FailoverSettings failover = parse(router("{\"default\": \"deepseek,deepseek-chat\"}")).failover();

        assertThat(failover).isEqualTo(FailoverSettings.DEFAULTS);
        assertThat(failover.retry().maxAttempts()).isEqualTo(3);
        assertThat(failover.retry().maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(failover.breaker().failures()).isEqualTo(5);
        assertThat(failover.breaker().cooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(failover.breaker().maxCooldown()).isEqualTo(Duration.ofMinutes(5));
        assertThat(failover.keyCooldown()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void everySettingCanBeTunedAndNumbersMayComeFromTheEnvironment() throws ConfigException {
        FailoverSettings failover = parse(router("""
                {"default": "deepseek,deepseek-chat",
                 "retry": {"maxAttempts": "$ATTEMPTS", "maxRetryAfterSeconds": 5, "backoffMs": 50, "maxBackoffMs": 400},
                 "breaker": {"failures": 3, "failureRate": 0.25, "minimumRequests": 8, "windowSeconds": 10,
                             "cooldownSeconds": 0.2, "maxCooldownSeconds": 2},
                 "keyCooldownSeconds": 1.5}"""), java.util.Map.of("ATTEMPTS", "2")).failover();

        assertThat(failover.retry()).isEqualTo(new RetrySettings(2, Duration.ofSeconds(5), Duration.ofMillis(50),
                Duration.ofMillis(400)));
        assertThat(failover.breaker()).isEqualTo(new BreakerSettings(3, 0.25, 8, Duration.ofSeconds(10),
                Duration.ofMillis(200), Duration.ofSeconds(2)));
        assertThat(failover.keyCooldown()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aShortCooldownRaisesTheDefaultCeilingOnlyWhenItMustAndBackoffLikewise() throws ConfigException {
        FailoverSettings failover = parse(router("""
                {"default": "deepseek,deepseek-chat", "retry": {"backoffMs": 20000}, "breaker": {"cooldownSeconds": 600}}""")).failover();

        assertThat(failover.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(20));
        assertThat(failover.breaker().maxCooldown()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void mistakesAreReportedWithTheirPositions() {
        assertThat(rejection(router("""
                {"default": "deepseek,deepseek-chat",
                 "retry": {"maxAttempts": 0, "maxRetryAfterSeconds": -1, "backoffMs": 500, "maxBackoffMs": 100, "jitter": true},
                 "breaker": {"failures": "many", "failureRate": 50, "cooldownSeconds": 0, "windowSeconds": 1.5},
                 "keyCooldownSeconds": "soon"}""")))
                .isEqualTo(String.join("\n",
                        "config.json:5:27: Router.retry.maxAttempts: must be a whole number from 1 to 10, not 0",
                        "config.json:5:54: Router.retry.maxRetryAfterSeconds: must be a whole number of seconds from 0"
                                + " to 3600, not -1",
                        "config.json:5:92: Router.retry.maxBackoffMs: must not be less than backoffMs (500)",
                        "config.json:5:107: Router.retry.jitter: unknown key; known: backoffMs, maxAttempts, maxBackoffMs,"
                                + " maxRetryAfterSeconds",
                        "config.json:6:26: Router.breaker.failures: must be a whole number from 1 to 1000, not \"many\"",
                        "config.json:6:49: Router.breaker.failureRate: must be a fraction above 0 and at most 1 (0.5 is"
                                + " half), not 50",
                        "config.json:6:72: Router.breaker.cooldownSeconds: must be a number of seconds from 0.001 to"
                                + " 86400, not 0",
                        "config.json:6:92: Router.breaker.windowSeconds: must be a whole number of seconds from 1 to 3600,"
                                + " not 1.5",
                        "config.json:7:24: Router.keyCooldownSeconds: must be a number, not \"soon\""));
    }

    @Test
    void settingsThatAreNotObjectsAreRejected() {
        assertThat(rejection(router("{\"default\": \"deepseek,deepseek-chat\", \"retry\": 3, \"breaker\": [5]}")))
                .contains("Router.retry: must be an object with backoffMs, maxAttempts, maxBackoffMs,"
                        + " maxRetryAfterSeconds, not a number")
                .contains("Router.breaker: must be an object with cooldownSeconds, failureRate, failures,"
                        + " maxCooldownSeconds, minimumRequests, windowSeconds, not an array");
    }

    @Test
    void severalKeysPerProviderAreKeptInOrderAndASingleKeyStillWorks() throws ConfigException {
        assertThat(parse(router("{\"default\": \"deepseek,deepseek-chat\"}")).providers().getFirst().apiKeys())
                .extracting(Secret::reveal).containsExactly("sk-one", "sk-two");
        assertThat(parse(router("{\"default\": \"deepseek,deepseek-chat\"}").replace("[\"sk-one\", \"sk-two\"]", "\"sk-one\""))
                .providers().getFirst().apiKeys()).extracting(Secret::reveal).containsExactly("sk-one");
    }
}
