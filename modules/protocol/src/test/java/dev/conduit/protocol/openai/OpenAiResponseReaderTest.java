package dev.conduit.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;

class OpenAiResponseReaderTest {

    private static ChatCompletion completion(String json) {
        return OpenAiResponseReader.completion(Json.MAPPER.readTree(json));
    }

    /** A chunk read from its text (a stream's) and from its tree (a transformer's): both must agree. */
    private static ChatCompletionChunk chunk(String json) {
        ChatCompletionChunk fromText = OpenAiResponseReader.chunk(json);
        assertThat(OpenAiResponseReader.chunk(Json.MAPPER.readTree(json))).isEqualTo(fromText);
        return fromText;
    }

    @Test
    void readsACompletion() {
        ChatCompletion completion = completion("""
                {"id":"chatcmpl-1","object":"chat.completion","model":"gpt-x",
                 "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":"Reading.",
                   "refusal":null,"reasoning_content":"plan",
                   "tool_calls":[{"id":"call_1","type":"function","function":{"name":"Read","arguments":"{\\"file_path\\":\\"/a\\"}"}}]}}],
                 "usage":{"prompt_tokens":100,"completion_tokens":20,"total_tokens":120,
                   "prompt_tokens_details":{"cached_tokens":30},"completion_tokens_details":{"reasoning_tokens":7}}}""");

        assertThat(completion).isEqualTo(new ChatCompletion("chatcmpl-1", "gpt-x",
                List.of(new ChatCompletion.Choice("Reading.", "plan",
                        List.of(new ToolCall("call_1", "Read", "{\"file_path\":\"/a\"}")), null, "tool_calls", null)),
                new OpenAiUsage(100, 20, 30, 7)));
    }

    @Test
    void aCompletionMissingEverythingReadsAsEmpty() {
        assertThat(completion("{}")).isEqualTo(new ChatCompletion(null, null, List.of(), null));
        assertThat(completion("{\"choices\":[{}],\"usage\":\"n/a\"}")).isEqualTo(new ChatCompletion(null, null,
                List.of(new ChatCompletion.Choice(null, null, List.of(), null, null, null)), null));
    }

    @Test
    void readsARefusalAndVllmsMatchedStopString() {
        ChatCompletion.Choice refusal = completion("""
                {"choices":[{"message":{"content":null,"refusal":"I can't help."},"finish_reason":"stop"}]}""")
                .choices().getFirst();
        ChatCompletion.Choice vllm = completion("""
                {"choices":[{"message":{"content":"a"},"finish_reason":"stop","stop_reason":"END"}]}""")
                .choices().getFirst();
        ChatCompletion.Choice tokenId = completion("""
                {"choices":[{"message":{"content":"a"},"finish_reason":"stop","stop_reason":128009}]}""")
                .choices().getFirst();

        assertThat(refusal.refusal()).isEqualTo("I can't help.");
        assertThat(refusal.content()).isNull();
        assertThat(vllm.matchedStop()).isEqualTo("END");
        assertThat(tokenId.matchedStop()).as("a stop token id is no stop string").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"reasoning_content":"a"}                      | a
            {"reasoning":"b"}                              | b
            {"reasoning_content":"a","reasoning":"b"}      | a
            {"reasoning_content":null,"reasoning":"b"}     | b
            {"content":"x"}                                |
            """)
    void reasoningComesFromReasoningContentOrReasoning(String fields, String expected) {
        assertThat(completion("{\"choices\":[{\"message\":" + fields + "}]}").choices().getFirst().reasoning()).isEqualTo(expected);
        assertThat(chunk("{\"choices\":[{\"index\":0,\"delta\":" + fields + "}]}").choices().getFirst().reasoning()).isEqualTo(expected);
    }

    @Test
    void argumentsSentAsAnObjectAreReadAsJsonText() {
        ChatCompletion completion = completion("""
                {"choices":[{"message":{"tool_calls":[
                  {"id":"c1","function":{"name":"Read","arguments":{"file_path":"/a"}}},
                  {"id":"c2","function":{"name":"Noop","arguments":null}},
                  {"function":{"name":"Bare"}}]}}]}""");

        assertThat(completion.choices().getFirst().toolCalls()).containsExactly(
                new ToolCall("c1", "Read", "{\"file_path\":\"/a\"}"),
                new ToolCall("c2", "Noop", null),
                new ToolCall(null, "Bare", null));
    }

    @Test
    void readsAChunk() {
        ChatCompletionChunk chunk = chunk("""
                {"id":"chatcmpl-1","object":"chat.completion.chunk","model":"gpt-x",
                 "choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}""");

