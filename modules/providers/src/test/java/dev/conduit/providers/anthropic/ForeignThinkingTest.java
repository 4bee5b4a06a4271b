package dev.conduit.providers.anthropic;

import static dev.conduit.providers.anthropic.AnthropicTestSupport.TARGET;
import static dev.conduit.providers.anthropic.AnthropicTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.providers.ClientFormat;
import dev.conduit.providers.ClientLink;
import dev.conduit.providers.Inbound;
import dev.conduit.testing.MockReply;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Thinking Anthropic did not sign is not sent to Anthropic; its own is. */
class ForeignThinkingTest {

    private static final String GENUINE = "{\"type\":\"thinking\",\"thinking\":\"Mine.\",\"signature\":\"EqQBCkYIBhgCKkB\"}";
    private static final String REDACTED = "{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy\"}";
    private static final String GEMINI = "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"gemini:gemini-2.5-pro:CiQBcsj\"}";
    private static final String OPENAI = "{\"type\":\"thinking\",\"thinking\":\"Reasoned.\",\"signature\":\"\"}";
    private static final String UNSIGNED = "{\"type\":\"thinking\",\"thinking\":\"Loose.\"}";
    private static final String CALL = "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\",\"input\":{}}";
    private static final String RESULT = "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"ok\"}]}";

    private static ObjectNode body(String thinking, String... messages) {
        return (ObjectNode) json("{\"model\":\"m\",\"max_tokens\":4096" + (thinking == null ? "" : ",\"thinking\":" + thinking)
                + ",\"messages\":[" + String.join(",", messages) + "]}");
    }

    private static String user(String text) {
        return "{\"role\":\"user\",\"content\":\"" + text + "\"}";
    }

    private static String assistant(String... blocks) {
        return "{\"role\":\"assistant\",\"content\":[" + String.join(",", blocks) + "]}";
    }

    private static ObjectNode stripped(ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        ForeignThinking.strip(copy);
        return copy;
    }

    @Test
    void geminiEmptyAndMissingSignaturesAreDroppedAndAnthropicsOwnKept() {
        ObjectNode body = body(null, user("a"),
                assistant(GEMINI, "{\"type\":\"text\",\"text\":\"g\"}"),
                user("b"),
                assistant(OPENAI, UNSIGNED, "{\"type\":\"text\",\"text\":\"o\"}"),
                user("c"),
                assistant(GENUINE, REDACTED, "{\"type\":\"text\",\"text\":\"a\"}"),
                user("d"));

        assertThat(stripped(body)).isEqualTo(body(null, user("a"),
                assistant("{\"type\":\"text\",\"text\":\"g\"}"),
                user("b"),
                assistant("{\"type\":\"text\",\"text\":\"o\"}"),
                user("c"),
                assistant(GENUINE, REDACTED, "{\"type\":\"text\",\"text\":\"a\"}"),
                user("d")));
    }

    @Test
    void anAssistantMessageLeftEmptyIsRemoved() {
        assertThat(stripped(body(null, user("a"), assistant(OPENAI), user("b"))))
                .isEqualTo(body(null, user("a"), user("b")));
    }

    @Test
    void aToolLoopWhoseLastThinkingWasForeignContinuesWithoutThinking() {
        String thinking = "{\"type\":\"enabled\",\"budget_tokens\":2048}";

        assertThat(stripped(body(thinking, user("a"), assistant(GEMINI, CALL), RESULT)))
                .isEqualTo(body(null, user("a"), assistant(CALL), RESULT));
    }

    @Test
    void thinkingStaysOnWhenTheToolLoopsOwnThinkingIsAnthropics() {
        String thinking = "{\"type\":\"adaptive\"}";
        ObjectNode body = body(thinking, user("a"), assistant(OPENAI, CALL), RESULT, assistant(GENUINE, CALL), RESULT);

        assertThat(stripped(body)).isEqualTo(
                body(thinking, user("a"), assistant(CALL), RESULT, assistant(GENUINE, CALL), RESULT));
    }

    @Test
    void thinkingStaysOnForANewUserTurn() {
        String thinking = "{\"type\":\"enabled\",\"budget_tokens\":2048}";

        assertThat(stripped(body(thinking, user("a"), assistant(GEMINI, "{\"type\":\"text\",\"text\":\"x\"}"), user("b"))))
                .isEqualTo(body(thinking, user("a"), assistant("{\"type\":\"text\",\"text\":\"x\"}"), user("b")));
    }

    @Test
    void stringContentAndBodiesWithoutMessagesAreLeftAlone() {
        ObjectNode body = body(null, user("a"), "{\"role\":\"assistant\",\"content\":\"plain\"}", user("b"));
        assertThat(stripped(body)).isEqualTo(body);
        ObjectNode odd = (ObjectNode) json("{\"model\":\"m\",\"messages\":\"no\"}");
        assertThat(stripped(odd)).isEqualTo(odd);
    }

    @Test
    void theAdapterSendsTheStrippedBody() throws Exception {
        try (AnthropicTestSupport support = new AnthropicTestSupport()) {
            support.upstream.enqueue(MockReply.json(200, "{\"content\":[],\"usage\":{}}"));
            ObjectNode body = body(null, user("a"), assistant(GEMINI, REDACTED, GENUINE, "{\"type\":\"text\",\"text\":\"x\"}"),
                    user("b"));

            support.adapter().complete(AnthropicRequestReader.read(body), new Inbound(ClientFormat.ANTHROPIC, body, Map.of()),
                    TARGET, ClientLink.DETACHED);

            ObjectNode expected = body(null, user("a"), assistant(REDACTED, GENUINE, "{\"type\":\"text\",\"text\":\"x\"}"),
                    user("b"));
            expected.put("model", TARGET.model());
            assertThat(support.upstream.takeRequest(5, TimeUnit.SECONDS).body()).isEqualTo(expected);
        }
    }
}
