package dev.conduit.config.internal;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;

/**
 * Says what is wrong with text that is not JSON5, in words for people. The parser's own messages
 * name its classes and features and quote the offending text, which may be a key written without
 * quotes, so none of them is passed on as it is.
 */
final class SyntaxErrors {

    private static final Pattern CHARACTER_CODE = Pattern.compile("\\bcode (\\d+)");

    private SyntaxErrors() {
    }

    static String describe(JacksonException error) {
        String original = Objects.requireNonNullElse(error.getOriginalMessage(), "");
        if (original.startsWith("Unexpected end-of-input")) {
            return "the file ends too early: a string, object or array is not closed";
        }
        if (original.startsWith("Unrecognized token")) {
            return "expected a value: a quoted string, a number, an object, an array, true, false or null";
        }
        if (original.startsWith("Unrecognized character escape")) {
            return isLineBreak(code(original))
                    ? "a backslash before a line break: multi-line strings are not supported, write \\n instead"
                    : "unknown escape sequence; strings know \\\" \\' \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX";
        }
        if (original.startsWith("Illegal unquoted character")) {
            return isLineBreak(code(original))
                    ? "a string is not closed before the end of the line"
                    : "a control character inside a string must be escaped, like \\t";
        }
        if (original.startsWith("Unexpected close marker")) {
            return original.contains("no open")
                    ? "a closing bracket with nothing open to close"
                    : "a closing bracket that does not match the open one";
        }
        if (original.startsWith("Invalid numeric value") || original.contains("in numeric value")) {
            return "not a valid number";
        }
        if (original.startsWith("Unexpected character")) {
            return unexpectedCharacter(original);
        }
        return "not valid JSON5";
    }

    private static String unexpectedCharacter(String original) {
        String found = shown(code(original));
        if (original.contains("comma to separate Object entries")) {
            return "expected ',' or '}' after a property, found " + found;
        }
        if (original.contains("comma to separate Array entries")) {
            return "expected ',' or ']' after an array element, found " + found;
        }
        if (original.contains("colon to separate")) {
            return "expected ':' after a property name, found " + found;
        }
        if (original.contains("property name") || original.contains("field name")) {
            return "expected a property name, found " + found;
        }
        if (original.contains("valid value")) {
            return "expected a value, found " + found;
        }
        return "unexpected " + found;
    }

    private static int code(String original) {
        Matcher matcher = CHARACTER_CODE.matcher(original);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static boolean isLineBreak(int code) {
        return code == '\n' || code == '\r';
    }

    private static String shown(int code) {
        if (code < 0) {
            return "a character that does not belong here";
        }
        return Character.isISOControl(code) || Character.isWhitespace(code) || Character.isSpaceChar(code)
                ? "character code " + code
                : "'" + Character.toString(code) + "'";
    }
}
