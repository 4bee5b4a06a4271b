package dev.conduit.routing;

import static dev.conduit.routing.Routing.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.InboundApi;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.openai.OpenAiRequestReader;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The subagent tag never reaches a provider: not in the request read, not in the client's own body. */
class SubagentTagTest {

    private static final String TAG = "<CCR-SUBAGENT-MODEL>local,qwen</CCR-SUBAGENT-MODEL>";

    private final Router router = new Router(config("{default: 'deepseek,deepseek-chat'}"));

    private RouteDecision anthropic(ObjectNode body) {
        return router.route(AnthropicRequestReader.read(body));
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) Json.MAPPER.readTree(text.replace("TAG", TAG));
    }

    @Test
    void aTagInAnAnthropicSystemBlockIsRemovedFromTheClientsBody() {
        ObjectNode body = json("""
                {"model":"m","max_tokens":5,"system":[{"type":"text","text":"billing"},
                 {"type":"text","text":"TAGYou review code.","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":"hi"}]}""");

        RouteDecision decision = anthropic(body);
        decision.cleanClientBody(body);

        assertThat(decision.target().toString()).isEqualTo("local,qwen");
        assertThat(body.get("system").toString()).isEqualTo("""
                [{"type":"text","text":"billing"},{"type":"text","text":"You review code.","cache_control":{"type":"ephemeral"}}]""");
    }

    @Test
    void aBlockThatHeldOnlyTheTagIsLeftOut() {
        ObjectNode body = json("""
                {"model":"m","max_tokens":5,"system":[{"type":"text","text":"a"},{"type":"text","text":" TAG\\n"}],
                 "messages":[{"role":"user","content":"hi"}]}""");

        RouteDecision decision = anthropic(body);
        decision.cleanClientBody(body);

        assertThat(decision.request().system()).hasSize(1);
        assertThat(body.get("system").toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"a\"}]");
    }

    @Test
    void aSystemStringLosesTheTag() {
        ObjectNode body = json("{\"model\":\"m\",\"max_tokens\":5,\"system\":\"Be brief. TAG\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        anthropic(body).cleanClientBody(body);

        assertThat(body.get("system").stringValue()).isEqualTo("Be brief. ");
    }

    @Test
    void onlyTheFirstTagIsRemovedAsClaudeCodeRouterDoes() {
        ObjectNode body = json("{\"model\":\"m\",\"max_tokens\":5,\"system\":\"TAG and TAG\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        RouteDecision decision = anthropic(body);
        decision.cleanClientBody(body);

        assertThat(body.get("system").stringValue()).isEqualTo(" and " + TAG);
        assertThat(decision.request().system().getFirst().text()).isEqualTo(" and " + TAG);
    }

    @Test
    void openAiSystemAndDeveloperMessagesLoseTheTag() {
        ObjectNode body = json("""
                {"model":"m","messages":[{"role":"system","content":"Be brief."},
                 {"role":"developer","content":[{"type":"text","text":"Rules."},{"type":"text","text":"TAG"}]},
                 {"role":"user","content":"hi"}]}""");

        RouteDecision decision = router.route(new RouteRequest(OpenAiRequestReader.read(body), InboundApi.OPENAI, Map.of(), -1));
        decision.cleanClientBody(body);

        assertThat(decision.target().toString()).isEqualTo("local,qwen");
        assertThat(body.get("messages").toString()).isEqualTo("""
                [{"role":"system","content":"Be brief."},{"role":"developer","content":[{"type":"text","text":"Rules."}]},\
                {"role":"user","content":"hi"}]""");
    }

    @Test
    void anOpenAiSystemMessageOfOnlyTheTagIsLeftOut() {
        ObjectNode body = json("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"TAG\"},"
                + "{\"role\":\"user\",\"content\":\"hi\"}]}");

        router.route(new RouteRequest(OpenAiRequestReader.read(body), InboundApi.OPENAI, Map.of(), -1)).cleanClientBody(body);

        assertThat(body.get("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"hi\"}]");
    }

    @Test
    void aBodyWithoutATagIsLeftAlone() {
        ObjectNode body = json("{\"model\":\"m\",\"max_tokens\":5,\"system\":\"<CCR-SUBAGENT-MODEL>unclosed\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        String before = body.toString();

        RouteDecision decision = anthropic(body);
        decision.cleanClientBody(body);

        assertThat(decision.subagentTag()).isEmpty();
        assertThat(body).hasToString(before);
    }
}
