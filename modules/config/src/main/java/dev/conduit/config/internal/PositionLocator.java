package dev.conduit.config.internal;

import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Finds where a value sits in the config text by reading the text again as a token stream. When
 * the path does not exist (a required key is missing), it answers with the deepest part that does,
 * so the message points at the object that lacks the key. A key written twice resolves to its last
 * occurrence, as in the tree.
 */
public final class PositionLocator {

    private final String text;

    public PositionLocator(String text) {
        this.text = text;
    }

    public Optional<Position> locate(JsonPath path) {
        try (JsonParser parser = Json5.mapper().createParser(text)) {
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            return Optional.of(find(parser, path.segments(), 0, here(parser)));
        } catch (JacksonException unreadable) {
            return Optional.empty();
        }
    }

    /** Reads the whole value the parser is on, answering the position of the deepest match. */
    private static Position find(JsonParser parser, List<JsonPath.Segment> segments, int depth, Position here) {
        if (depth == segments.size()) {
            parser.skipChildren();
            return here;
        }
        JsonPath.Segment wanted = segments.get(depth);
        Position deepest = here;
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (wanted instanceof JsonPath.Key key && key.name().equals(name)) {
                    deepest = find(parser, segments, depth + 1, here(parser));
                } else {
                    parser.skipChildren();
                }
            }
        } else if (parser.currentToken() == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (wanted instanceof JsonPath.Index element && element.index() == index) {
                    deepest = find(parser, segments, depth + 1, here(parser));
                } else {
                    parser.skipChildren();
                }
                index++;
            }
        }
        return deepest;
    }

    private static Position here(JsonParser parser) {
        TokenStreamLocation location = parser.currentTokenLocation();
        return new Position(location.getLineNr(), location.getColumnNr());
    }
}
