package dev.conduit.routing;

import static dev.conduit.routing.Failovers.DEEPSEEK;
import static dev.conduit.routing.Failovers.MODEL_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A config reload must not close a breaker a provider earned, nor forget the counters. */
class FailoverReloadTest {

    private final FakeClock clock = new FakeClock();
    private final Failover before = Failovers.failover("{default: 'deepseek,deepseek-chat'}", clock);

    @Test
    void anOpenBreakerAndTheCountersSurviveAReloadWithTheSameBreakerSettings() {
        before.breakers().openBreaker(DEEPSEEK);
        before.counters(DEEPSEEK).requests.add(7);
        List<String> heard = new ArrayList<>();
        before.breakers().onChange((target, from, to) -> heard.add(target + " " + to));

        Failover after = before.reconfigured(Failovers.config("{default: 'openrouter,model-a'}"));

        assertThat(after.stats(DEEPSEEK).breaker()).isEqualTo(CircuitState.FORCED_OPEN);
        assertThat(after.stats(DEEPSEEK).requests()).isEqualTo(7);
        after.breakers().closeBreaker(DEEPSEEK);
        assertThat(heard).containsExactly("deepseek,deepseek-chat CLOSED");
    }

    @Test
    void changedBreakerSettingsStartTheBreakersAfreshButKeepTheirListeners() {
        before.breakers().openBreaker(DEEPSEEK);
        List<String> heard = new ArrayList<>();
        before.breakers().onChange((target, from, to) -> heard.add(target + " " + to));

        Failover after = before.reconfigured(Failovers.config(
                "{default: 'deepseek,deepseek-chat', breaker: {failures: 9}}"));

        assertThat(after.stats(DEEPSEEK).breaker()).isEqualTo(CircuitState.CLOSED);
        after.breakers().openBreaker(MODEL_A);
        assertThat(heard).containsExactly("openrouter,model-a FORCED_OPEN");
        assertThat(new Failover(Failovers.config("{default: 'deepseek,deepseek-chat'}"), clock, new Random(1))
                .stats(DEEPSEEK).requests()).isZero();
    }
}
