package dev.conduit.routing;

import static dev.conduit.routing.Routing.ALL_SLOTS;
import static dev.conduit.routing.Routing.config;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What `conduit model --explain` and logs show: every route considered, in order, and why. */
class ExplanationTest {

    @Test
    void everyRouteConsideredUpToTheOneThatMatchedIsExplained() {
        Router router = new Router(config(ALL_SLOTS.replace("}", ", rules: [{name: 'gpt', when: {model: {regex: '^gpt'}},"
                + " target: 'local,qwen'}], fallback: {think: ['openrouter,anthropic/claude-sonnet-4.5']}}")));

        RouteDecision decision = router.explain(Routing.request("claude-sonnet-4-5",
                "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4096},"));

        assertThat(decision.explanation()).hasToString("""
                explicit: no, model "claude-sonnet-4-5" is not "provider,model"
                rule "gpt": no, model "claude-sonnet-4-5" fails matches /^gpt/
                longContext: no, input tokens about 0 (estimated), not over 60000
                subagent: no, no <CCR-SUBAGENT-MODEL> tag in the system prompt
                background: no, model "claude-sonnet-4-5" is not a Claude Haiku model
                webSearch: no, no tool of type web_search*
                think: yes, thinking is enabled (budget 4096 tokens) → DeepSeek,deepseek-reasoner
                """);
        assertThat(decision.name()).isEqualTo("think");
        assertThat(decision.fallbacks()).extracting(Object::toString).containsExactly("openrouter,anthropic/claude-sonnet-4.5");
    }

    @Test
    void unsetRoutesAreShownAsSkipped() {
        RouteDecision decision = new Router(config("{default: 'deepseek,deepseek-chat'}"))
                .explain(Routing.request("claude-haiku-4-5", ""));

        assertThat(decision.explanation()).hasToString("""
                explicit: no, model "claude-haiku-4-5" is not "provider,model"
                longContext: skipped, Router.longContext is not set
                subagent: no, no <CCR-SUBAGENT-MODEL> tag in the system prompt
                background: skipped, Router.background is not set
                webSearch: skipped, Router.webSearch is not set
                think: skipped, Router.think is not set
                image: skipped, Router.image is not set
                default: yes, no other route applies → DeepSeek,deepseek-chat
                """);
    }

    @Test
    void routingWithoutExplainingWritesNoReasonsButDecidesTheSame() {
        Router router = new Router(config(Routing.ALL_SLOTS));
        var request = Routing.request("claude-sonnet-4-5", "\"thinking\":{\"type\":\"adaptive\"},");

        RouteDecision routed = router.route(request);
        RouteDecision explained = router.explain(request);

        assertThat(routed.explanation()).isSameAs(Explanation.NONE);
        assertThat(routed.target()).isEqualTo(explained.target());
        assertThat(routed.name()).isEqualTo(explained.name()).isEqualTo("think");
        assertThat(explained.explanation().steps()).hasSize(6);
    }
}
