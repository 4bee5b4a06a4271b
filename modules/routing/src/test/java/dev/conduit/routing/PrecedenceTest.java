package dev.conduit.routing;

import static dev.conduit.routing.Routing.ALL_SLOTS;
import static dev.conduit.routing.Routing.body;
import static dev.conduit.routing.Routing.config;
import static dev.conduit.routing.Routing.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.protocol.anthropic.ContentBlock;
import org.junit.jupiter.api.Test;

/** claude-code-router's order: explicit, long context, subagent, background, web search, think, image, default. */
class PrecedenceTest {

    private static final String LONG_TEXT = "hello ".repeat(61_000);
    private static final String THINKING = "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048},";
    private static final String WEB_SEARCH = "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}],";

    private final Router router = new Router(config(ALL_SLOTS));

    private String routeOf(String model, String fields) {
        return router.route(request(model, fields)).target().toString();
    }

    private static String longRequest(String model, String fields) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":10," + fields
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + LONG_TEXT + "\"}]}";
    }

    private static String subagentSystem(String tagged) {
        return "\"system\":[{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cc_version=2.1\"},"
                + "{\"type\":\"text\",\"text\":\"You are a Claude agent.\"},{\"type\":\"text\",\"text\":\"" + tagged + "\"}],";
    }

    @Test
    void anExplicitTargetBeatsEveryScenario() {
        RouteDecision decision = router.route(body(longRequest("openrouter,anthropic/claude-sonnet-4.5",
                THINKING + WEB_SEARCH + subagentSystem("<CCR-SUBAGENT-MODEL>local,qwen</CCR-SUBAGENT-MODEL>"))));

        assertThat(decision.scenario()).isEqualTo(Scenario.EXPLICIT);
        assertThat(decision.target().toString()).isEqualTo("openrouter,Anthropic/Claude-Sonnet-4.5");
        assertThat(decision.fallbacks()).isEmpty();
    }

    @Test
    void aLongRequestGoesToTheLongContextRoute() {
        RouteDecision decision = router.route(body(longRequest("claude-opus-4-5", "")));

        assertThat(decision.scenario()).isEqualTo(Scenario.LONG_CONTEXT);
        assertThat(decision.target().toString()).isEqualTo("openrouter,google/gemini-2.5-pro");
    }

    @Test
    void longContextBeatsTheSubagentTagWhichIsStillRemoved() {
        RouteDecision decision = router.route(body(longRequest("claude-opus-4-5",
                subagentSystem("<CCR-SUBAGENT-MODEL>local,qwen</CCR-SUBAGENT-MODEL>Review the code."))));

        assertThat(decision.scenario()).isEqualTo(Scenario.LONG_CONTEXT);
        assertThat(decision.request().system()).extracting(ContentBlock.Text::text).last().isEqualTo("Review the code.");
    }

    @Test
    void aSubagentTagInTheThirdSystemBlockChoosesTheModelAndIsRemoved() {
        RouteDecision decision = router.route(request("claude-sonnet-4-5",
                subagentSystem("You review code.<CCR-SUBAGENT-MODEL>LOCAL,Qwen</CCR-SUBAGENT-MODEL>")));

        assertThat(decision.scenario()).isEqualTo(Scenario.SUBAGENT);
        assertThat(decision.target().toString()).isEqualTo("local,qwen");
        assertThat(decision.request().system()).extracting(ContentBlock.Text::text)
                .containsExactly("x-anthropic-billing-header: cc_version=2.1", "You are a Claude agent.", "You review code.");
        assertThat(decision.subagentTag()).hasValueSatisfying(tag -> assertThat(tag.block()).isEqualTo(2));
    }

    @Test
    void theSubagentTagBeatsBackgroundWebSearchAndThink() {
        assertThat(routeOf("claude-haiku-4-5", THINKING + WEB_SEARCH
                + subagentSystem("<CCR-SUBAGENT-MODEL>deepseek,deepseek-chat</CCR-SUBAGENT-MODEL>")))
                .isEqualTo("DeepSeek,deepseek-chat");
    }

    @Test
    void aSubagentTagNamingAnUnknownProviderIsAnError() {
        assertThatThrownBy(() -> router.route(request("claude-sonnet-4-5",
                subagentSystem("<CCR-SUBAGENT-MODEL>groq,llama</CCR-SUBAGENT-MODEL>"))))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessage("the <CCR-SUBAGENT-MODEL> tag in system[2] (\"groq,llama\"): no provider named \"groq\""
                        + " is configured (configured: DeepSeek, openrouter, local)");
    }

    @Test
    void aSubagentTagThatIsNotProviderAndModelIsAnError() {
        assertThatThrownBy(() -> router.route(request("claude-sonnet-4-5",
                subagentSystem("<CCR-SUBAGENT-MODEL>qwen</CCR-SUBAGENT-MODEL>"))))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("the <CCR-SUBAGENT-MODEL> tag in system[2] holds \"qwen\", not \"provider,model\"");
    }

    @Test
    void aClaudeHaikuModelGoesToTheBackgroundRoute() {
        assertThat(routeOf("claude-haiku-4-5-20251001", "")).isEqualTo("local,qwen");
        assertThat(routeOf("claude-3-5-haiku-latest", "")).isEqualTo("local,qwen");
    }

    @Test
    void haikuWithThinkingStillGoesToBackground() {
        assertThat(routeOf("claude-haiku-4-5", THINKING)).isEqualTo("local,qwen");
    }

    @Test
    void webSearchBeatsThinking() {
        RouteDecision decision = router.route(request("claude-sonnet-4-5", THINKING + WEB_SEARCH));

        assertThat(decision.scenario()).isEqualTo(Scenario.WEB_SEARCH);
        assertThat(decision.target().toString()).isEqualTo("openrouter,google/gemini-2.5-flash:online");
    }

    @Test
    void enabledOrAdaptiveThinkingGoesToTheThinkRouteAndDisabledDoesNot() {
        assertThat(routeOf("claude-sonnet-4-5", THINKING)).isEqualTo("DeepSeek,deepseek-reasoner");
        assertThat(routeOf("claude-sonnet-4-5", "\"thinking\":{\"type\":\"adaptive\"},")).isEqualTo("DeepSeek,deepseek-reasoner");
        assertThat(routeOf("claude-sonnet-4-5", "\"thinking\":{\"type\":\"disabled\"},")).isEqualTo("DeepSeek,deepseek-chat");
    }

    @Test
    void thinkingBeatsAnImage() {
        assertThat(router.route(body(imageRequest(THINKING))).scenario()).isEqualTo(Scenario.THINK);
    }

    @Test
    void anImageInTheLastUserMessageGoesToTheImageRoute() {
        assertThat(router.route(body(imageRequest(""))).target().toString()).isEqualTo("local,llava");
    }

    @Test
    void anImageReturnedByATool() {
        RouteDecision decision = router.route(body("""
                {"model":"claude-sonnet-4-5","max_tokens":10,"messages":[
                  {"role":"user","content":"look at the screenshot"},
                  {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Read","input":{"file":"a.png"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[%s]}]}]}"""
                .formatted(IMAGE)));

        assertThat(decision.scenario()).isEqualTo(Scenario.IMAGE);
    }

    @Test
    void anImageEarlierInTheConversationDoesNotCount() {
        RouteDecision decision = router.route(body("""
                {"model":"claude-sonnet-4-5","max_tokens":10,"messages":[
                  {"role":"user","content":[%s]},
                  {"role":"assistant","content":"a cat"},
                  {"role":"user","content":"thanks"}]}""".formatted(IMAGE)));

        assertThat(decision.scenario()).isEqualTo(Scenario.DEFAULT);
    }

    @Test
    void everythingElseGoesToTheDefaultRoute() {
        RouteDecision decision = router.route(request("claude-sonnet-4-5", ""));

        assertThat(decision.scenario()).isEqualTo(Scenario.DEFAULT);
        assertThat(decision.name()).isEqualTo("default");
        assertThat(decision.target().toString()).isEqualTo("DeepSeek,deepseek-chat");
    }

    @Test
    void aScenarioWhoseRouteIsNotSetIsSkipped() {
        Router defaultOnly = new Router(config("{default: 'deepseek,deepseek-chat'}"));

        RouteDecision decision = defaultOnly.explain(request("claude-haiku-4-5", THINKING + WEB_SEARCH));

        assertThat(decision.scenario()).isEqualTo(Scenario.DEFAULT);
        assertThat(decision.explanation().steps()).extracting(Explanation.Step::verdict)
                .containsExactly(Explanation.Verdict.NOT_MATCHED, Explanation.Verdict.SKIPPED, Explanation.Verdict.NOT_MATCHED,
                        Explanation.Verdict.SKIPPED, Explanation.Verdict.SKIPPED, Explanation.Verdict.SKIPPED,
                        Explanation.Verdict.SKIPPED, Explanation.Verdict.MATCHED);
    }

    private static final String IMAGE = "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}";

    private static String imageRequest(String fields) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10," + fields
                + "\"messages\":[{\"role\":\"user\",\"content\":[" + IMAGE + ",{\"type\":\"text\",\"text\":\"what is it?\"}]}]}";
    }
}
