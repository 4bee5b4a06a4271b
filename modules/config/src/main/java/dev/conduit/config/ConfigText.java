package dev.conduit.config;

import dev.conduit.config.internal.Json5;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Where the members of an object sit in config text, as character offsets, read with the same
 * JSON5 syntax as the loader. Tools that change one value ({@code conduit model set}) replace
 * just that value's text, so comments, key order and formatting stay as the user wrote them.
 */
public final class ConfigText {

    /** Characters {@code [start, end)} of the text. */
    public record Span(int start, int end) {
        public Span {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("not a span: " + start + ".." + end);
            }
        }
    }

    /**
     * One member of an object, in the order written.
     *
     * @param keyStart where its name starts (its quote, when quoted)
     * @param value its value, from the first character to the last (a whole object or array)
     */
    public record Member(String name, int keyStart, Span value) {}

    /** An object: where it is, braces included, and its members in the order written. */
    public record ObjectText(Span span, List<Member> members) {
        public ObjectText {
            members = List.copyOf(members);
        }
    }

    private ConfigText() {}

    /**
     * The object at {@code keys} (each a member name, from the top-level object down; none for
     * the top-level object itself). A name written twice appears twice among its members; the
     * loader keeps the last. Empty when the text is not readable JSON5 or no object is at that place.
     */
    public static Optional<ObjectText> object(String text, List<String> keys) {
        int bom = text.startsWith("\uFEFF") ? 1 : 0;
        try (JsonParser parser = Json5.mapper().createParser(text.substring(bom))) {
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            return find(parser, keys, 0, bom);
        } catch (JacksonException unreadable) {
            return Optional.empty();
        }
    }

    /** The last member named {@code name} of the object at {@code keys}; empty when there is none. */
    public static Optional<Member> member(String text, List<String> keys, String name) {
        return object(text, keys).flatMap(object -> object.members().stream()
                .filter(member -> member.name().equals(name)).reduce((first, last) -> last));
    }

    private static Optional<ObjectText> find(JsonParser parser, List<String> keys, int depth, int shift) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            skipValue(parser);
            return Optional.empty();
        }
        int start = offset(parser.currentTokenLocation().getCharOffset(), shift);
        List<Member> members = new ArrayList<>();
        Optional<ObjectText> deeper = Optional.empty();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            int keyStart = offset(parser.currentTokenLocation().getCharOffset(), shift);
            parser.nextToken();
            int valueStart = offset(parser.currentTokenLocation().getCharOffset(), shift);
            if (depth < keys.size() && keys.get(depth).equals(name)) {
                // the last occurrence wins, as in the loader's tree
                deeper = find(parser, keys, depth + 1, shift);
            } else {
                skipValue(parser);
            }
            int valueEnd = offset(parser.currentLocation().getCharOffset(), shift);
            members.add(new Member(name, keyStart, new Span(valueStart, valueEnd)));
        }
        if (depth < keys.size()) {
            return deeper;
        }
        int end = offset(parser.currentLocation().getCharOffset(), shift);
        return Optional.of(new ObjectText(new Span(start, end), members));
    }

    /** Reads past the value the parser is on, so its location is the value's end. */
    private static void skipValue(JsonParser parser) {
        if (parser.currentToken().isScalarValue()) {
            parser.getString();
        } else {
            parser.skipChildren();
        }
    }

    private static int offset(long charOffset, int shift) {
        return Math.toIntExact(charOffset) + shift;
    }
}
