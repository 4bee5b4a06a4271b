package dev.conduit.watchdog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A worker over its memory limit long enough is restarted; a passing burst is not. */
class MemoryWatchTest {

    private static final long MIB = 1L << 20;
    private final MutableClock clock = new MutableClock();

    @Test
    void residentMemoryOverTheLimitForTheWholePeriodCallsForARestart() {
        MemoryWatch watch = new MemoryWatch(512 * MIB, 0, Duration.ofSeconds(60));
        for (int i = 0; i < 12; i++) {
            assertThat(watch.sample(clock.instant(), 600 * MIB, -1)).isEmpty();
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(watch.sample(clock.instant(), 600 * MIB, -1))
                .hasValue("resident memory 600.0 MiB over the limit of 512.0 MiB for 60 s");
    }

    @Test
    void oneSampleBelowTheLimitStartsTheCountAgain() {
        MemoryWatch watch = new MemoryWatch(0, 256 * MIB, Duration.ofSeconds(30));
        watch.sample(clock.instant(), -1, 300 * MIB);
        clock.advance(Duration.ofSeconds(25));
        watch.sample(clock.instant(), -1, 200 * MIB);
        clock.advance(Duration.ofSeconds(10));
        assertThat(watch.sample(clock.instant(), -1, 300 * MIB)).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(watch.sample(clock.instant(), -1, 300 * MIB)).get().asString()
                .startsWith("heap in use after collection 300.0 MiB over the limit of 256.0 MiB");
    }

    @Test
    void limitsOfZeroAreOff() {
        MemoryWatch watch = new MemoryWatch(0, 0, Duration.ofSeconds(1));
        assertThat(watch.enabled()).isFalse();
        clock.advance(Duration.ofSeconds(10));
        assertThat(watch.sample(clock.instant(), Long.MAX_VALUE, Long.MAX_VALUE)).isEmpty();
    }
}
