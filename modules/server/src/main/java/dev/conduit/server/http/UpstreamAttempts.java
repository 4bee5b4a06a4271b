package dev.conduit.server.http;

import dev.conduit.config.RouteTarget;
import dev.conduit.health.AttemptOutcome;
import dev.conduit.health.Monitoring;
import dev.conduit.providers.ClientGoneException;
import dev.conduit.providers.ClientLink;
import dev.conduit.providers.UpstreamException;
import dev.conduit.routing.Attempt;
import dev.conduit.routing.AttemptPlan;
import dev.conduit.routing.Failover;
import dev.conduit.routing.Failure;
import dev.conduit.routing.NextStep;
import dev.conduit.routing.RetryAfter;
import dev.conduit.routing.TargetStats;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs a request's upstream attempts as its {@link AttemptPlan} decides: waits out a
 * {@code Retry-After} or backoff, tries the same target again or the next one, and reports each
 * attempt to the plan, the metrics and the access record. Nothing is tried again once the
 * answer has reached the client. Waits end within {@link #TICK} of the client leaving or the
 * drain deadline passing.
 */
final class UpstreamAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamAttempts.class);
    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(50);

    /** One attempt's work: calls the upstream with the attempt's target and key. */
    @FunctionalInterface
    interface Call<T> {
        T run(Attempt attempt, AttemptLink link) throws IOException;
    }

    private final Failover failover;
    private final Monitoring monitoring;
    private final ClientLink client;
    private final AccessRecord record;
    private final String route;

    UpstreamAttempts(Failover failover, Monitoring monitoring, ClientLink client, AccessRecord record, String route) {
        this.failover = failover;
        this.monitoring = monitoring;
        this.client = client;
        this.record = record;
        this.route = route;
    }

    <T> T run(AttemptPlan plan, Call<T> call) throws IOException {
        Attempt attempt = plan.first();
        while (true) {
            begin(attempt);
            AttemptLink link = new AttemptLink(client, plan::succeeded);
            try {
                pause(attempt.delay());
                T result = call.run(attempt, link);
                link.answerBegan();
                UpstreamException.Kind broken = link.brokenBy();
                if (broken == UpstreamException.Kind.DRAINING) {
                    abandoned(plan, attempt);
                } else if (broken != null) {
                    plan.failedAfterStart(Failure.of(causeAfterStart(broken)));
                    ended(attempt, AttemptOutcome.ERROR);
                } else {
                    ended(attempt, AttemptOutcome.SUCCESS);
                }
                return result;
            } catch (UpstreamException failed) {
                if (failed.kind() == UpstreamException.Kind.DRAINING) {
                    abandoned(plan, attempt);
                    throw failed;
                }
                Failure failure = failureOf(failed);
                if (link.began()) {
                    plan.failedAfterStart(failure);
                    ended(attempt, AttemptOutcome.ERROR);
                    throw failed;
                }
                NextStep next = plan.failed(failure);
                ended(attempt, AttemptOutcome.ERROR);
                attempt = switch (next) {
                    case NextStep.Go go -> movingOn(attempt, go.attempt(), failed);
                    case NextStep.Stop stop -> throw failed;
                    case NextStep.TooLongToWait tooLong -> throw tooLongToWait(failed, tooLong.retryAfter());
                };
            } catch (IOException | RuntimeException gone) {
                // the client left, or the request cannot be translated: nothing is known of the target
                abandoned(plan, attempt);
                throw gone;
            }
        }
    }

    /** The access record and metrics name the target being tried. */
    private void begin(Attempt attempt) {
        RouteTarget target = attempt.target();
        record.provider = target.provider();
        record.model = target.model();
        record.modelLabel = failover.entryOf(target).model();
        if (attempt.kind() == Attempt.Kind.FALLBACK && attempt.number() == 1) {
            monitoring.fellBack(route); // the route's own target was skipped: its breaker is open
        }
    }

    private Attempt movingOn(Attempt failedAttempt, Attempt next, UpstreamException failed) {
        monitoring.attemptFailed(failedAttempt.target().provider(), RequestOutcomeHandler.errorKind(failed.kind()));
        if (next.kind() == Attempt.Kind.RETRY) {
            monitoring.retried(next.target().provider());
        } else {
            monitoring.fellBack(route);
        }
        LOG.info("{}; attempt {} goes to {}{}", failed.getMessage(), next.number(), next.target(),
                next.delay().isZero() ? "" : " in " + next.delay().toMillis() + " ms");
        return next;
    }

    private void abandoned(AttemptPlan plan, Attempt attempt) {
        plan.abandoned();
        ended(attempt, AttemptOutcome.ABANDONED);
    }

    private void ended(Attempt attempt, AttemptOutcome outcome) {
        TargetStats stats = failover.stats(attempt.target());
        monitoring.attempted(stats.provider(), stats.model(), outcome, stats.timeToFirstByteMillis() / 1000);
    }

    /**
     * Waits before an attempt, checking every tick that the client is there and the worker may go
     * on. An attempt without a delay does not probe the client: the call's watcher does from its
     * first tick, and the probe (a read from the client's socket) was a hundredth of the CPU of a
     * request.
     */
    private void pause(Duration delay) {
        boolean waits = !delay.isZero();
        long start = System.nanoTime();
        long deadline = start + delay.toNanos();
        while (true) {
            if (waits && client.clientGone()) {
                throw new ClientGoneException("the client went away while Conduit waited to try again");
            }
            if (client.mustStop()) {
                throw new UpstreamException(503, "server is restarting", Optional.of("1"), UpstreamException.Kind.DRAINING);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            LockSupport.parkNanos(Math.min(left, TICK));
        }
        if (waits) {
            // a wait the upstream asked for is time spent on the upstream, not the gateway's overhead
            client.upstreamWaited(System.nanoTime() - start);
        }
    }

    /** What the plan needs to know of a failure: did the upstream provably not take the request? */
    static Failure failureOf(UpstreamException failed) {
        Optional<Duration> retryAfter = failed.retryAfter().flatMap(value -> RetryAfter.parse(value, Instant.now()));
        Failure.Cause cause;
        if (!failed.requestSent()) {
            cause = Failure.Cause.NOT_DELIVERED;
        } else if (failed.status() == 429) {
            cause = Failure.Cause.RATE_LIMITED;
        } else if ((failed.status() == 503 || failed.status() == 529) && failed.kind() == UpstreamException.Kind.STATUS_5XX) {
            cause = Failure.Cause.OVERLOADED;
        } else if (failed.status() == 401) {
            cause = Failure.Cause.UNAUTHORIZED;
        } else if (failed.status() >= 400 && failed.status() < 500) {
            cause = Failure.Cause.REJECTED;
        } else {
            cause = Failure.Cause.FAILED;
        }
        return new Failure(cause, retryAfter);
    }

    /** Why a stream that had begun broke, from the kind its in-band error was counted as. */
    private static Failure.Cause causeAfterStart(UpstreamException.Kind kind) {
        return switch (kind) {
            case AUTH, STATUS_4XX -> Failure.Cause.REJECTED;
            case RATE_LIMITED -> Failure.Cause.RATE_LIMITED;
            default -> Failure.Cause.FAILED;
        };
    }

    private static UpstreamException tooLongToWait(UpstreamException failed, Duration retryAfter) {
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        return new UpstreamException(429, failed.getMessage() + " (it asks to retry after " + seconds
                + " s, longer than Conduit waits itself)", Optional.of(String.valueOf(seconds)),
                UpstreamException.Kind.RATE_LIMITED);
    }
}
