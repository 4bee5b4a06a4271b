package dev.conduit.config.internal;

import dev.conduit.config.ConfigException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code .env} file as dotenv tools write them: {@code NAME=VALUE} lines, blank lines and
 * {@code #} comments, an optional {@code export } prefix, values bare (an inline comment after a
 * space ends them), in single quotes (literal) or in double quotes ({@code \n}, {@code \t},
 * {@code \"} and {@code \\} escapes). Values are taken as written: no {@code $VAR} inside them is
 * expanded. Errors name the file and line, never the value, which is usually a secret.
 */
public final class DotEnvFile {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private DotEnvFile() {
    }

    /** The variables of {@code file}; a name given twice keeps its last value. */
    public static Map<String, String> read(Path file) throws ConfigException {
        Map<String, String> variables = new LinkedHashMap<>();
        List<String> lines = ConfigFiles.read(file).lines().toList();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring("export".length()).strip();
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new ConfigException(file + ":" + number + ": expected NAME=VALUE");
            }
            String name = line.substring(0, equals).strip();
            if (!NAME.matcher(name).matches()) {
                throw new ConfigException(file + ":" + number + ": \"" + name
                        + "\" is not a variable name (letters, digits and _, not starting with a digit)");
            }
            String where = file + ":" + number + ": " + name;
            variables.put(name, value(line.substring(equals + 1).strip(), where));
        }
        return variables;
    }

    private static String value(String written, String where) throws ConfigException {
        if (written.startsWith("'")) {
            int close = written.indexOf('\'', 1);
            if (close < 0) {
                throw new ConfigException(where + ": the single quote is not closed on this line");
            }
            requireNothingAfter(written.substring(close + 1), where);
            return written.substring(1, close);
        }
        if (written.startsWith("\"")) {
            return doubleQuoted(written, where);
        }
        int comment = inlineComment(written);
        return (comment < 0 ? written : written.substring(0, comment)).strip();
    }

    private static String doubleQuoted(String written, String where) throws ConfigException {
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c == '"') {
                requireNothingAfter(written.substring(i + 1), where);
                return value.toString();
            }
            if (c == '\\' && i + 1 < written.length()) {
                char escaped = written.charAt(++i);
                value.append(switch (escaped) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '"', '\\', '$' -> escaped;
                    default -> throw new ConfigException(where + ": unknown escape \\" + escaped
                            + " in double quotes (\\n, \\t, \\r, \\\", \\\\ and \\$ are known)");
                });
            } else {
                value.append(c);
            }
        }
        throw new ConfigException(where + ": the double quote is not closed on this line");
    }

    /** After a closing quote only blanks and a comment may follow. */
    private static void requireNothingAfter(String rest, String where) throws ConfigException {
        String trimmed = rest.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
            throw new ConfigException(where + ": unexpected text after the closing quote");
        }
    }

    /** Where a {@code #} preceded by a blank starts a comment, or -1. */
    private static int inlineComment(String bare) {
        for (int i = 1; i < bare.length(); i++) {
            if (bare.charAt(i) == '#' && Character.isWhitespace(bare.charAt(i - 1))) {
                return i;
            }
        }
        return -1;
    }
}
