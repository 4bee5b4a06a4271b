package dev.conduit.routing;

import static dev.conduit.routing.Routing.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.InboundApi;
import dev.conduit.protocol.anthropic.MessagesRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The long-context route: more tokens than {@code longContextThreshold}, or a session whose last
 * request had that many while this one has more than 20,000. Tokens are worked out only when the
 * route is set, and only as far as the decision needs.
 */
class LongContextTest {

    private static final String ROUTES = "{default: 'deepseek,deepseek-chat', longContext: 'openrouter,google/gemini-2.5-pro'";
    private static final String SESSION = "user_abc_account__session_4f1c";

    private final Routing.CountingCounter counter = new Routing.CountingCounter();
    private final SessionUsage usage = new SessionUsage();

    private Router router(String more) {
        return new Router(config(ROUTES + more + "}"), counter, SessionRouters.NONE, usage);
    }

    /** A request of about {@code words} tokens (" hello" is one cl100k token). */
    private static MessagesRequest words(int words) {
        return Routing.body("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"metadata\":{\"user_id\":\"" + SESSION
                + "\"},\"messages\":[{\"role\":\"user\",\"content\":\"" + " hello".repeat(words) + "\"}]}");
    }

    private static RouteRequest sized(MessagesRequest message, long bodyBytes) {
        return new RouteRequest(message, InboundApi.ANTHROPIC, Map.of(), bodyBytes);
    }

    @Test
    void moreTokensThanTheThresholdGoToTheLongContextRoute() {
        RouteDecision decision = router("").explain(words(60_500));

        assertThat(decision.scenario()).isEqualTo(Scenario.LONG_CONTEXT);
        assertThat(decision.explanation().steps().get(1).reason())
                .isEqualTo("input tokens 60,500 (counted) > 60000 → openrouter,google/gemini-2.5-pro");
    }

    @Test
    void theThresholdIsConfigurableAndNotInclusive() {
        assertThat(router(", longContextThreshold: 2000").route(words(2000)).scenario()).isEqualTo(Scenario.DEFAULT);
        assertThat(router(", longContextThreshold: 2000").route(words(2001)).scenario()).isEqualTo(Scenario.LONG_CONTEXT);
    }

    @Test
    void withoutALongContextRouteTokensAreNeverCounted() {
        Router router = new Router(config("{default: 'deepseek,deepseek-chat', think: 'deepseek,deepseek-reasoner'}"),
                counter, SessionRouters.NONE, usage);

        RouteDecision decision = router.explain(words(100_000));

        assertThat(decision.scenario()).isEqualTo(Scenario.DEFAULT);
        assertThat(counter.requests).isZero();
        assertThat(decision.explanation().steps().get(1).reason()).isEqualTo("Router.longContext is not set");
    }

    @Test
    void aBodySmallerThanTheThresholdIsNeitherEstimatedNorCounted() {
        RouteDecision decision = router("").explain(sized(words(5000), 30_000));

        assertThat(decision.scenario()).isEqualTo(Scenario.DEFAULT);
        assertThat(counter.requests).isZero();
        assertThat(decision.explanation().steps().get(1).reason())
                .isEqualTo("input tokens at most 30,000 (the body's size in bytes), not over 60000");
    }

    @Test
    void anEstimateFarBelowOrAboveTheThresholdIsEnough() {
        RouteDecision small = router("").explain(sized(words(5000), 200_000));
        RouteDecision huge = router(", longContextThreshold: 1000").route(words(50_000));

        assertThat(small.scenario()).isEqualTo(Scenario.DEFAULT);
        assertThat(huge.scenario()).isEqualTo(Scenario.LONG_CONTEXT);
        assertThat(counter.requests).isZero();
        assertThat(small.explanation().steps().get(1).reason()).isEqualTo("input tokens about 7,500 (estimated), not over 60000");
    }

    @Test
    void nearTheThresholdTheTokensAreCountedOnce() {
        RouteDecision decision = router("").explain(words(59_000));

        assertThat(decision.scenario()).isEqualTo(Scenario.DEFAULT);
        assertThat(counter.requests).isEqualTo(1);
    }

    @Test
    void aSessionWhoseLastRequestWasLongStaysOnTheLongContextRoute() {
        usage.record("4f1c", 75_000);

        RouteDecision decision = router("").explain(words(25_000));

        assertThat(decision.scenario()).isEqualTo(Scenario.LONG_CONTEXT);
        assertThat(decision.sessionId()).contains("4f1c");
        assertThat(decision.explanation().steps().get(1).reason()).isEqualTo("the session's last request had 75000 input"
                + " tokens (> 60000) and this one 25,000 (counted) (> 20000) → openrouter,google/gemini-2.5-pro");
    }

    @Test
    void theSessionRuleNeedsMoreThan20000TokensInThisRequest() {
        usage.record("4f1c", 75_000);

        RouteDecision decision = router("").explain(words(19_000));

        assertThat(decision.scenario()).isEqualTo(Scenario.DEFAULT);
        assertThat(decision.explanation().steps().get(1).reason()).isEqualTo("input tokens 19,000 (counted), not over 60000;"
                + " the session's last request had 75000 input tokens");
    }

    @Test
    void aShortLastRequestDoesNotCount() {
        usage.record("4f1c", 50_000);

        assertThat(router("").route(words(25_000)).scenario()).isEqualTo(Scenario.DEFAULT);
    }

    @Test
    void anotherSessionsUsageDoesNotCount() {
        usage.record("another", 75_000);

        assertThat(router("").route(words(25_000)).scenario()).isEqualTo(Scenario.DEFAULT);
    }

    @Test
    void sessionUsageForgetsTheLeastRecentlyUsedSessions() {
        SessionUsage small = new SessionUsage(2);
        small.record("a", 1);
        small.record("b", 2);
        small.lastInputTokens("a");
        small.record("c", 3);

        assertThat(small.lastInputTokens("a")).hasValue(1);
        assertThat(small.lastInputTokens("b")).isEmpty();
        assertThat(small.lastInputTokens("c")).hasValue(3);
    }
}
