package dev.conduit.providers.transform;

import static dev.conduit.providers.transform.Gateway.json;
import static dev.conduit.testing.OpenAiChunks.finishChunk;
import static dev.conduit.testing.OpenAiChunks.roleChunk;
import static dev.conduit.testing.OpenAiChunks.textChunk;
import static dev.conduit.testing.OpenAiChunks.toolCallArguments;
import static dev.conduit.testing.OpenAiChunks.toolCallStart;
import static dev.conduit.testing.OpenAiChunks.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.anthropic.ContentBlock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** enhancetool: broken tool arguments reach the client repaired, whole or streamed. */
class EnhanceToolTest {

    private static final String ASK = """
            {"model":"claude","max_tokens":1024,"messages":[{"role":"user","content":"List files"}],
             "tools":[{"name":"Bash","input_schema":{"type":"object"}}]}""";
    private static final String ASK_STREAMED = ASK.replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\"");
    private static final String OPENAI_ASK = """
            {"model":"x","stream":true,"messages":[{"role":"user","content":"List files"}],
             "tools":[{"type":"function","function":{"name":"Bash","parameters":{"type":"object"}}}]}""";

    private final Gateway gateway = new Gateway("{\"use\": [\"enhancetool\"]}", "qwen");

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void aWholeAnswersBrokenArgumentsAreRepaired() {
        gateway.replyJson("""
                {"id":"1","model":"qwen","choices":[{"index":0,"message":{"role":"assistant","content":null,
                 "tool_calls":[{"id":"call_1","type":"function","function":{"name":"Bash",
                 "arguments":"{'command': 'ls -la', 'timeout': 5,"}}]},"finish_reason":"tool_calls"}]}""");

        assertThat(gateway.complete("qwen", ASK).content())
                .containsExactly(new ContentBlock.ToolUse("call_1", "Bash", json("{\"command\":\"ls -la\",\"timeout\":5}")));
    }

    @Test
    void aStreamedCallArrivesAsOneRepairedFragmentWhenItEnds() throws Exception {
        gateway.replySse(roleChunk(), textChunk("Listing."), toolCallStart(0, "call_1", "Bash"),
                toolCallArguments(0, "{\"command\": "), toolCallArguments(0, "\"ls -la\","),
                toolCallStart(1, "call_2", "Bash"), toolCallArguments(1, "{\"command\": \"pwd\""),
                finishChunk("tool_calls"), usageChunk(20, 9));

        assertThat(gateway.stream("qwen", ASK_STREAMED)).containsExactly(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_chatcmpl-mock\",\"type\":\"message\",\"role\":\"assistant\","
                        + "\"model\":\"mock-model\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                        + "\"usage\":{\"input_tokens\":0,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
                        + "\"output_tokens\":0}}}",
                "{\"type\":\"ping\"}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Listing.\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"call_1\","
                        + "\"name\":\"Bash\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\","
                        + "\"partial_json\":\"{\\\"command\\\":\\\"ls -la\\\"}\"}}",
                "{\"type\":\"content_block_stop\",\"index\":1}",
                "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"call_2\","
                        + "\"name\":\"Bash\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\","
                        + "\"partial_json\":\"{\\\"command\\\":\\\"pwd\\\"}\"}}",
                "{\"type\":\"content_block_stop\",\"index\":2}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},"
                        + "\"usage\":{\"input_tokens\":20,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
                        + "\"output_tokens\":9}}",
                "{\"type\":\"message_stop\"}");
    }

    @Test
    void argumentsHeldBackAreSentWhenTheStreamEndsWithoutAFinishReason() throws Exception {
        gateway.replySse(toolCallStart(0, "call_1", "Bash"), toolCallArguments(0, "{\"command\": \"ls"));

        List<String> events = gateway.stream("qwen", ASK_STREAMED);

        assertThat(events).contains("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                + "\"partial_json\":\"{\\\"command\\\":\\\"ls\\\"}\"}}");
        assertThat(events.getLast()).isEqualTo("{\"type\":\"message_stop\"}");
    }

    @Test
    void anOpenAiClientGetsTheCallStartThenItsRepairedArguments() throws Exception {
        // the client did not ask for usage, so the usage chunk is not forwarded
        gateway.replySse(roleChunk(), toolCallStart(0, "call_1", "Bash"), toolCallArguments(0, "{command: 'ls'"),
                finishChunk("tool_calls"), usageChunk(20, 9));

        List<String> received = gateway.streamOpenAi("qwen", OPENAI_ASK);

        assertThat(received.stream().map(data -> data.equals("[DONE]") ? null : json(data)).toList()).containsExactly(
                json(roleChunk()),
                json(toolCallStart(0, "call_1", "Bash")),
                json(toolCallArguments(0, "{\"command\":\"ls\"}")),
                json(finishChunk("tool_calls")),
                null);
    }
}
