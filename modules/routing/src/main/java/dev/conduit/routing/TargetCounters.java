package dev.conduit.routing;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.LongAdder;

/** The live counters of one target, and its time to first byte as an exponentially weighted moving average. */
final class TargetCounters {

    /** Weight of the newest sample: the average follows a change within a handful of requests. */
    static final double LATENCY_WEIGHT = 0.3;

    final LongAdder requests = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder fallbacks = new LongAdder();
    final LongAdder skipped = new LongAdder();
    private double latencyMillis = Double.NaN;
    private long latencySamples;

    synchronized void latency(Duration timeToFirstByte) {
        double millis = timeToFirstByte.toNanos() / 1e6;
        latencyMillis = latencySamples == 0 ? millis : LATENCY_WEIGHT * millis + (1 - LATENCY_WEIGHT) * latencyMillis;
        latencySamples++;
    }

    /** The moving average; empty before the first good answer. */
    synchronized OptionalDouble latencyMillis() {
        return latencySamples == 0 ? OptionalDouble.empty() : OptionalDouble.of(latencyMillis);
    }

    synchronized long latencySamples() {
        return latencySamples;
    }
}
