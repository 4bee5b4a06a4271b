package dev.conduit.protocol.internal;

import dev.conduit.protocol.ProtocolException;
import tools.jackson.databind.JsonNode;

/** Path-aware field access for reading request bodies with precise error messages. */
public final class Nodes {

    private Nodes() {}

    public static String path(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    public static String path(String parent, int index) {
        return parent + "[" + index + "]";
    }

    public static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw ProtocolException.at(path, "expected an object, got " + describe(node));
        }
        return node;
    }

    public static JsonNode array(JsonNode node, String path) {
        if (node == null || !node.isArray()) {
            throw ProtocolException.at(path, "expected an array, got " + describe(node));
        }
        return node;
    }

    /** The field, or null when absent or JSON null. */
    public static JsonNode optional(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() ? null : value;
    }

    public static String requiredString(JsonNode parent, String field, String parentPath) {
        JsonNode value = optional(parent, field);
        if (value == null) {
            throw ProtocolException.at(path(parentPath, field), "field required");
        }
        if (!value.isString()) {
            throw ProtocolException.at(path(parentPath, field), "expected a string, got " + describe(value));
        }
        return value.stringValue();
    }

    public static String optionalString(JsonNode parent, String field, String parentPath) {
        JsonNode value = optional(parent, field);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            throw ProtocolException.at(path(parentPath, field), "expected a string, got " + describe(value));
        }
        return value.stringValue();
    }

    public static boolean optionalBoolean(JsonNode parent, String field, String parentPath, boolean absent) {
        JsonNode value = optional(parent, field);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw ProtocolException.at(path(parentPath, field), "expected true or false, got " + describe(value));
        }
        return value.booleanValue();
    }

    public static Double optionalNumber(JsonNode parent, String field, String parentPath) {
        JsonNode value = optional(parent, field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw ProtocolException.at(path(parentPath, field), "expected a number, got " + describe(value));
        }
        return value.doubleValue();
    }

    public static Integer optionalInt(JsonNode parent, String field, String parentPath) {
        JsonNode value = optional(parent, field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ProtocolException.at(path(parentPath, field), "expected an integer, got " + describe(value));
        }
        return value.intValue();
    }

    /** Lenient reads for upstream responses: absent, null or mistyped fields give the default. */
    public static String text(JsonNode parent, String field) {
        JsonNode value = parent == null ? null : parent.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /**
     * A token count, 0 when absent or not a number. Servers have sent fractions and huge numbers;
     * they are cut to a whole number from 0 to {@link Long#MAX_VALUE} (a negative count would fail
     * the metrics, whose counters only go up).
     */
    public static long count(JsonNode parent, String field) {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value == null || !value.isNumber()) {
            return 0;
        }
        double count = value.doubleValue();
        return count > 0 ? (long) count : 0;
    }

    public static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
