package dev.conduit.routing;

import static dev.conduit.routing.Failovers.DEEPSEEK;
import static dev.conduit.routing.Failovers.LOCAL;
import static dev.conduit.routing.Failovers.MODEL_A;
import static dev.conduit.routing.Failovers.MODEL_B;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.RetrySettings;
import dev.conduit.config.Route;
import dev.conduit.config.RouteTarget;
import dev.conduit.config.Secret;
import dev.conduit.routing.Failure.Cause;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which attempts a request makes, decided with a fake clock and plain objects. */
class AttemptPlanTest {

    private final FakeClock clock = new FakeClock();
    private final Failover failover = Failovers.failover("""
            {default: 'deepseek,deepseek-chat', fallback: {default: ['openrouter,model-a', 'local,qwen']}}""", clock);

    private AttemptPlan plan(RouteTarget target, RouteTarget... fallbacks) {
        return failover.plan(new Route.Single(target), List.of(fallbacks));
    }

    private static Attempt go(NextStep step) {
        assertThat(step).isInstanceOf(NextStep.Go.class);
        return ((NextStep.Go) step).attempt();
    }

    private static Failure failure(Cause cause, int retryAfterSeconds) {
        return new Failure(cause, Optional.of(Duration.ofSeconds(retryAfterSeconds)));
    }

    private void tripBreakerOf(RouteTarget target) {
        for (int i = 0; i < 5; i++) {
            AttemptPlan plan = plan(target);
            plan.first();
            plan.failed(Failure.of(Cause.FAILED));
        }
        assertThat(failover.breakers().state(target)).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aTargetThatTurnsTheRequestAwayHandsOverToTheNextTargetAtOnce() {
        AttemptPlan plan = plan(DEEPSEEK, MODEL_A, LOCAL);
        assertThat(plan.first()).isEqualTo(new Attempt(DEEPSEEK, Optional.of(new Secret("sk-ds")), 1, Attempt.Kind.FIRST,
                Duration.ZERO));

        Attempt next = go(plan.failed(Failure.of(Cause.OVERLOADED)));

        assertThat(next.target()).isEqualTo(MODEL_A);
        assertThat(next.kind()).isEqualTo(Attempt.Kind.FALLBACK);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.delay()).isZero();
    }

    @Test
    void aRequestMakesThreeAttemptsAtMost() {
        AttemptPlan plan = plan(DEEPSEEK, MODEL_A, LOCAL, MODEL_B);
        plan.first();
        go(plan.failed(Failure.of(Cause.NOT_DELIVERED)));
        go(plan.failed(Failure.of(Cause.OVERLOADED)));

        assertThat(plan.failed(Failure.of(Cause.NOT_DELIVERED))).isEqualTo(new NextStep.Stop());
    }

    @Test
    void failuresAfterTheUpstreamTookTheRequestAndClientErrorsAreFinal() {
        for (Cause cause : List.of(Cause.REJECTED, Cause.FAILED, Cause.UNAUTHORIZED)) {
            AttemptPlan plan = plan(DEEPSEEK, MODEL_A);
            plan.first();
            assertThat(plan.failed(Failure.of(cause))).as(cause.name()).isEqualTo(new NextStep.Stop());
        }
    }

