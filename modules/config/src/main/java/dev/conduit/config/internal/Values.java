package dev.conduit.config.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads of single values, reporting a wrong type or range as an error at the value's path.
 * Numbers and booleans may also be written as strings, because {@code $VAR} interpolation only
 * happens inside strings ({@code "PORT": "$PORT"}).
 */
final class Values {

    private final Findings findings;
    private final Map<JsonPath, String> written;

    /** {@code written}: the text as written of each string that took a value from the environment. */
    Values(Findings findings, Map<JsonPath, String> written) {
        this.findings = findings;
        this.written = written;
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** A string value, or empty when absent or not a string (then an error is reported). */
    Optional<String> string(JsonNode node, JsonPath path) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (!node.isString()) {
            findings.error(path, "must be a string, not " + kind(node));
            return Optional.empty();
        }
        return Optional.of(node.stringValue());
    }

    /** A string value without surrounding blanks; empty also when it is blank. */
    Optional<String> text(JsonNode node, JsonPath path) {
        return string(node, path).map(String::strip).filter(text -> !text.isEmpty());
    }

    OptionalLong wholeNumber(JsonNode node, JsonPath path, long min, long max, String expected) {
        if (absent(node)) {
            return OptionalLong.empty();
        }
        OptionalLong number = parseWhole(node);
        if (number.isEmpty() || number.getAsLong() < min || number.getAsLong() > max) {
            findings.error(path, "must be " + expected + ", not " + described(node, path));
            return OptionalLong.empty();
        }
        return number;
    }

    /** Any finite number, also written as a string. */
    OptionalDouble number(JsonNode node, JsonPath path) {
        if (absent(node)) {
            return OptionalDouble.empty();
        }
        if (node.isNumber() && Double.isFinite(node.doubleValue())) {
            return OptionalDouble.of(node.doubleValue());
        }
        if (node.isString()) {
            try {
                double parsed = Double.parseDouble(node.stringValue().strip());
                if (Double.isFinite(parsed)) {
                    return OptionalDouble.of(parsed);
                }
            } catch (NumberFormatException notNumber) {
                // reported below
            }
        }
        findings.error(path, "must be a number, not " + described(node, path));
        return OptionalDouble.empty();
    }

    /** A positive number of milliseconds, or {@code absent} when the key is not there. */
    Duration millis(JsonNode node, JsonPath path, Duration absent) {
        OptionalLong millis = wholeNumber(node, path, 1, Long.MAX_VALUE, "a positive number of milliseconds");
        return millis.isPresent() ? Duration.ofMillis(millis.getAsLong()) : absent;
    }

    Optional<Boolean> flag(JsonNode node, JsonPath path) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        if (node.isString()) {
            String text = node.stringValue().strip().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Optional.of(Boolean.parseBoolean(text));
            }
        }
        findings.error(path, "must be true or false, not " + described(node, path));
        return Optional.empty();
    }

    /** An absolute http or https URL; the error message does not quote it (it may carry a key). */
    Optional<URI> httpUrl(JsonNode node, JsonPath path, String example) {
        return text(node, path).flatMap(text -> {
            Optional<URI> url = parseHttpUrl(text);
            if (url.isEmpty()) {
                findings.error(path, "must be an absolute http or https URL, like " + example);
            }
            return url;
        });
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> node.booleanValue() ? "true" : "false";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** Whether the string at the path took a value from the environment. */
    boolean fromEnvironment(JsonPath path) {
        return written.containsKey(path);
    }

    /**
     * A string value as a message may show it: when it took a value from the environment, the text
     * as written instead, because a variable may hold a key.
     */
    String shown(JsonPath path, String value) {
        return written.getOrDefault(path, value);
    }

    String quote(JsonPath path, String value) {
        return '"' + shown(path, value) + '"';
    }

    String described(JsonNode node, JsonPath path) {
        if (node.isNumber()) {
            return String.valueOf(node.numberValue());
        }
        return node.isString() ? quote(path, node.stringValue()) : kind(node);
    }

    private static OptionalLong parseWhole(JsonNode node) {
        if (node.isNumber() && node.canConvertToExactIntegral() && node.canConvertToLong()) {
            return OptionalLong.of(node.longValue());
        }
        if (node.isString()) {
            try {
                return OptionalLong.of(Long.parseLong(node.stringValue().strip()));
            } catch (NumberFormatException notWhole) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    private static Optional<URI> parseHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean http = scheme.equals("http") || scheme.equals("https");
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException notUrl) {
            return Optional.empty();
        }
    }
}
