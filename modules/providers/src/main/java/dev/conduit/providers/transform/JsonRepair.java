package dev.conduit.providers.transform;

import dev.conduit.protocol.Json;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the almost-JSON that models write as tool arguments: trailing commas, missing closing
 * braces, brackets and quotes (a cut answer), single-quoted strings, unquoted keys, Python's
 * {@code True}/{@code False}/{@code None}, and a Markdown code fence around it all.
 */
public final class JsonRepair {

    private final String text;
    private int at;
    private int depth;

    private JsonRepair(String text) {
        this.text = text;
    }

    /**
     * The arguments as JSON text: unchanged when they already are JSON, repaired when they can be,
     * else unchanged (the client then sees what the model wrote).
     */
    public static String repairedText(String arguments) {
        if (arguments == null || isJson(arguments)) {
            return arguments;
        }
        return repair(arguments).map(JsonNode::toString).orElse(arguments);
    }

    /** The value {@code text} most plausibly meant, or empty when it holds no object or array. */
    public static Optional<JsonNode> repair(String text) {
        String body = withoutFence(text.strip());
        int start = firstOf(body, '{', '[');
        if (start < 0) {
            return Optional.empty();
        }
        JsonRepair parser = new JsonRepair(body);
        parser.at = start;
        return Optional.of(parser.value());
    }

    private static boolean isJson(String text) {
        try {
            JsonNode parsed = Json.MAPPER.readTree(text);
            return parsed != null && !parsed.isMissingNode();
        } catch (JacksonException notJson) {
            return false;
        }
    }

    private static String withoutFence(String text) {
        if (!text.startsWith("```")) {
            return text;
        }
        int firstLine = text.indexOf('\n');
        String inner = firstLine < 0 ? "" : text.substring(firstLine + 1);
        int close = inner.lastIndexOf("```");
        return close < 0 ? inner : inner.substring(0, close);
    }

    private static int firstOf(String text, char a, char b) {
        int first = text.indexOf(a);
        int second = text.indexOf(b);
        return first < 0 ? second : second < 0 ? first : Math.min(first, second);
    }

    private JsonNode value() {
        skipSpace();
        if (at >= text.length()) {
            return Json.NODES.nullNode();
        }
        char c = text.charAt(at);
        if (c == ',' || c == '}' || c == ']') {
            return Json.NODES.nullNode(); // a value left out, as in {"a": }
        }
        if ((c == '{' || c == '[') && depth >= Json.MAX_NESTING_DEPTH) {
            at = text.length(); // deeper than any request may be: the rest is dropped, not recursed into
            return Json.NODES.nullNode();
        }
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"', '\'' -> Json.NODES.stringNode(string(c));
            default -> c == '-' || c == '+' || c == '.' || Character.isDigit(c) ? number() : word();
        };
    }

    private ObjectNode object() {
        ObjectNode object = Json.NODES.objectNode();
        at++;
        depth++;
        try {
            return members(object);
        } finally {
            depth--;
        }
    }

    private ObjectNode members(ObjectNode object) {
        while (true) {
            skipSpaceAndCommas();
            if (at >= text.length()) {
                return object;
            }
            char c = text.charAt(at);
            if (c == '}') {
                at++;
                return object;
            }
            if (c == ']') {
                at++; // a stray closer: the object ends here
                return object;
            }
            String key = c == '"' || c == '\'' ? string(c) : bareKey();
            skipSpace();
            if (at < text.length() && (text.charAt(at) == ':' || text.charAt(at) == '=')) {
                at++;
            }
            object.set(key, value());
        }
    }

    private ArrayNode array() {
        ArrayNode array = Json.NODES.arrayNode();
        at++;
        depth++;
        try {
            return elements(array);
        } finally {
            depth--;
        }
    }

    private ArrayNode elements(ArrayNode array) {
        while (true) {
            skipSpaceAndCommas();
            if (at >= text.length()) {
                return array;
            }
            char c = text.charAt(at);
            if (c == ']' || c == '}') {
                at++;
                return array;
            }
            int before = at;
            array.add(value());
            if (at == before) {
                at++; // nothing readable here; skip it rather than loop
            }
        }
    }

    /** A quoted string from {@code at}; an unclosed one runs to the end of the text. */
    private String string(char quote) {
        StringBuilder out = new StringBuilder();
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == quote) {
                return out.toString();
            }
            if (c != '\\' || at >= text.length()) {
                out.append(c);
                continue;
            }
            char escaped = text.charAt(at++);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> out.append(unicode());
                default -> out.append(escaped);
            }
        }
        return out.toString();
    }

    private String unicode() {
        if (at + 4 <= text.length()) {
            try {
                char c = (char) Integer.parseInt(text.substring(at, at + 4), 16);
                at += 4;
                return String.valueOf(c);
            } catch (NumberFormatException notHex) {
                return "u";
            }
        }
        return "u";
    }

    private String bareKey() {
        int start = at;
        while (at < text.length() && ":=,}".indexOf(text.charAt(at)) < 0 && !Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return text.substring(start, at);
    }

    private JsonNode number() {
        int start = at;
        while (at < text.length() && "+-.eE0123456789".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        String digits = text.substring(start, at);
        // a number cut short ("1.", "2e") means what it has so far
        while (!digits.isEmpty()) {
            try {
                BigDecimal number = new BigDecimal(digits.startsWith("+") ? digits.substring(1) : digits);
                return number.scale() <= 0 ? Json.NODES.numberNode(number.toBigIntegerExact()) : Json.NODES.numberNode(number);
            } catch (NumberFormatException | ArithmeticException notYet) {
                digits = digits.substring(0, digits.length() - 1);
            }
        }
        return Json.NODES.nullNode();
    }

    /** true, false, null (in JSON's or Python's spelling, or cut short), else a bare word as a string. */
    private JsonNode word() {
        int start = at;
        while (at < text.length() && ",}]".indexOf(text.charAt(at)) < 0 && text.charAt(at) != '\n') {
            at++;
        }
        String word = text.substring(start, at).strip();
        String lower = word.toLowerCase(Locale.ROOT);
        if ("true".startsWith(lower)) {
            return Json.NODES.booleanNode(true);
        }
        if ("false".startsWith(lower)) {
            return Json.NODES.booleanNode(false);
        }
        if ("null".startsWith(lower) || lower.equals("none")) {
            return Json.NODES.nullNode();
        }
        return Json.NODES.stringNode(word);
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private void skipSpaceAndCommas() {
        while (at < text.length() && (Character.isWhitespace(text.charAt(at)) || text.charAt(at) == ',')) {
            at++;
        }
    }
}
