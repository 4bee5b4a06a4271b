package dev.conduit.health;

/** Requests and failed requests within a time window. */
public record WindowCounts(long requests, long errors) {

    public static final WindowCounts EMPTY = new WindowCounts(0, 0);

    /** The failed share of requests, 0 when there were none. */
    public double errorRatio() {
        return requests == 0 ? 0 : (double) errors / requests;
    }
}
