package dev.conduit.config.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces {@code $VAR} and {@code ${VAR}} in every string value of a document with the
 * environment's values. Keys are left alone, and a variable that is not set stays as written.
 */
public final class Interpolator {

    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /**
     * The interpolated tree; the text as written of every string that took a value from the
     * environment (messages show that instead, since a variable may hold a key); and the variables
     * that were not set, where they were named.
     */
    public record Interpolation(JsonNode tree, Map<JsonPath, String> written, List<Unset> unset) {
    }

    public record Unset(JsonPath path, String variable) {
    }

    private final Map<String, String> environment;

    public Interpolator(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public Interpolation interpolate(JsonNode document) {
        Map<JsonPath, String> written = new HashMap<>();
        List<Unset> unset = new ArrayList<>();
        JsonNode tree = interpolate(document, JsonPath.ROOT, written, unset);
        return new Interpolation(tree, Map.copyOf(written), List.copyOf(unset));
    }

    private String interpolate(String text, Consumer<String> unsetVariable) {
        return VARIABLE.matcher(text).replaceAll(match -> {
            String name = match.group(1) != null ? match.group(1) : match.group(2);
            String value = environment.get(name);
            if (value == null) {
                unsetVariable.accept(name);
                return Matcher.quoteReplacement(match.group());
            }
            return Matcher.quoteReplacement(value);
        });
    }

    private JsonNode interpolate(JsonNode node, JsonPath path, Map<JsonPath, String> written, List<Unset> unset) {
        return switch (node) {
            case ObjectNode object -> {
                ObjectNode copy = JsonNodeFactory.instance.objectNode();
                object.properties().forEach(property -> copy.set(property.getKey(),
                        interpolate(property.getValue(), path.key(property.getKey()), written, unset)));
                yield copy;
            }
            case ArrayNode array -> {
                ArrayNode copy = JsonNodeFactory.instance.arrayNode(array.size());
                for (int i = 0; i < array.size(); i++) {
                    copy.add(interpolate(array.get(i), path.index(i), written, unset));
                }
                yield copy;
            }
            default -> {
                if (!node.isString()) {
                    yield node;
                }
                String text = node.stringValue();
                String value = interpolate(text, variable -> unset.add(new Unset(path, variable)));
                if (!value.equals(text)) {
                    written.put(path, text);
                }
                yield JsonNodeFactory.instance.stringNode(value);
            }
        };
    }
}
