package dev.conduit.routing;

import dev.conduit.config.RouteTarget;
import dev.conduit.config.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The attempts of one client request, decided one at a time: the candidates are the route's
 * targets in the balancer's order, then its fallbacks. A candidate whose breaker is open is
 * skipped; if all are, the route's own first target is tried anyway and its failure is final.
 *
 * <p>After a failure, another attempt follows only if the upstream provably did not take the
 * request (see {@link Failure.Cause#retryable()}), within the request's attempt budget: first the
 * same target with the provider's next key after a 401 or 429, else the next candidate, else the
 * same target again after its {@code Retry-After} or a backoff. Used by the request's own thread
 * only; the registries it reports to are shared.
 */
public final class AttemptPlan {

    private final Failover failover;
    private final List<RouteTarget> candidates;
    private int candidate = -1;
    private Attempt current;
    private Permit permit;
    private int retries;

    AttemptPlan(Failover failover, List<RouteTarget> candidates) {
        this.failover = failover;
        this.candidates = candidates;
    }

    /** The first attempt; there always is one. */
    public Attempt first() {
        Optional<Attempt> next = nextCandidate();
        if (next.isPresent()) {
            return next.get();
        }
        candidate = 0;
        return start(candidates.getFirst(), Permit.BYPASS, Attempt.Kind.FIRST, Duration.ZERO);
    }

    /** The current attempt failed before anything reached the client. */
    public NextStep failed(Failure failure) {
        RouteTarget target = current.target();
        TargetCounters counters = failover.counters(target);
        counters.errors.increment();
        report(failure);
        if (current.number() >= failover.settings().retry().maxAttempts() || permit == Permit.BYPASS) {
            return new NextStep.Stop();
        }
        Optional<NextStep> otherKey = withAnotherKey(failure);
        if (otherKey.isPresent() || !failure.cause().retryable()) {
            return otherKey.orElse(new NextStep.Stop());
        }
        Optional<Attempt> next = nextCandidate();
        if (next.isPresent()) {
            counters.fallbacks.increment();
            return new NextStep.Go(next.get());
        }
        Duration maxWait = failover.settings().retry().maxRetryAfter();
        if (failure.retryAfter().isPresent() && failure.retryAfter().get().compareTo(maxWait) > 0) {
            return new NextStep.TooLongToWait(failure.retryAfter().get());
        }
        Permit again = failover.breaker(target).permit();
        if (again == Permit.DENIED) {
            return new NextStep.Stop();
        }
        retries++;
        Duration wait = failure.retryAfter().orElseGet(() -> failover.backoff(retries));
        return new NextStep.Go(start(target, again, Attempt.Kind.RETRY, wait));
    }

    /** The current attempt's answer began well, after {@code timeToFirstByte}. */
    public void succeeded(Duration timeToFirstByte) {
        failover.counters(current.target()).latency(timeToFirstByte);
        failover.breaker(current.target()).succeeded(permit);
    }

    /** A stream that had begun (so could not be retried) broke. */
    public void failedAfterStart(Failure failure) {
        failover.counters(current.target()).errors.increment();
        if (failure.cause().countsAgainstTarget()) {
            failover.breaker(current.target()).failed(Permit.GRANTED);
        }
    }

    /** The client left, or the worker must stop: the attempt says nothing about its target. */
    public void abandoned() {
        failover.breaker(current.target()).released(permit);
    }

    /** After a 401 or 429: the provider's key sits out its cooldown, and the next key is tried. */
    private Optional<NextStep> withAnotherKey(Failure failure) {
        boolean keyRefused = failure.cause() == Failure.Cause.UNAUTHORIZED || failure.cause() == Failure.Cause.RATE_LIMITED;
        if (!keyRefused || current.key().isEmpty()) {
            return Optional.empty();
        }
        Secret key = current.key().get();
        KeyRing keys = failover.keys(current.target().provider());
        long now = failover.clock().millis();
        Duration bench = failure.cause() == Failure.Cause.RATE_LIMITED
                ? failure.retryAfter().orElse(failover.settings().keyCooldown())
                : failover.settings().keyCooldown();
        keys.bench(key, now + bench.toMillis());
        if (!keys.hasFreeKeyBesides(key, now)) {
            return Optional.empty();
        }
        Permit again = failover.breaker(current.target()).permit();
        if (again == Permit.DENIED) {
            return Optional.empty();
        }
        return Optional.of(new NextStep.Go(start(current.target(), again, Attempt.Kind.RETRY, Duration.ZERO)));
    }

    /** The next candidate whose breaker lets it through; those it does not are counted as skipped. */
    private Optional<Attempt> nextCandidate() {
        while (++candidate < candidates.size()) {
            RouteTarget target = candidates.get(candidate);
            Permit granted = failover.breaker(target).permit();
            if (granted != Permit.DENIED) {
                boolean first = current == null && candidate == 0;
                return Optional.of(start(target, granted, first ? Attempt.Kind.FIRST : Attempt.Kind.FALLBACK,
                        Duration.ZERO));
            }
            failover.counters(target).skipped.increment();
        }
        return Optional.empty();
    }

    private Attempt start(RouteTarget target, Permit granted, Attempt.Kind kind, Duration delay) {
        TargetCounters counters = failover.counters(target);
        counters.requests.increment();
        if (kind == Attempt.Kind.RETRY) {
            counters.retries.increment();
        }
        permit = granted;
        current = new Attempt(target, failover.keys(target.provider()).take(failover.clock().millis() + delay.toMillis()),
                current == null ? 1 : current.number() + 1, kind, delay);
        return current;
    }

    private void report(Failure failure) {
        Breaker breaker = failover.breaker(current.target());
        if (failure.cause().countsAgainstTarget()) {
            breaker.failed(permit);
        } else {
            breaker.released(permit);
        }
    }
}