    @Test
    void withoutAnotherTargetTheSameIsTriedAgainAfterItsRetryAfter() {
        AttemptPlan plan = plan(DEEPSEEK);
        plan.first();

        Attempt retry = go(plan.failed(failure(Cause.OVERLOADED, 1)));

        assertThat(retry.target()).isEqualTo(DEEPSEEK);
        assertThat(retry.kind()).isEqualTo(Attempt.Kind.RETRY);
        assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRetryAfterLongerThanAMinuteIsLeftToTheClient() {
        AttemptPlan plan = plan(DEEPSEEK);
        plan.first();

        assertThat(plan.failed(failure(Cause.OVERLOADED, 61))).isEqualTo(new NextStep.TooLongToWait(Duration.ofSeconds(61)));
    }

    @Test
    void aLongRetryAfterDoesNotKeepTheRequestFromAFallback() {
        AttemptPlan plan = plan(DEEPSEEK, MODEL_A);
        plan.first();

        assertThat(go(plan.failed(failure(Cause.OVERLOADED, 600))).target()).isEqualTo(MODEL_A);
    }

    @Test
    void withoutRetryAfterTheWaitDoublesWithJitter() {
        AttemptPlan plan = plan(LOCAL);
        plan.first();

        Duration first = go(plan.failed(Failure.of(Cause.NOT_DELIVERED))).delay();
        Duration second = go(plan.failed(Failure.of(Cause.NOT_DELIVERED))).delay();

        assertThat(first).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(second).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void theJitterSpreadsRetriesOut() {
        Backoff backoff = new Backoff(RetrySettings.DEFAULTS);
        Random random = new Random(7);
        Set<Duration> waits = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            waits.add(backoff.delay(1, random));
        }
        assertThat(waits).hasSizeGreaterThan(15).allSatisfy(wait ->
                assertThat(wait).isBetween(Duration.ofMillis(250), Duration.ofMillis(500)));
        assertThat(backoff.delay(10, random)).as("capped").isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    @Test
    void requestsSkipATargetWhoseBreakerIsOpenAndGoStraightToItsFallback() {
        tripBreakerOf(DEEPSEEK);

        Attempt first = plan(DEEPSEEK, MODEL_A).first();

        assertThat(first.target()).isEqualTo(MODEL_A);
        assertThat(first.kind()).isEqualTo(Attempt.Kind.FALLBACK);
        assertThat(first.number()).isEqualTo(1);
        assertThat(stats(DEEPSEEK).skipped()).isEqualTo(1);
    }

    @Test
    void aRoutesOnlyTargetIsTriedEvenWithItsBreakerOpenAndItsFailureIsFinal() {
        tripBreakerOf(DEEPSEEK);
        AttemptPlan plan = plan(DEEPSEEK);

        assertThat(plan.first().target()).isEqualTo(DEEPSEEK);
        assertThat(plan.failed(Failure.of(Cause.OVERLOADED))).isEqualTo(new NextStep.Stop());
    }

    @Test
    void whenEveryCandidateIsOpenTheRoutesOwnTargetIsTried() {
        tripBreakerOf(DEEPSEEK);
        tripBreakerOf(MODEL_A);

        assertThat(plan(DEEPSEEK, MODEL_A).first().target()).isEqualTo(DEEPSEEK);
    }

    @Test
    void afterTheCooldownOneRequestProbesWhileTheOthersUseTheFallback() {
        tripBreakerOf(DEEPSEEK);
        clock.advance(Duration.ofSeconds(30));

        AttemptPlan probe = plan(DEEPSEEK, MODEL_A);
        assertThat(probe.first().target()).isEqualTo(DEEPSEEK);
        assertThat(plan(DEEPSEEK, MODEL_A).first().target()).isEqualTo(MODEL_A);
        assertThat(failover.breakers().state(DEEPSEEK)).isEqualTo(CircuitState.HALF_OPEN);

        probe.succeeded(Duration.ofMillis(200));

        assertThat(failover.breakers().state(DEEPSEEK)).isEqualTo(CircuitState.CLOSED);
        assertThat(plan(DEEPSEEK, MODEL_A).first().target()).isEqualTo(DEEPSEEK);
    }

    @Test
    void aClientThatLeavesDuringTheProbeDoesNotKeepTheTargetOpen() {
        tripBreakerOf(DEEPSEEK);
        clock.advance(Duration.ofSeconds(30));
        AttemptPlan probe = plan(DEEPSEEK, MODEL_A);
        probe.first();

        probe.abandoned();

        assertThat(plan(DEEPSEEK, MODEL_A).first().target()).isEqualTo(DEEPSEEK);
    }

    @Test
    void clientErrorsDoNotOpenTheBreaker() {
        for (int i = 0; i < 10; i++) {
            AttemptPlan plan = plan(DEEPSEEK);
            plan.first();
            plan.failed(Failure.of(Cause.REJECTED));
        }
        assertThat(failover.breakers().state(DEEPSEEK)).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void keysTakeTurns() {
        List<String> keys = IntStream.range(0, 4)
                .mapToObj(i -> plan(MODEL_A).first().key().orElseThrow().reveal()).toList();

        assertThat(keys).containsExactly("sk-or-one", "sk-or-two", "sk-or-one", "sk-or-two");
        assertThat(plan(LOCAL).first().key()).isEmpty();
    }

    @Test
    void aRefusedKeyIsBenchedAndTheSameTargetTriedWithTheNextAtOnce() {
        AttemptPlan plan = plan(MODEL_A);
        assertThat(plan.first().key()).contains(new Secret("sk-or-one"));

        Attempt retry = go(plan.failed(Failure.of(Cause.UNAUTHORIZED)));

        assertThat(retry).isEqualTo(new Attempt(MODEL_A, Optional.of(new Secret("sk-or-two")), 2, Attempt.Kind.RETRY,
                Duration.ZERO));
        assertThat(plan(MODEL_A).first().key()).as("benched").contains(new Secret("sk-or-two"));
        assertThat(plan(MODEL_A).first().key()).as("benched").contains(new Secret("sk-or-two"));
        clock.advance(Duration.ofSeconds(60));
        assertThat(List.of(plan(MODEL_A).first().key().orElseThrow(), plan(MODEL_A).first().key().orElseThrow()))
                .as("back in turn after its cooldown").contains(new Secret("sk-or-one"));
    }

    @Test
    void aRateLimitedKeySitsOutTheRetryAfterItGot() {
        AttemptPlan plan = plan(MODEL_A);
        plan.first();
        go(plan.failed(failure(Cause.RATE_LIMITED, 5)));

        clock.advance(Duration.ofSeconds(4));
        assertThat(plan(MODEL_A).first().key()).contains(new Secret("sk-or-two"));
        assertThat(plan(MODEL_A).first().key()).contains(new Secret("sk-or-two"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(List.of(plan(MODEL_A).first().key().orElseThrow(), plan(MODEL_A).first().key().orElseThrow()))
                .contains(new Secret("sk-or-one"));
    }

    @Test
    void aSingleKeyRefusedEndsTheRequest() {
        AttemptPlan plan = plan(DEEPSEEK, MODEL_A);
        plan.first();

        assertThat(plan.failed(Failure.of(Cause.UNAUTHORIZED))).isEqualTo(new NextStep.Stop());
    }

    @Test
    void countersShowWhatHappenedToEachTarget() {
        AttemptPlan plan = plan(LOCAL, DEEPSEEK);
        plan.first();
        go(plan.failed(Failure.of(Cause.OVERLOADED)));
        go(plan.failed(Failure.of(Cause.NOT_DELIVERED)));
        plan.succeeded(Duration.ofMillis(120));

        assertThat(stats(LOCAL)).isEqualTo(new TargetStats("local", "qwen", 1, 1, 0, 1, 0, 0, 0, CircuitState.CLOSED));
        assertThat(stats(DEEPSEEK)).isEqualTo(new TargetStats("deepseek", "deepseek-chat", 2, 1, 1, 0, 0, 120, 1,
                CircuitState.CLOSED));
    }

    @Test
    void targetsNamedByClientsShareOneEntryPerProvider() {
        plan(new RouteTarget("deepseek", "made-up-1")).first();
        plan(new RouteTarget("deepseek", "made-up-2")).first();

        assertThat(stats(new RouteTarget("deepseek", "other")).requests()).isEqualTo(2);
        assertThat(failover.stats()).extracting(TargetStats::model)
                .containsExactly("deepseek-chat", "other", "qwen", "model-a", "model-b");
    }

    private TargetStats stats(RouteTarget target) {
        return failover.stats().stream()
                .filter(stats -> stats.provider().equals(target.provider()) && stats.model().equals(target.model()))
                .findFirst().orElseThrow();
    }
}
