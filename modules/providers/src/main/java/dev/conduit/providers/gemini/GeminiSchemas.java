package dev.conduit.providers.gemini;

import dev.conduit.protocol.Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a tool's JSON Schema into the OpenAPI 3.0 subset Gemini's {@code Schema} accepts (ai.google.dev
 * API reference, "Schema"). Gemini rejects the whole request for one field it does not know, so
 * what it lacks is rewritten where an equivalent exists and dropped otherwise:
 *
 * <ul>
 *   <li>kept: type, format (only the ones Gemini lists), title, description, nullable, enum (of
 *       strings), properties, required, items, anyOf, min/max Items, Length, Properties, minimum,
 *       maximum, pattern, example, default, propertyOrdering;
 *   <li>rewritten: {@code $ref} into {@code $defs}/{@code definitions} is inlined (a recursive
 *       reference ends in a plain object); {@code allOf} is merged; {@code oneOf} becomes
 *       {@code anyOf}; {@code type:[…,"null"]} and a {@code {type:"null"}} alternative become
 *       {@code nullable}; {@code const} becomes a one-value enum; a missing type is inferred
 *       from properties, items or enum;
 *   <li>repaired: an array without items gets string items and an empty {@code properties} is
 *       left out, both of which Gemini refuses; {@code required} names only listed properties;
 *   <li>dropped: {@code $schema}, {@code additionalProperties}, {@code exclusiveMinimum},
 *       {@code exclusiveMaximum}, {@code multipleOf}, {@code uniqueItems}, {@code examples},
 *       {@code propertyNames}, {@code not}, {@code if}/{@code then}/{@code else} and the rest.
 * </ul>
 */
final class GeminiSchemas {

    private static final Set<String> COPIED = Set.of("title", "description", "pattern", "example", "default",
            "propertyOrdering", "minimum", "maximum", "minItems", "maxItems", "minLength", "maxLength",
            "minProperties", "maxProperties");
    private static final Map<String, Set<String>> FORMATS = Map.of(
            "string", Set.of("enum", "date-time"),
            "number", Set.of("float", "double"),
            "integer", Set.of("int32", "int64"));

    private final JsonNode root;
    private final Deque<String> resolving = new ArrayDeque<>();

    private GeminiSchemas(JsonNode root) {
        this.root = root;
    }

    /** The Gemini form of {@code schema}, a tool's {@code input_schema}. */
    static ObjectNode clean(JsonNode schema) {
        return new GeminiSchemas(schema).convert(schema);
    }

    private ObjectNode convert(JsonNode node) {
        ObjectNode out = Json.NODES.objectNode();
        if (node == null || !node.isObject()) {
            return out; // a boolean schema: no constraint Gemini can express
        }
        String ref = node.path("$ref").asString(null);
        if (ref != null) {
            return inline(ref, node);
        }
        JsonNode source = node.has("allOf") ? mergeAllOf(node) : node;
        types(source, out);
        for (String field : COPIED) {
            if (source.has(field)) {
                out.set(field, source.get(field));
            }
        }
        enumValues(source, out);
        structure(source, out);
        inferType(out);
        format(source, out);
        return out;
    }

    /** Replaces a local reference by its target; siblings of {@code $ref} (a description) win. */
    private ObjectNode inline(String ref, JsonNode node) {
        JsonNode target = target(ref);
        ObjectNode resolved;
        if (target == null || resolving.contains(ref)) {
            resolved = Json.NODES.objectNode().put("type", "object"); // unknown or recursive
        } else {
            resolving.push(ref);
            resolved = convert(target);
            resolving.pop();
        }
        ObjectNode siblings = convert(((ObjectNode) node).deepCopy().without("$ref"));
        siblings.properties().forEach(entry -> resolved.set(entry.getKey(), entry.getValue()));
        return resolved;
    }

    /** The schema a local reference ({@code #/$defs/X}) points to, or null. */
    private JsonNode target(String ref) {
        if (!ref.equals("#") && !ref.startsWith("#/")) {
            return null;
        }
        JsonNode target = root.at(ref.substring(1));
        return target.isMissingNode() ? null : target;
    }

