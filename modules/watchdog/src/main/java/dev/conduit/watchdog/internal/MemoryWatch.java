package dev.conduit.watchdog.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides when a worker's memory calls for a rolling restart: its resident set, or its heap in
 * use after collection, over a limit at every sample for {@code sustain}. One dip below the limit
 * starts the count again, so a burst that the collector cleans up is left alone. A limit of 0 is
 * off.
 */
public final class MemoryWatch {

    private final long maxRssBytes;
    private final long maxHeapBytes;
    private final Duration sustain;
    private Instant overSince;

    public MemoryWatch(long maxRssBytes, long maxHeapBytes, Duration sustain) {
        this.maxRssBytes = maxRssBytes;
        this.maxHeapBytes = maxHeapBytes;
        this.sustain = sustain;
    }

    public boolean enabled() {
        return maxRssBytes > 0 || maxHeapBytes > 0;
    }

    /**
     * One sample of the worker (-1: not known); the reason for a restart once memory has been over
     * a limit for the whole sustain period.
     */
    public Optional<String> sample(Instant now, long rssBytes, long heapBytes) {
        String over = over(rssBytes, heapBytes);
        if (over == null) {
            overSince = null;
            return Optional.empty();
        }
        if (overSince == null) {
            overSince = now;
        }
        Duration lasting = Duration.between(overSince, now);
        if (lasting.compareTo(sustain) < 0) {
            return Optional.empty();
        }
        return Optional.of(over + " for " + lasting.toSeconds() + " s");
    }

    private String over(long rssBytes, long heapBytes) {
        if (maxRssBytes > 0 && rssBytes > maxRssBytes) {
            return "resident memory " + Sizes.format(rssBytes) + " over the limit of " + Sizes.format(maxRssBytes);
        }
        if (maxHeapBytes > 0 && heapBytes > maxHeapBytes) {
            return "heap in use after collection " + Sizes.format(heapBytes) + " over the limit of "
                    + Sizes.format(maxHeapBytes);
        }
        return null;
    }

    /** A new worker: what the last one used says nothing about it. */
    public void reset() {
        overSince = null;
    }
}
