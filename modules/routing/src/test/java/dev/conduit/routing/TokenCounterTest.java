package dev.conduit.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.MessagesRequest;
import org.junit.jupiter.api.Test;

class TokenCounterTest {

    private final TokenCounter counter = TokenCounter.cl100k();

    @Test
    void countsWithTheCl100kVocabulary() {
        // reference counts from OpenAI's tiktoken with the cl100k_base ranks
        assertThat(counter.count("hello world")).isEqualTo(2);
        assertThat(counter.count("Conduit is an LLM API gateway.")).isEqualTo(9);
        assertThat(counter.count("Bonjour, ça va? 你好")).isEqualTo(8);
        assertThat(counter.count("")).isZero();
    }

    @Test
    void aRequestCountsSystemMessagesToolCallsResultsAndToolDefinitions() {
        MessagesRequest request = AnthropicRequestReader.readForCounting(Json.MAPPER.readTree("""
                {"model":"m","system":"hello world",
                 "tools":[{"name":"Read","description":"hello world","input_schema":{"type":"object"}}],
                 "messages":[
                   {"role":"user","content":"hello world"},
                   {"role":"assistant","content":[{"type":"tool_use","id":"t","name":"Read","input":{"a":1}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"hello world"}]}]}"""));

        long parts = counter.count("hello world") * 4 + counter.count("Read")
                + counter.count("{\"type\":\"object\"}") + counter.count("{\"a\":1}");
        assertThat(counter.count(request)).isEqualTo(parts);
    }
}
