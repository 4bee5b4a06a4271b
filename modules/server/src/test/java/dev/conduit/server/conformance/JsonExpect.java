package dev.conduit.server.conformance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares an expected JSON tree from a case file with what was seen, and names every difference
 * by its path. Plain values must be equal (numbers by value); objects must have exactly the
 * expected members (in subset mode only those listed); arrays must have the same length.
 *
 * <p>Placeholders, for what differs from run to run or matters only in part:
 * <ul>
 *   <li>{@code "<any>"}: any value, but present;
 *   <li>{@code "<absent>"}: as an object member, the member must not exist;
 *   <li>{@code "<re:REGEX>"}: a string the regular expression matches whole;
 *   <li>{@code {"<subset>": {...}}} / {@code {"<exact>": {...}}}: switch mode for this subtree;
 *   <li>{@code {"<contains>": [...]}}: an array with, for each listed value, an element matching it;
 *   <li>{@code {"<excludes>": [...]}}: an array (or nothing) with no element matching a listed value;
 *   <li>{@code {"<size>": n}}: an array, object or string of that size;
 *   <li>{@code {"<json>": ...}}: a string holding JSON that matches (tool-call arguments).
 * </ul>
 */
final class JsonExpect {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonExpect() {}

    static List<String> exact(JsonNode expected, JsonNode actual, String path) {
        List<String> problems = new ArrayList<>();
        match(expected, actual, path, false, problems);
        return problems;
    }

    static List<String> subset(JsonNode expected, JsonNode actual, String path) {
        List<String> problems = new ArrayList<>();
        match(expected, actual, path, true, problems);
        return problems;
    }

    static boolean matches(JsonNode expected, JsonNode actual, boolean subset) {
        List<String> problems = new ArrayList<>();
        match(expected, actual, "$", subset, problems);
        return problems.isEmpty();
    }

    private static void match(JsonNode expected, JsonNode actual, String path, boolean subset, List<String> out) {
        boolean missing = actual == null || actual.isMissingNode();
        if (expected.isString()) {
            String text = expected.stringValue();
            if (text.equals("<any>")) {
                if (missing) {
                    out.add(path + ": missing");
                }
                return;
            }
            if (text.equals("<absent>")) {
                if (!missing) {
                    out.add(path + ": expected absent, got " + show(actual));
                }
                return;
            }
            if (text.startsWith("<re:") && text.endsWith(">")) {
                String regex = text.substring(4, text.length() - 1);
                if (missing || !actual.isString() || !Pattern.compile(regex, Pattern.DOTALL).matcher(actual.stringValue()).matches()) {
                    out.add(path + ": expected a string matching /" + regex + "/, got " + show(actual));
                }
                return;
            }
        }
        if (expected.isObject() && expected.size() == 1) {
            String key = expected.propertyNames().iterator().next();
            if (key.startsWith("<") && key.endsWith(">")) {
                operator(key, expected.get(key), actual, path, subset, out);
                return;
            }
        }
        if (missing) {
            out.add(path + ": missing, expected " + show(expected));
            return;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                out.add(path + ": expected an object, got " + show(actual));
                return;
            }
            for (Map.Entry<String, JsonNode> member : expected.properties()) {
                match(member.getValue(), actual.get(member.getKey()), path + "." + member.getKey(), subset, out);
            }
            if (!subset) {
                for (String name : actual.propertyNames()) {
                    if (!expected.has(name)) {
                        out.add(path + "." + name + ": unexpected, got " + show(actual.get(name)));
                    }
                }
            }
        } else if (expected.isArray()) {
            if (!actual.isArray()) {
                out.add(path + ": expected an array, got " + show(actual));
                return;
            }
            if (expected.size() != actual.size()) {
                out.add(path + ": expected " + expected.size() + " elements, got " + actual.size() + ": " + show(actual));
            }
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                match(expected.get(i), actual.get(i), path + "[" + i + "]", subset, out);
            }
        } else if (expected.isNumber()) {
            if (!actual.isNumber() || new BigDecimal(expected.asString()).compareTo(new BigDecimal(actual.asString())) != 0) {
                out.add(path + ": expected " + expected + ", got " + show(actual));
            }
        } else if (!expected.equals(actual)) {
            out.add(path + ": expected " + show(expected) + ", got " + show(actual));
        }
    }

    private static void operator(String name, JsonNode argument, JsonNode actual, String path, boolean subset, List<String> out) {
        boolean missing = actual == null || actual.isMissingNode();
        switch (name) {
            case "<subset>" -> match(argument, actual, path, true, out);
            case "<exact>" -> match(argument, actual, path, false, out);
            case "<contains>" -> {
                if (missing || !actual.isArray()) {
                    out.add(path + ": expected an array, got " + show(actual));
                    return;
                }
                for (JsonNode wanted : argument) {
                    boolean found = false;
                    for (JsonNode element : actual) {
                        found |= matches(wanted, element, subset);
                    }
                    if (!found) {
                        out.add(path + ": no element matches " + show(wanted) + " in " + show(actual));
                    }
                }
            }
            case "<excludes>" -> {
                if (missing) {
                    return;
                }
                for (JsonNode unwanted : argument) {
                    for (JsonNode element : actual) {
                        if (matches(unwanted, element, true)) {
                            out.add(path + ": has an element matching " + show(unwanted));
                        }
                    }
                }
            }
            case "<size>" -> {
                int size = missing ? -1 : actual.isString() ? actual.stringValue().length() : actual.size();
                if (size != argument.asInt()) {
                    out.add(path + ": expected size " + argument.asInt() + ", got " + (missing ? "nothing" : size));
                }
            }
            case "<json>" -> {
                if (missing || !actual.isString()) {
                    out.add(path + ": expected a string of JSON, got " + show(actual));
                    return;
                }
                JsonNode parsed;
                try {
                    parsed = JSON.readTree(actual.stringValue());
                } catch (JacksonException notJson) {
                    out.add(path + ": not JSON: " + show(actual));
                    return;
                }
                match(argument, parsed, path + "<json>", subset, out);
            }
            default -> out.add(path + ": the case uses an unknown operator " + name);
        }
    }

    static String show(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() > 400 ? text.substring(0, 400) + "…(" + text.length() + " chars)" : text;
    }
}
