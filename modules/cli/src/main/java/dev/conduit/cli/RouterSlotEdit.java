package dev.conduit.cli;

import dev.conduit.config.ConfigText;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets {@code Router.<slot>} in config text by changing only the characters of its value, or by
 * adding the member after the last one of {@code Router} (or a {@code Router} after the last
 * top-level member), indented like its neighbours. Everything else — comments, key order,
 * formatting, {@code $VAR}s — stays as written.
 */
final class RouterSlotEdit {

    /** What may follow the last member on its line: a trailing comma, a line comment. */
    private static final Pattern LINE_REST = Pattern.compile("\\s*(,?)\\s*(//.*)?\r?");

    private RouterSlotEdit() {}

    /**
     * @param value the new value as JSON text, e.g. {@code "\"deepseek,deepseek-chat\""}
     * @throws IllegalArgumentException when the text has no object to put it in
     */
    static String set(String text, String slot, String value) {
        Optional<ConfigText.Member> router = ConfigText.member(text, List.of(), "Router");
        if (router.isEmpty()) {
            return insert(text, List.of(), "\"Router\": {\"" + slot + "\": " + value + "}");
        }
        Optional<ConfigText.Member> existing = ConfigText.member(text, List.of("Router"), slot);
        if (existing.isPresent()) {
            ConfigText.Span span = existing.get().value();
            return text.substring(0, span.start()) + value + text.substring(span.end());
        }
        if (text.charAt(router.get().value().start()) != '{') {
            throw new IllegalArgumentException("Router is not an object, so " + slot + " cannot be added to it");
        }
        return insert(text, List.of("Router"), "\"" + slot + "\": " + value);
    }

    /** Adds {@code member} to the object at {@code keys}, after its last member. */
    private static String insert(String text, List<String> keys, String member) {
        ConfigText.ObjectText object = ConfigText.object(text, keys)
                .orElseThrow(() -> new IllegalArgumentException("the file is not a JSON object"));
        List<ConfigText.Member> members = object.members();
        if (members.isEmpty()) {
            int open = object.span().start();
            return text.substring(0, open + 1) + member + text.substring(open + 1);
        }
        ConfigText.Member last = members.getLast();
        int end = last.value().end();
        int lineStart = text.lastIndexOf('\n', last.keyStart() - 1) + 1;
        String indent = text.substring(lineStart, last.keyStart());
        int lineEnd = text.indexOf('\n', end) < 0 ? text.length() : text.indexOf('\n', end);
        Matcher rest = LINE_REST.matcher(text.substring(end, lineEnd));
        if (!indent.isBlank() || !rest.matches()) {
            return text.substring(0, end) + ", " + member + text.substring(end);
        }
        // one member a line: the new one goes on a line of its own, after any comment ending the last one's
        String comma = rest.group(1).isEmpty() ? "," : "";
        return text.substring(0, end) + comma + text.substring(end, lineEnd) + "\n" + indent + member
                + text.substring(lineEnd);
    }
}
