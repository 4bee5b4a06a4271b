package dev.conduit.health;

import dev.conduit.health.internal.PlatformHeap;
import java.util.function.Supplier;

/**
 * Heap in use after the last garbage collection, against the maximum heap. Measured after a
 * collection because the heap in use right now includes garbage and says little.
 */
public record HeapUsage(long usedAfterGcBytes, long maxBytes) {

    public HeapUsage {
        if (usedAfterGcBytes < 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("heap usage needs used >= 0 and max > 0");
        }
    }

    /** Reads this JVM's heap usage from its memory pools, each time it is asked. */
    public static Supplier<HeapUsage> ofThisJvm() {
        return new PlatformHeap();
    }

    public double ratio() {
        return (double) usedAfterGcBytes / maxBytes;
    }
}
