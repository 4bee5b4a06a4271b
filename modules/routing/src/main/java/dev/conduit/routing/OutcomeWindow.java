package dev.conduit.routing;

import java.time.Duration;

/**
 * Successes and failures over a sliding window, in 60 buckets so that memory stays fixed however
 * busy a target is; a bucket is forgotten as a whole once it is older than the window.
 */
final class OutcomeWindow {

    private static final int BUCKETS = 60;

    private final long bucketMillis;
    private final long[] bucketIds = new long[BUCKETS];
    private final int[] successes = new int[BUCKETS];
    private final int[] failures = new int[BUCKETS];

    OutcomeWindow(Duration window) {
        this.bucketMillis = Math.max(1, window.toMillis() / BUCKETS);
        clear();
    }

    void add(long nowMillis, boolean failed) {
        long id = nowMillis / bucketMillis;
        int slot = (int) Math.floorMod(id, (long) BUCKETS);
        if (bucketIds[slot] != id) {
            bucketIds[slot] = id;
            successes[slot] = 0;
            failures[slot] = 0;
        }
        if (failed) {
            failures[slot]++;
        } else {
            successes[slot]++;
        }
    }

    int failures(long nowMillis) {
        return sum(nowMillis, failures);
    }

    int total(long nowMillis) {
        return sum(nowMillis, failures) + sum(nowMillis, successes);
    }

    void clear() {
        java.util.Arrays.fill(bucketIds, Long.MIN_VALUE);
    }

    private int sum(long nowMillis, int[] counts) {
        long newest = nowMillis / bucketMillis;
        int sum = 0;
        for (int slot = 0; slot < BUCKETS; slot++) {
            if (bucketIds[slot] > newest - BUCKETS && bucketIds[slot] <= newest) {
                sum += counts[slot];
            }
        }
        return sum;
    }
}
