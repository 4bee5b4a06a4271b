package dev.conduit.routing;

import static dev.conduit.routing.Failovers.DEEPSEEK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.BreakerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One target's breaker, driven with a fake clock. */
class CircuitBreakerTest {

    private final FakeClock clock = new FakeClock();
    private final List<String> changes = new ArrayList<>();
    private final Breaker breaker = new Breaker(DEEPSEEK, BreakerSettings.DEFAULTS, clock,
            (target, from, to) -> changes.add(target + ": " + from + " → " + to));

    private void fail(int times, Duration apart) {
        for (int i = 0; i < times; i++) {
            breaker.failed(breaker.permit());
            clock.advance(apart);
        }
    }

    private void succeed(int times) {
        for (int i = 0; i < times; i++) {
            breaker.succeeded(breaker.permit());
        }
    }

    private void trip() {
        fail(5, Duration.ZERO);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void fiveFailuresWithinAMinuteOpenIt() {
        succeed(20);
        fail(4, Duration.ofSeconds(12));
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);

        fail(1, Duration.ZERO);

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.permit()).isEqualTo(Permit.DENIED);
        assertThat(changes).containsExactly("deepseek,deepseek-chat: CLOSED → OPEN");
    }

    @Test
    void failuresSpreadWiderThanTheWindowDoNot() {
        succeed(20);
        fail(8, Duration.ofSeconds(16));

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void halfOfFiveRequestsFailingOpensItEvenWithFewerThanFiveFailures() {
        succeed(2);
        fail(2, Duration.ofSeconds(1));
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);

        fail(1, Duration.ZERO);

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aFewFailuresAmongManySuccessesDoNot() {
        succeed(10);
        fail(4, Duration.ofSeconds(1));

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void afterTheCooldownOneProbeGoesThroughAndItsSuccessClosesTheBreaker() {
        trip();
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.permit()).isEqualTo(Permit.DENIED);

        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(breaker.permit()).isEqualTo(Permit.PROBE);
        assertThat(breaker.permit()).as("others skip it while the probe is out").isEqualTo(Permit.DENIED);

        breaker.succeeded(Permit.PROBE);

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.permit()).isEqualTo(Permit.GRANTED);
        assertThat(changes).containsExactly("deepseek,deepseek-chat: CLOSED → OPEN",
                "deepseek,deepseek-chat: OPEN → HALF_OPEN", "deepseek,deepseek-chat: HALF_OPEN → CLOSED");
    }

    @Test
    void eachFailedProbeDoublesTheCooldownUpToFiveMinutes() {
        trip();
        List<Long> cooldowns = new ArrayList<>();
        for (int trip = 0; trip < 6; trip++) {
            long seconds = 0;
            while (breaker.state() == CircuitState.OPEN) {
                clock.advance(Duration.ofSeconds(1));
                seconds++;
            }
            cooldowns.add(seconds);
            breaker.failed(breaker.permit());
        }

        assertThat(cooldowns).containsExactly(30L, 60L, 120L, 240L, 300L, 300L);
    }

    @Test
    void aClosedBreakerStartsAgainFromTheShortCooldown() {
        trip();
        clock.advance(Duration.ofSeconds(30));
        breaker.failed(breaker.permit());
        clock.advance(Duration.ofSeconds(60));
        breaker.succeeded(breaker.permit());

        trip();
        clock.advance(Duration.ofSeconds(30));

        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
    }

    @Test
    void aProbeThatSaysNothingLetsTheNextRequestProbe() {
        trip();
        clock.advance(Duration.ofSeconds(30));
        Permit probe = breaker.permit();

        breaker.released(probe);

        assertThat(breaker.permit()).isEqualTo(Permit.PROBE);
    }

    @Test
    void outcomesOfAttemptsLetThroughBeforeItOpenedAreIgnored() {
        Permit early = breaker.permit();
        trip();
        clock.advance(Duration.ofSeconds(30));

        breaker.succeeded(early);

        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
    }

    @Test
    void aBreakerOpenedByHandStaysOpenUntilClosedByHand() {
        breaker.forceOpen();
        clock.advance(Duration.ofHours(1));
        assertThat(breaker.permit()).isEqualTo(Permit.DENIED);
        assertThat(breaker.state()).isEqualTo(CircuitState.FORCED_OPEN);

        breaker.forceClose();

        assertThat(breaker.permit()).isEqualTo(Permit.GRANTED);
    }
}
