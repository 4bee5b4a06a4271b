package dev.conduit.config.internal;

import dev.conduit.config.InboundApi;
import dev.conduit.config.RuleCondition;
import dev.conduit.config.TextMatch;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the values of a rule's conditions. Text is compared with {@code "text"} (equals),
 * {@code ["a", "b"]} (in), or an operator object {@code {"equals": …}}, {@code {"in": […]}},
 * {@code {"regex": …}}; token counts with a range {@code {"min": …, "max": …}}.
 */
final class ConditionReader {

    private static final String TEXT_FORMS = "a string, an array of strings, or {\"equals\"|\"in\"|\"regex\": …}";

    private final Values values;
    private final Findings findings;

    ConditionReader(Values values, Findings findings) {
        this.values = values;
        this.findings = findings;
    }

    Optional<TextMatch> text(JsonNode node, JsonPath path) {
        if (node.isString()) {
            return Optional.of(new TextMatch.Equals(node.stringValue()));
        }
        if (node.isArray()) {
            return strings(node, path).map(TextMatch.In::new);
        }
        if (!node.isObject()) {
            findings.error(path, "must be " + TEXT_FORMS + ", not " + Values.kind(node));
            return Optional.empty();
        }
        Optional<Map.Entry<String, JsonNode>> operator = singleOperator(node, path, Set.of("equals", "in", "regex"),
                "use equals, in or regex");
        if (operator.isEmpty()) {
            return Optional.empty();
        }
        JsonPath at = path.key(operator.get().getKey());
        JsonNode value = operator.get().getValue();
        return switch (operator.get().getKey()) {
            case "equals" -> values.string(value, at).map(TextMatch.Equals::new);
            case "in" -> value.isArray() ? strings(value, at).map(TextMatch.In::new) : notStrings(value, at);
            default -> values.string(value, at).flatMap(regex -> regex(regex, at));
        };
    }

    Optional<RuleCondition> tokens(JsonNode node, JsonPath path) {
        if (!node.isObject()) {
            findings.error(path, "must be a range {\"min\": …, \"max\": …}, not " + Values.kind(node));
            return Optional.empty();
        }
        for (String key : node.propertyNames()) {
            if (!key.equals("min") && !key.equals("max")) {
                findings.error(path.key(key), "unknown key; tokens takes a range {\"min\": …, \"max\": …}");
                return Optional.empty();
            }
        }
        OptionalLong min = values.wholeNumber(node.get("min"), path.key("min"), 0, Long.MAX_VALUE, "0 or more tokens");
        OptionalLong max = values.wholeNumber(node.get("max"), path.key("max"), 0, Long.MAX_VALUE, "0 or more tokens");
        if (!node.has("min") && !node.has("max")) {
            findings.error(path, "a range needs \"min\", \"max\" or both");
            return Optional.empty();
        }
        if (min.isPresent() && max.isPresent() && min.getAsLong() > max.getAsLong()) {
            findings.error(path, "min " + min.getAsLong() + " is above max " + max.getAsLong());
            return Optional.empty();
        }
        if ((node.has("min") && min.isEmpty()) || (node.has("max") && max.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new RuleCondition.Tokens(min.orElse(0), max.orElse(Long.MAX_VALUE)));
    }

    Optional<RuleCondition> thinking(JsonNode node, JsonPath path) {
        if (node.isObject()) {
            return singleOperator(node, path, Set.of("equals"), "thinking takes true, false or {\"equals\": …}")
                    .flatMap(equals -> values.flag(equals.getValue(), path.key("equals")))
                    .map(RuleCondition.Thinking::new);
        }
        return values.flag(node, path).map(RuleCondition.Thinking::new);
    }

    List<RuleCondition> headers(JsonNode node, JsonPath path) {
        List<RuleCondition> headers = new ArrayList<>();
        if (!node.isObject()) {
            findings.error(path, "must be an object of header names and conditions, like {\"x-team\": \"search\"},"
                    + " not " + Values.kind(node));
            return headers;
        }
        for (Map.Entry<String, JsonNode> header : node.properties()) {
            text(header.getValue(), path.key(header.getKey())).ifPresent(match -> headers.add(
                    new RuleCondition.Header(header.getKey().toLowerCase(Locale.ROOT), match)));
        }
        return headers;
    }

    Optional<RuleCondition> format(JsonNode node, JsonPath path) {
        Optional<TextMatch> match = text(node, path);
        if (match.isEmpty()) {
            return Optional.empty();
        }
        List<String> named = switch (match.get()) {
            case TextMatch.Equals equals -> List.of(equals.value());
            case TextMatch.In in -> in.values();
            case TextMatch.Regex regex -> {
                findings.error(path.key("regex"), "format takes \"anthropic\" or \"openai\" (or both in a list),"
                        + " not a regular expression");
                yield List.of();
            }
        };
        Set<InboundApi> apis = EnumSet.noneOf(InboundApi.class);
        for (String name : named) {
            Optional<InboundApi> api = InboundApi.of(name);
            if (api.isEmpty()) {
                findings.error(path, "\"" + name + "\" is not an API; use \"anthropic\" or \"openai\"");
                return Optional.empty();
            }
            apis.add(api.get());
        }
        return apis.isEmpty() ? Optional.empty() : Optional.of(new RuleCondition.Format(apis));
    }

    private Optional<Map.Entry<String, JsonNode>> singleOperator(JsonNode node, JsonPath path, Set<String> allowed,
            String hint) {
        if (node.size() != 1) {
            findings.error(path, "must hold exactly one operator, not " + node.size() + "; " + hint);
            return Optional.empty();
        }
        Map.Entry<String, JsonNode> operator = node.properties().iterator().next();
        if (!allowed.contains(operator.getKey())) {
            String why = operator.getKey().equals("min") || operator.getKey().equals("max")
                    ? "a range applies to tokens only; " : "unknown operator; ";
            findings.error(path.key(operator.getKey()), why + hint);
            return Optional.empty();
        }
        return Optional.of(operator);
    }

    private Optional<List<String>> strings(JsonNode node, JsonPath path) {
        if (node.isEmpty()) {
            findings.error(path, "must list at least one value");
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isString()) {
                findings.error(path.index(i), "must be a string, not " + Values.kind(node.get(i)));
                return Optional.empty();
            }
            strings.add(node.get(i).stringValue());
        }
        return Optional.of(strings);
    }

    private <T> Optional<T> notStrings(JsonNode node, JsonPath path) {
        findings.error(path, "must be an array of strings, not " + Values.kind(node));
        return Optional.empty();
    }

    private Optional<TextMatch> regex(String regex, JsonPath path) {
        try {
            return Optional.of(new TextMatch.Regex(Pattern.compile(regex)));
        } catch (PatternSyntaxException invalid) {
            findings.error(path, "is not a valid regular expression: " + invalid.getDescription() + " near index "
                    + invalid.getIndex());
            return Optional.empty();
        }
    }
}
