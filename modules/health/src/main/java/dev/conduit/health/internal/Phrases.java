package dev.conduit.health.internal;

import dev.conduit.health.WindowCounts;

/** The short sentences that health reasons share. */
public final class Phrases {

    private Phrases() {
    }

    /** "2 of 12 requests failed (17%) in the last 5 minutes", or "no requests in the last 5 minutes". */
    public static String failures(WindowCounts counts) {
        if (counts.requests() == 0) {
            return "no requests in the last 5 minutes";
        }
        return counts.errors() + " of " + counts.requests() + " requests failed ("
                + Math.round(counts.errorRatio() * 100) + "%) in the last 5 minutes";
    }

    /** The same, saying there are too few requests to judge. */
    public static String tooFewToJudge(WindowCounts counts, int minimumRequests) {
        return failures(counts) + ", fewer than " + minimumRequests + " to judge";
    }
}
