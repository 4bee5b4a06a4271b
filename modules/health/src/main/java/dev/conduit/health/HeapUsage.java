package dev.conduit.health;

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

    public double ratio() {
        return (double) usedAfterGcBytes / maxBytes;
    }
}
