package dev.conduit.health.internal;

import dev.conduit.health.WindowCounts;
import java.time.Duration;
import java.util.Arrays;

/**
 * Requests and errors over a sliding window, kept in fixed time buckets so that old traffic
 * ages out as the clock moves, without any background task. Sums have the resolution of one
 * bucket: "the last minute" with 10-second buckets covers between 50 and 60 seconds.
 */
public final class SlidingCounts {

    public static final Duration WINDOW = Duration.ofMinutes(5);
    public static final Duration RECENT = Duration.ofMinutes(1);
    public static final Duration BUCKET = Duration.ofSeconds(10);

    private final long bucketMillis;
    private final long[] bucketIndex;
    private final long[] requests;
    private final long[] errors;

    public SlidingCounts() {
        this.bucketMillis = BUCKET.toMillis();
        int size = Math.toIntExact(WINDOW.toMillis() / bucketMillis);
        this.bucketIndex = new long[size];
        this.requests = new long[size];
        this.errors = new long[size];
        Arrays.fill(bucketIndex, Long.MIN_VALUE);
    }

    public synchronized void add(long nowMillis, boolean error) {
        long index = Math.floorDiv(nowMillis, bucketMillis);
        int slot = (int) Math.floorMod(index, (long) bucketIndex.length);
        if (bucketIndex[slot] != index) {
            bucketIndex[slot] = index;
            requests[slot] = 0;
            errors[slot] = 0;
        }
        requests[slot]++;
        if (error) {
            errors[slot]++;
        }
    }

    /** Counts of the buckets within {@code span} (at most the whole window) before now. */
    public synchronized WindowCounts sum(long nowMillis, Duration span) {
        long current = Math.floorDiv(nowMillis, bucketMillis);
        long buckets = Math.min(bucketIndex.length, Math.max(1, span.toMillis() / bucketMillis));
        long oldest = current - buckets + 1;
        long requestSum = 0;
        long errorSum = 0;
        for (int slot = 0; slot < bucketIndex.length; slot++) {
            if (bucketIndex[slot] >= oldest && bucketIndex[slot] <= current) {
                requestSum += requests[slot];
                errorSum += errors[slot];
            }
        }
        return requestSum == 0 ? WindowCounts.EMPTY : new WindowCounts(requestSum, errorSum);
    }
}
