package dev.conduit.config;

import java.util.List;
import java.util.regex.Pattern;

/** How a routing rule's condition compares a piece of text: {@code equals}, {@code in} or {@code regex}. */
public sealed interface TextMatch {

    boolean matches(String text);

    record Equals(String value) implements TextMatch {
        @Override
        public boolean matches(String text) {
            return value.equals(text);
        }

        @Override
        public String toString() {
            return "equals \"" + value + "\"";
        }
    }

    record In(List<String> values) implements TextMatch {
        public In {
            values = List.copyOf(values);
        }

        @Override
        public boolean matches(String text) {
            return values.contains(text);
        }

        @Override
        public String toString() {
            return "in [\"" + String.join("\", \"", values) + "\"]";
        }
    }

    /** Matches when the pattern is found anywhere in the text, unless anchored with ^ and $. */
    record Regex(Pattern pattern) implements TextMatch {
        @Override
        public boolean matches(String text) {
            return pattern.matcher(text).find();
        }

        @Override
        public String toString() {
            return "matches /" + pattern.pattern() + "/";
        }
    }
}