        assertThat(chunk).isEqualTo(new ChatCompletionChunk("chatcmpl-1", "gpt-x",
                List.of(new ChatCompletionChunk.ChunkChoice(0, "Hel", null, List.of(), null, null)), null, null));
    }

    @Test
    void readsChoiceIndexFinishReasonAndMatchedStop() {
        ChatCompletionChunk chunk = chunk("""
                {"choices":[{"index":1,"delta":{},"finish_reason":"stop","stop_reason":"END"}]}""");

        assertThat(chunk.choices()).containsExactly(
                new ChatCompletionChunk.ChunkChoice(1, null, null, List.of(), "stop", "END"));
    }

    @Test
    void toolCallDeltasKeepTheirIndex() {
        ChatCompletionChunk chunk = chunk("""
                {"choices":[{"index":0,"delta":{"tool_calls":[
                  {"index":2,"id":"call_3","type":"function","function":{"name":"Bash","arguments":""}},
                  {"index":3,"function":{"arguments":"{\\"cmd\\""}}]}}]}""");

        assertThat(chunk.choices().getFirst().toolCalls()).containsExactly(
                new ToolCallDelta(2, "call_3", "Bash", ""),
                new ToolCallDelta(3, null, null, "{\"cmd\""));
    }

    @Test
    void toolCallDeltasWithoutIndexAreNumberedByPosition() {
        ChatCompletionChunk chunk = chunk("""
                {"choices":[{"index":0,"delta":{"tool_calls":[
                  {"id":"c1","function":{"name":"Read","arguments":{"file_path":"/a"}}},
                  {"id":"c2","function":{"name":"Bash","arguments":"{}"}}]}}]}""");

        assertThat(chunk.choices().getFirst().toolCalls()).containsExactly(
                new ToolCallDelta(0, "c1", "Read", "{\"file_path\":\"/a\"}"),
                new ToolCallDelta(1, "c2", "Bash", "{}"));
    }

    @Test
    void readsAUsageOnlyChunk() {
        ChatCompletionChunk chunk = chunk("""
                {"id":"chatcmpl-1","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}""");

        assertThat(chunk.choices()).isEmpty();
        assertThat(chunk.usage()).isEqualTo(new OpenAiUsage(12, 3, 0, 0));
        assertThat(chunk.error()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"prompt_tokens":100,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":40}}                   | 40
            {"prompt_tokens":100,"completion_tokens":5,"prompt_cache_hit_tokens":60,"prompt_cache_miss_tokens":40}     | 60
            {"prompt_tokens":100,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":0},"prompt_cache_hit_tokens":60} | 60
            {"prompt_tokens":100,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":40},"prompt_cache_hit_tokens":60} | 40
            {"prompt_tokens":100,"completion_tokens":5,"prompt_tokens_details":null}                                   | 0
            """)
    void cachedTokensComeFromPromptTokensDetailsOrDeepSeeksHitCount(String usage, long cached) {
        assertThat(completion("{\"usage\":" + usage + "}").usage()).isEqualTo(new OpenAiUsage(100, 5, cached, 0));
        assertThat(chunk("{\"choices\":[],\"usage\":" + usage + "}").usage()).isEqualTo(new OpenAiUsage(100, 5, cached, 0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"error":{"message":"Rate limit reached","type":"rate_limit_error","code":"429"}} | Rate limit reached | rate_limit_error
            {"error":{"message":"Internal error","code":"server_error"}}                     | Internal error     | server_error
            {"error":{"message":"Overloaded"}}                                              | Overloaded         |
            {"error":"upstream died"}                                                       | upstream died      |
            """)
    void readsAnErrorChunk(String json, String message, String type) {
        assertThat(chunk(json).error()).isEqualTo(new ChatCompletionChunk.ChunkError(message, type));
    }

    @Test
    void aNullErrorIsNoError() {
        assertThat(chunk("{\"error\":null,\"choices\":[]}").error()).isNull();
    }

    @Test
    void mistypedFieldsReadAsAbsent() {
        ChatCompletionChunk chunk = chunk("""
                {"id":5,"model":["gpt-x"],"usage":"many","choices":[{"index":null,"delta":{"content":7,
                 "reasoning_content":{"x":1},"reasoning":"thinking","tool_calls":"none"},"finish_reason":"",
                 "stop_reason":false}]}""");

        assertThat(chunk).isEqualTo(new ChatCompletionChunk(null, null,
                List.of(new ChatCompletionChunk.ChunkChoice(0, null, "thinking", List.of(), null, null)), null, null));
    }

    @Test
    void aChoiceThatIsNotAnObjectReadsAsAnEmptyFirstChoice() {
        ChatCompletionChunk chunk = chunk("""
                {"choices":[7,{"index":1,"delta":"text"},{"index":2}],"unknown":{"deep":[1,{"a":[]}]}}""");

        assertThat(chunk.choices()).containsExactly(
                new ChatCompletionChunk.ChunkChoice(0, null, null, List.of(), null, null),
                new ChatCompletionChunk.ChunkChoice(1, null, null, List.of(), null, null),
                new ChatCompletionChunk.ChunkChoice(2, null, null, List.of(), null, null));
        assertThat(chunk("{\"choices\":{\"index\":0}}").choices()).isEmpty();
    }

    @Test
    void aRepeatedFieldCountsAsItsLastOccurrence() {
        ChatCompletionChunk chunk = chunk("""
                {"model":"a","choices":[{"delta":{"content":"x"}}],"model":"b",
                 "choices":[{"delta":{"content":"y","content":"z"},"index":0,"index":3}]}""");

        assertThat(chunk.model()).isEqualTo("b");
        assertThat(chunk.choices()).containsExactly(new ChatCompletionChunk.ChunkChoice(3, "z", null, List.of(), null, null));
    }

    @Test
    void jsonThatIsNotAnObjectIsNoChunk() {
        assertThat(OpenAiResponseReader.chunk("[1,2]")).isNull();
        assertThat(OpenAiResponseReader.chunk("\"text\"")).isNull();
        assertThat(OpenAiResponseReader.chunk(Json.MAPPER.readTree("[1,2]"))).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"choices\":[", "{\"choices\":[]} {\"choices\":[]}", "{\"id\":\"a\"}x", "[1,2", "nope"})
    void textThatIsNotOneJsonValueFails(String text) {
        assertThatThrownBy(() -> OpenAiResponseReader.chunk(text)).isInstanceOf(JacksonException.class);
    }
}