    private JsonNode mergeAllOf(JsonNode node) {
        ObjectNode merged = ((ObjectNode) node).deepCopy().without("allOf");
        for (JsonNode member : node.path("allOf")) {
            JsonNode referenced = target(member.path("$ref").asString(""));
            JsonNode part = referenced != null ? referenced : member;
            for (Map.Entry<String, JsonNode> entry : part.properties()) {
                JsonNode existing = merged.get(entry.getKey());
                if (existing == null) {
                    merged.set(entry.getKey(), entry.getValue().deepCopy());
                } else if (existing.isObject() && entry.getValue().isObject() && entry.getKey().equals("properties")) {
                    ((ObjectNode) existing).setAll((ObjectNode) entry.getValue());
                } else if (existing.isArray() && entry.getValue().isArray() && entry.getKey().equals("required")) {
                    ((ArrayNode) existing).addAll((ArrayNode) entry.getValue());
                }
            }
        }
        return merged;
    }

    /** {@code type}, {@code nullable} and {@code anyOf}, which Gemini never takes together with a type. */
    private void types(JsonNode node, ObjectNode out) {
        List<JsonNode> alternatives = new ArrayList<>();
        JsonNode type = node.get("type");
        if (type != null && type.isArray()) {
            for (JsonNode member : type) {
                alternatives.add(Json.NODES.objectNode().set("type", member));
            }
        } else if (type != null && type.isString()) {
            alternatives.add(Json.NODES.objectNode().set("type", type));
        }
        boolean union = false;
        for (String field : new String[] {"anyOf", "oneOf"}) {
            for (JsonNode member : node.path(field)) {
                alternatives.add(member);
                union = true;
            }
        }
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode alternative : alternatives) {
            if (alternative.path("type").asString("").equals("null") && alternative.size() == 1) {
                out.put("nullable", true);
            } else {
                kept.add(alternative);
            }
        }
        if (node.path("nullable").asBoolean(false)) {
            out.put("nullable", true);
        }
        if (kept.size() == 1 && !union) {
            out.put("type", kept.getFirst().path("type").asString());
        } else if (kept.size() == 1) {
            convert(kept.getFirst()).properties().forEach(entry -> out.set(entry.getKey(), entry.getValue()));
        } else if (kept.size() > 1) {
            ArrayNode anyOf = out.putArray("anyOf");
            kept.forEach(alternative -> anyOf.add(convert(alternative)));
        }
    }

    private static void enumValues(JsonNode node, ObjectNode out) {
        JsonNode values = node.has("const") ? Json.NODES.arrayNode().add(node.get("const")) : node.get("enum");
        if (values == null || !values.isArray() || values.isEmpty()) {
            return;
        }
        String type = scalarType(values);
        if (type.equals("string")) {
            out.set("enum", values);
        } else if (!type.isEmpty() && !out.has("type") && !out.has("anyOf")) {
            out.put("type", type); // Gemini takes enums of strings only; the values still tell the type
        }
    }

    /** The JSON Schema type all {@code values} share, or "" when they differ. */
    private static String scalarType(JsonNode values) {
        boolean strings = true;
        boolean integers = true;
        boolean numbers = true;
        boolean booleans = true;
        for (JsonNode value : values) {
            strings &= value.isString();
            integers &= value.isIntegralNumber();
            numbers &= value.isNumber();
            booleans &= value.isBoolean();
        }
        return strings ? "string" : integers ? "integer" : numbers ? "number" : booleans ? "boolean" : "";
    }

    private void structure(JsonNode node, ObjectNode out) {
        JsonNode properties = node.get("properties");
        if (properties != null && properties.isObject() && !properties.isEmpty()) {
            ObjectNode converted = out.putObject("properties");
            properties.properties().forEach(entry -> converted.set(entry.getKey(), convert(entry.getValue())));
            ArrayNode required = Json.NODES.arrayNode();
            for (JsonNode name : node.path("required")) {
                if (name.isString() && converted.has(name.stringValue()) && !contains(required, name)) {
                    required.add(name);
                }
            }
            if (!required.isEmpty()) {
                out.set("required", required);
            }
        }
        JsonNode items = node.get("items");
        if (items != null && items.isObject()) {
            out.set("items", convert(items));
        }
    }

    private static void inferType(ObjectNode out) {
        if (out.has("type") || out.has("anyOf")) {
            if (out.path("type").asString("").equals("array") && !out.has("items")) {
                out.putObject("items").put("type", "string");
            }
            return;
        }
        if (out.has("properties")) {
            out.put("type", "object");
        } else if (out.has("items")) {
            out.put("type", "array");
        } else if (out.has("enum")) {
            out.put("type", "string");
        }
    }

    private static void format(JsonNode node, ObjectNode out) {
        String format = node.path("format").asString(null);
        Set<String> allowed = FORMATS.get(out.path("type").asString(""));
        if (format != null && allowed != null && allowed.contains(format)) {
            out.put("format", format);
        }
    }

    private static boolean contains(ArrayNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
