package dev.conduit.config.internal;

import java.util.Comparator;

/** A line and column in the config file, both counted from 1. */
public record Position(int line, int column) implements Comparable<Position> {

    private static final Comparator<Position> ORDER =
            Comparator.comparingInt(Position::line).thenComparingInt(Position::column);

    @Override
    public int compareTo(Position other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
