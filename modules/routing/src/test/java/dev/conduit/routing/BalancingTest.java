package dev.conduit.routing;

import static dev.conduit.routing.Failovers.DEEPSEEK;
import static dev.conduit.routing.Failovers.MODEL_A;
import static dev.conduit.routing.Failovers.MODEL_B;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.Route;
import dev.conduit.config.RouteTarget;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which of a balanced route's targets requests go to first. */
class BalancingTest {

    private static final String ROUTER = """
            {default: {targets: ['openrouter,model-a', 'openrouter,model-b', 'deepseek,deepseek-chat'], weights: [6, 3, 1]},
             think: {targets: ['openrouter,model-a', 'deepseek,deepseek-chat'], strategy: 'least-latency'}}""";

    private final Failover failover = Failovers.failover(ROUTER, new FakeClock());
    private final Route weighted = Failovers.config(ROUTER).router().defaultRoute().orElseThrow();
    private final Route leastLatency = Failovers.config(ROUTER).router().think().orElseThrow();

    /** Sends {@code requests} requests, each answered after the latency its target has now. */
    private Map<RouteTarget, Integer> send(Route route, int requests, Map<RouteTarget, Integer> latencyMillis) {
        Map<RouteTarget, Integer> firstChoices = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            AttemptPlan plan = failover.plan(route, List.of());
            RouteTarget target = plan.first().target();
            firstChoices.merge(target, 1, Integer::sum);
            plan.succeeded(Duration.ofMillis(latencyMillis.getOrDefault(target, 100)));
        }
        return firstChoices;
    }

    @Test
    void weightedRoutesSpreadRequestsByWeight() {
        Map<RouteTarget, Integer> counts = send(weighted, 10_000, Map.of());

        assertThat(counts.get(MODEL_A)).isBetween(5_800, 6_200);
        assertThat(counts.get(MODEL_B)).isBetween(2_800, 3_200);
        assertThat(counts.get(DEEPSEEK)).isBetween(900, 1_100);
    }

    @Test
    void theOtherTargetsOfAWeightedRouteFollowAsFallbacks() {
        AttemptPlan plan = failover.plan(weighted, List.of());
        RouteTarget first = plan.first().target();

        RouteTarget second = ((NextStep.Go) plan.failed(Failure.of(Failure.Cause.OVERLOADED))).attempt().target();

        assertThat(second).isNotEqualTo(first).isIn(MODEL_A, MODEL_B, DEEPSEEK);
    }

    @Test
    void leastLatencyTriesEachTargetOnceThenPrefersTheFaster() {
        Map<RouteTarget, Integer> latency = Map.of(MODEL_A, 900, DEEPSEEK, 150);

        assertThat(send(leastLatency, 2, latency)).containsOnlyKeys(MODEL_A, DEEPSEEK);
        Map<RouteTarget, Integer> counts = send(leastLatency, 1_000, latency);

        assertThat(counts.get(DEEPSEEK)).isBetween(920, 970);
        assertThat(counts.get(MODEL_A)).as("explored now and then").isBetween(30, 80);
    }

    @Test
    void aTargetThatGotFasterWinsItsTrafficBack() {
        send(leastLatency, 200, Map.of(MODEL_A, 900, DEEPSEEK, 150));

        send(leastLatency, 200, Map.of(MODEL_A, 50, DEEPSEEK, 150));
        Map<RouteTarget, Integer> counts = send(leastLatency, 200, Map.of(MODEL_A, 50, DEEPSEEK, 150));

        assertThat(counts.get(MODEL_A)).isGreaterThan(170);
    }

    @Test
    void theMovingAverageFollowsTheNewestAnswers() {
        send(new Route.Single(DEEPSEEK), 1, Map.of(DEEPSEEK, 1000));
        send(new Route.Single(DEEPSEEK), 1, Map.of(DEEPSEEK, 0));

        assertThat(failover.stats().stream().filter(stats -> stats.model().equals("deepseek-chat")).findFirst()
                .orElseThrow().timeToFirstByteMillis()).isEqualTo(700.0);
    }
}
