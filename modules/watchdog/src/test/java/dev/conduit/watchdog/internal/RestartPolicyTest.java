package dev.conduit.watchdog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.watchdog.WatchdogSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** When the next worker starts after a failure, with an injected clock and chance. */
class RestartPolicyTest {

    private final WatchdogSettings settings = WatchdogSettings.defaults();
    private final MutableClock clock = new MutableClock();

    /** Chance 0.5 means no jitter: factor 1 + 0.2 * (2 * 0.5 - 1) = 1. */
    private RestartPolicy withoutJitter() {
        return new RestartPolicy(settings, clock, () -> 0.5);
    }

    @Test
    void firstRestartIsImmediateThenTheWaitDoublesFromOneSecondToTheCap() {
        RestartPolicy policy = withoutJitter();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            waits.add(policy.failed().toMillis());
            clock.advance(Duration.ofSeconds(100)); // far enough apart to stay out of a crash loop
        }
        assertThat(waits).containsExactly(0L, 1000L, 2000L, 4000L, 8000L, 16000L, 32000L, 60000L, 60000L, 60000L);
        assertThat(policy.crashLoop()).isFalse();
    }

    @Test
    void jitterKeepsEveryWaitWithinTwentyPercentOfItsBase() {
        Random chance = new Random(7);
        RestartPolicy policy = new RestartPolicy(settings, clock, chance::nextDouble);
        long[] bases = {0, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000, 60000, 60000};
        List<Long> waits = new ArrayList<>();
        for (long base : bases) {
            long wait = policy.failed().toMillis();
            waits.add(wait);
            assertThat(wait).isBetween(Math.round(base * 0.8), Math.round(base * 1.2));
            clock.advance(Duration.ofSeconds(100));
        }
        assertThat(waits).as("jitter varies the waits").doesNotContainSequence(1000L, 2000L, 4000L);
    }

    @Test
    void jitterBoundsAreReachedAtTheExtremesOfChance() {
        RestartPolicy low = new RestartPolicy(settings, clock, () -> 0.0);
        RestartPolicy high = new RestartPolicy(settings, clock, () -> 1.0);
        low.failed();
        high.failed();
        assertThat(low.failed()).isEqualTo(Duration.ofMillis(800));
        assertThat(high.failed()).isEqualTo(Duration.ofMillis(1200));
    }

    @Test
    void tenHealthyMinutesResetTheBackoff() {
        RestartPolicy policy = withoutJitter();
        policy.failed();
        policy.failed();
        assertThat(policy.failed()).isEqualTo(Duration.ofSeconds(2));

        policy.healthy();
        clock.advance(Duration.ofMinutes(10));
        assertThat(policy.failed()).as("after ten healthy minutes the next failure restarts at once").isZero();
        assertThat(policy.failed()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aMissedProbeEndsTheHealthyStreak() {
        RestartPolicy policy = withoutJitter();
        policy.failed();
        policy.failed();
        policy.healthy();
        clock.advance(Duration.ofMinutes(6));
        policy.unhealthy();
        policy.healthy();
        clock.advance(Duration.ofMinutes(6));
        assertThat(policy.resetIfHealthyLongEnough()).isFalse();
        assertThat(policy.failed()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void moreThanFiveFailuresWithinFiveMinutesAreACrashLoopThatKeepsTryingAtTheCap() {
        RestartPolicy policy = withoutJitter();
        for (int i = 0; i < 5; i++) {
            policy.failed();
            clock.advance(Duration.ofSeconds(50));
        }
        assertThat(policy.crashLoop()).as("five failures in 250 s").isFalse();
        assertThat(policy.failed()).as("the sixth within 300 s").isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.crashLoop()).isTrue();
        assertThat(policy.failuresInWindow()).isEqualTo(6);

        clock.advance(Duration.ofMinutes(20));
        assertThat(policy.failuresInWindow()).isZero();
        assertThat(policy.crashLoop()).as("the alarm stands until the worker proves healthy").isTrue();
        assertThat(policy.failed()).as("still at the cap, never giving up").isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowAreNoCrashLoop() {
        RestartPolicy policy = withoutJitter();
        for (int i = 0; i < 12; i++) {
            policy.failed();
            clock.advance(Duration.ofSeconds(61));
        }
        assertThat(policy.crashLoop()).isFalse();
        assertThat(policy.failuresInWindow()).as("61, 122, 183 and 244 s ago").isEqualTo(4);
    }

    @Test
    void aHealthyWorkerClearsTheCrashLoop() {
        RestartPolicy policy = withoutJitter();
        for (int i = 0; i < 6; i++) {
            policy.failed();
        }
        assertThat(policy.crashLoop()).isTrue();
        policy.healthy();
        clock.advance(Duration.ofMinutes(10));
        assertThat(policy.resetIfHealthyLongEnough()).isTrue();
        assertThat(policy.crashLoop()).isFalse();
        assertThat(policy.failed()).isZero();
    }
}
