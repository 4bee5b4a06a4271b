package dev.conduit.config.internal;

import java.util.ArrayList;
import java.util.List;

/** Where a value sits in the document, written the way users read it: {@code Providers[1].api_base_url}. */
public record JsonPath(List<Segment> segments) {

    public static final JsonPath ROOT = new JsonPath(List.of());

    public sealed interface Segment {
    }

    public record Key(String name) implements Segment {
    }

    public record Index(int index) implements Segment {
    }

    public JsonPath {
        segments = List.copyOf(segments);
    }

    public JsonPath key(String name) {
        return append(new Key(name));
    }

    public JsonPath index(int index) {
        return append(new Index(index));
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    private JsonPath append(Segment segment) {
        List<Segment> longer = new ArrayList<>(segments);
        longer.add(segment);
        return new JsonPath(longer);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Segment segment : segments) {
            switch (segment) {
                case Key key -> text.append(text.isEmpty() ? "" : ".").append(key.name());
                case Index index -> text.append('[').append(index.index()).append(']');
            }
        }
        return text.toString();
    }
}
