package dev.conduit.routing;

import static dev.conduit.routing.Routing.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.InboundApi;
import dev.conduit.protocol.anthropic.MessagesRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code Router.rules}: after an explicit target, before the scenarios, the first rule that holds wins. */
class RulesTest {

    private final Routing.CountingCounter counter = new Routing.CountingCounter();

    private Router router(String rules) {
        return new Router(config("{default: 'deepseek,deepseek-chat', think: 'deepseek,deepseek-reasoner',"
                + " background: 'local,qwen', rules: " + rules + "}"), counter, SessionRouters.NONE, new SessionUsage());
    }

    private static RouteRequest request(String model, String fields, InboundApi api, Map<String, String> headers) {
        return new RouteRequest(Routing.request(model, fields), api, headers, -1);
    }

    private static RouteRequest request(String model, String fields) {
        return request(model, fields, InboundApi.ANTHROPIC, Map.of());
    }

    private static String ruleTo(String name, String when, String target) {
        return "{name: '" + name + "', when: " + when + ", target: '" + target + "'}";
    }

    @Test
    void equalsMatchesTheWholeModelName() {
        Router router = router("[" + ruleTo("opus", "{model: 'claude-opus-4-5'}", "local,llava") + "]");

        assertThat(router.route(request("claude-opus-4-5", "")).name()).isEqualTo("opus");
        assertThat(router.route(request("claude-opus-4-5-20251101", "")).name()).isEqualTo("default");
    }

    @Test
    void inMatchesAnyOfTheValues() {
        Router router = router("[" + ruleTo("team", "{user_id: {in: ['alice', 'bob']}}", "local,llava") + "]");

        assertThat(router.route(request("m", "\"metadata\":{\"user_id\":\"bob\"},")).name()).isEqualTo("team");
        assertThat(router.route(request("m", "\"metadata\":{\"user_id\":\"carol\"},")).name()).isEqualTo("default");
        assertThat(router.explain(request("m", "")).explanation().steps().get(1).reason()).isEqualTo("metadata.user_id is absent");
    }

    @Test
    void regexMatchesAnywhereUnlessAnchored() {
        Router router = router("[" + ruleTo("sonnet", "{model: {regex: 'sonnet-4'}}", "local,llava") + ", "
                + ruleTo("anchored", "{model: {regex: '^gpt-5$'}}", "local,qwen") + "]");

        assertThat(router.route(request("claude-sonnet-4-5", "")).name()).isEqualTo("sonnet");
        assertThat(router.route(request("gpt-5", "")).name()).isEqualTo("anchored");
        assertThat(router.route(request("gpt-5-mini", "")).name()).isEqualTo("default");
    }

    @Test
    void aTokenRangeIncludesItsBounds() {
        Router router = router("[" + ruleTo("mid", "{tokens: {min: 3, max: 5}}", "local,llava") + "]");

        assertThat(router.route(new RouteRequest(words(2), InboundApi.ANTHROPIC, Map.of(), -1)).name()).isEqualTo("default");
        assertThat(router.route(new RouteRequest(words(3), InboundApi.ANTHROPIC, Map.of(), -1)).name()).isEqualTo("mid");
        assertThat(router.route(new RouteRequest(words(5), InboundApi.ANTHROPIC, Map.of(), -1)).name()).isEqualTo("mid");
        assertThat(router.route(new RouteRequest(words(6), InboundApi.ANTHROPIC, Map.of(), -1)).name()).isEqualTo("default");
    }

