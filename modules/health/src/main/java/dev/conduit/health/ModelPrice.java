package dev.conduit.health;

/** A model's list price in US dollars per million tokens of each kind. */
public record ModelPrice(double inputPerMillion, double outputPerMillion, double cacheReadPerMillion,
        double cacheWritePerMillion) {

    public ModelPrice {
        if (inputPerMillion < 0 || outputPerMillion < 0 || cacheReadPerMillion < 0 || cacheWritePerMillion < 0) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
    }

    /** The estimated cost of these tokens in US dollars. */
    public double costUsd(TokenUsage tokens) {
        return (tokens.input() * inputPerMillion
                + tokens.output() * outputPerMillion
                + tokens.cacheRead() * cacheReadPerMillion
                + tokens.cacheWrite() * cacheWritePerMillion) / 1_000_000;
    }
}
