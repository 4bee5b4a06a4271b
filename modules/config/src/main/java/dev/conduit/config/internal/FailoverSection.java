package dev.conduit.config.internal;

import dev.conduit.config.BreakerSettings;
import dev.conduit.config.FailoverSettings;
import dev.conduit.config.RetrySettings;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads Conduit's failover settings from {@code Router}: {@code retry}, {@code breaker} and
 * {@code keyCooldownSeconds}. Every setting is optional; what is left out keeps its default.
 */
final class FailoverSection {

    private static final Set<String> RETRY_KEYS = Set.of("maxAttempts", "maxRetryAfterSeconds", "backoffMs", "maxBackoffMs");
    private static final Set<String> BREAKER_KEYS = Set.of("failures", "failureRate", "minimumRequests", "windowSeconds",
            "cooldownSeconds", "maxCooldownSeconds");
    /** The longest any of these waits may be set to: a day. */
    private static final long DAY_SECONDS = 86_400;

    private final Values values;
    private final Findings findings;

    FailoverSection(Values values, Findings findings) {
        this.values = values;
        this.findings = findings;
    }

    /** @param router the {@code Router} object as written, or null */
    FailoverSettings read(JsonNode router, JsonPath path) {
        FailoverSettings defaults = FailoverSettings.DEFAULTS;
        if (router == null || !router.isObject()) {
            return defaults;
        }
        RetrySettings retry = retry(router.get("retry"), path.key("retry"));
        BreakerSettings breaker = breaker(router.get("breaker"), path.key("breaker"));
        Duration keyCooldown = seconds(router.get("keyCooldownSeconds"), path.key("keyCooldownSeconds"),
                defaults.keyCooldown());
        return new FailoverSettings(retry, breaker, keyCooldown);
    }

    private RetrySettings retry(JsonNode node, JsonPath path) {
        RetrySettings defaults = RetrySettings.DEFAULTS;
        if (!isObject(node, path, RETRY_KEYS)) {
            return defaults;
        }
        int maxAttempts = (int) values.wholeNumber(node.get("maxAttempts"), path.key("maxAttempts"), 1, 10,
                "a whole number from 1 to 10").orElse(defaults.maxAttempts());
        Duration maxRetryAfter = Duration.ofSeconds(values.wholeNumber(node.get("maxRetryAfterSeconds"),
                path.key("maxRetryAfterSeconds"), 0, 3_600, "a whole number of seconds from 0 to 3600")
                .orElse(defaults.maxRetryAfter().toSeconds()));
        Duration backoff = values.millis(node.get("backoffMs"), path.key("backoffMs"), defaults.backoff());
        JsonPath maxBackoffPath = path.key("maxBackoffMs");
        Duration maxBackoff = values.millis(node.get("maxBackoffMs"), maxBackoffPath,
                defaults.maxBackoff().compareTo(backoff) < 0 ? backoff : defaults.maxBackoff());
        if (maxBackoff.compareTo(backoff) < 0) {
            findings.error(maxBackoffPath, "must not be less than backoffMs (" + backoff.toMillis() + ")");
            maxBackoff = backoff;
        }
        return new RetrySettings(maxAttempts, maxRetryAfter, backoff, maxBackoff);
    }

    private BreakerSettings breaker(JsonNode node, JsonPath path) {
        BreakerSettings defaults = BreakerSettings.DEFAULTS;
        if (!isObject(node, path, BREAKER_KEYS)) {
            return defaults;
        }
        int failures = (int) whole(node, path, "failures", "a whole number from 1 to 1000", 1_000)
                .orElse(defaults.failures());
        double failureRate = rate(node.get("failureRate"), path.key("failureRate"), defaults.failureRate());
        int minimumRequests = (int) whole(node, path, "minimumRequests", "a whole number from 1 to 1000", 1_000)
                .orElse(defaults.minimumRequests());
        Duration window = Duration.ofSeconds(whole(node, path, "windowSeconds", "a whole number of seconds from 1 to 3600",
                3_600).orElse(defaults.window().toSeconds()));
        Duration cooldown = seconds(node.get("cooldownSeconds"), path.key("cooldownSeconds"), defaults.cooldown());
        JsonPath maxPath = path.key("maxCooldownSeconds");
        Duration maxCooldown = seconds(node.get("maxCooldownSeconds"), maxPath,
                defaults.maxCooldown().compareTo(cooldown) < 0 ? cooldown : defaults.maxCooldown());
        if (maxCooldown.compareTo(cooldown) < 0) {
            findings.error(maxPath, "must not be less than cooldownSeconds (" + cooldown.toMillis() / 1000.0 + ")");
            maxCooldown = cooldown;
        }
        return new BreakerSettings(failures, failureRate, minimumRequests, window, cooldown, maxCooldown);
    }

    private OptionalLong whole(JsonNode node, JsonPath path, String key, String expected, long max) {
        return values.wholeNumber(node.get(key), path.key(key), 1, max, expected);
    }

    /** Whether there is an object to read; a wrong value and unknown keys are reported. */
    private boolean isObject(JsonNode node, JsonPath path, Set<String> known) {
        if (Values.absent(node)) {
            return false;
        }
        if (!node.isObject()) {
            findings.error(path, "must be an object with " + String.join(", ", known.stream().sorted().toList())
                    + ", not " + Values.kind(node));
            return false;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!known.contains(entry.getKey())) {
                findings.error(path.key(entry.getKey()), "unknown key; known: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
        return true;
    }

    /** Seconds, fractions allowed (tests and quick local setups want short waits), up to a day. */
    private Duration seconds(JsonNode node, JsonPath path, Duration absent) {
        if (Values.absent(node)) {
            return absent;
        }
        OptionalDouble seconds = values.number(node, path);
        if (seconds.isEmpty()) {
            return absent;
        }
        if (seconds.getAsDouble() < 0.001 || seconds.getAsDouble() > DAY_SECONDS) {
            findings.error(path, "must be a number of seconds from 0.001 to " + DAY_SECONDS + ", not "
                    + values.described(node, path));
            return absent;
        }
        return Duration.ofNanos(Math.round(seconds.getAsDouble() * 1e9));
    }

    private double rate(JsonNode node, JsonPath path, double absent) {
        if (Values.absent(node)) {
            return absent;
        }
        OptionalDouble rate = values.number(node, path);
        if (rate.isPresent() && !(rate.getAsDouble() > 0 && rate.getAsDouble() <= 1)) {
            findings.error(path, "must be a fraction above 0 and at most 1 (0.5 is half), not "
                    + values.described(node, path));
            return absent;
        }
        return rate.orElse(absent);
    }
}