    @Test
    void thinkingToolsHeadersAndFormatAreConditionsToo() {
        Router router = router("[" + ruleTo("all", """
                {thinking: true, tools: {regex: '^web_search'}, headers: {'X-Team': 'search'}, format: 'openai'}""",
                "local,llava") + "]");
        String fields = "\"thinking\":{\"type\":\"adaptive\"},\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}],";

        assertThat(router.route(request("m", fields, InboundApi.OPENAI, Map.of("x-team", "search"))).name()).isEqualTo("all");
        assertThat(router.explain(request("m", fields, InboundApi.ANTHROPIC, Map.of("x-team", "search"))).explanation()
                .steps().get(1).reason()).isEqualTo("format: the request came in as anthropic");
        assertThat(router.explain(request("m", fields, InboundApi.OPENAI, Map.of("x-team", "ads"))).explanation()
                .steps().get(1).reason()).isEqualTo("header x-team \"ads\" fails equals \"search\"");
        assertThat(router.explain(request("m", "\"tools\":[{\"name\":\"Read\",\"input_schema\":{}}],", InboundApi.OPENAI,
                Map.of("x-team", "search"))).explanation().steps().get(1).reason())
                .isEqualTo("thinking is off, the rule wants it on");
    }

    @Test
    void aToolMatchesByNameOrType() {
        Router router = router("[" + ruleTo("read", "{tools: 'Read'}", "local,llava") + "]");

        assertThat(router.route(request("m", "\"tools\":[{\"name\":\"Read\",\"input_schema\":{}}],")).name()).isEqualTo("read");
        assertThat(router.explain(request("m", "")).explanation().steps().get(1).reason())
                .isEqualTo("tools: no tool's name or type equals \"Read\"");
    }

    @Test
    void theFirstRuleThatHoldsWinsAndRulesComeBeforeTheScenarios() {
        Router router = router("[" + ruleTo("never", "{model: 'x'}", "local,qwen") + ", "
                + ruleTo("haiku", "{model: {regex: 'haiku'}}", "local,llava") + ", "
                + ruleTo("also", "{}", "local,qwen") + "]");

        RouteDecision decision = router.route(request("claude-haiku-4-5", ""));

        assertThat(decision.scenario()).isEqualTo(Scenario.RULE);
        assertThat(decision.name()).isEqualTo("haiku");
        assertThat(decision.target().toString()).isEqualTo("local,llava");
    }

    @Test
    void anExplicitTargetBeatsTheRules() {
        Router router = router("[" + ruleTo("all", "{}", "local,qwen") + "]");

        assertThat(router.route(request("deepseek,deepseek-reasoner", "")).scenario()).isEqualTo(Scenario.EXPLICIT);
    }

    @Test
    void tokensAreCountedOnlyForARuleWhoseOtherConditionsHold() {
        Router router = router("[" + ruleTo("big-opus", "{tokens: {min: 1}, model: 'claude-opus-4-5'}", "local,qwen") + "]");

        RouteDecision decision = router.explain(request("claude-sonnet-4-5", ""));

        assertThat(decision.name()).isEqualTo("default");
        assertThat(counter.requests).isZero();
        assertThat(decision.explanation().steps().get(1).reason())
                .isEqualTo("model \"claude-sonnet-4-5\" fails equals \"claude-opus-4-5\"");
    }

    @Test
    void rulesWithoutTokenConditionsNeverCountTokens() {
        router("[" + ruleTo("opus", "{model: 'claude-opus-4-5'}", "local,qwen") + "]").route(new RouteRequest(words(70_000),
                InboundApi.ANTHROPIC, Map.of(), -1));

        assertThat(counter.requests).isZero();
    }

    @Test
    void aRuleCarriesItsFallbacksAndBalancedTargets() {
        Router router = new Router(config("""
                {default: 'deepseek,deepseek-chat',
                 rules: [{name: 'spread', when: {}, target: {targets: ['local,qwen', 'deepseek,deepseek-chat'], weights: [3, 1]}}],
                 fallback: {spread: ['openrouter,google/gemini-2.5-pro'], default: ['local,qwen']}}"""));

        RouteDecision decision = router.route(Routing.request("m", ""));

        assertThat(decision.route().targets()).extracting(Object::toString).containsExactly("local,qwen", "DeepSeek,deepseek-chat");
        assertThat(decision.target().toString()).isEqualTo("local,qwen");
        assertThat(decision.fallbacks()).extracting(Object::toString).containsExactly("openrouter,google/gemini-2.5-pro");
    }

    private static MessagesRequest words(int words) {
        return Routing.body("{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\""
                + " hello".repeat(words) + "\"}]}");
    }
}
