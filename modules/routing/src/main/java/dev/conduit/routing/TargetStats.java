package dev.conduit.routing;

/**
 * One target's counters since the worker started, for JMX and metrics.
 *
 * @param requests attempts sent to the target, each retry counted again
 * @param errors attempts that failed, whatever the reason
 * @param retries attempts that repeated the one before on this target (after a wait, or with the
 *     provider's next key)
 * @param fallbacks times a request moved on from this target to the next after it failed
 * @param skipped times a request passed the target by because its breaker was open
 * @param timeToFirstByteMillis moving average of the time from sending a request to the first byte
 *     of a good answer; 0 before the first
 * @param latencySamples how many answers that average has seen
 * @param breaker the target's circuit breaker now
 */
public record TargetStats(
        String provider,
        String model,
        long requests,
        long errors,
        long retries,
        long fallbacks,
        long skipped,
        double timeToFirstByteMillis,
        long latencySamples,
        CircuitState breaker) {}
