package dev.conduit.providers.transform;

import static dev.conduit.providers.transform.Gateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.testing.OpenAiChunks;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What the upstream receives from each transformer that changes requests. */
class RequestTransformersTest {

    private static final String HELLO = "{\"model\":\"claude\",\"max_tokens\":32000,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String ANSWER = OpenAiChunks.completion("Hello.", "stop", 5, 2);

    /** The body the upstream received for an Anthropic client's {@code request}. */
    private static JsonNode upstreamBody(String transformer, String model, String request) throws Exception {
        try (Gateway gateway = new Gateway(transformer, model)) {
            gateway.replyJson(ANSWER).complete(model, request);
            return gateway.received().body();
        }
    }

    /** The body the upstream received for an OpenAI client's {@code request}. */
    private static JsonNode forwardedBody(String transformer, String model, String request) throws Exception {
        try (Gateway gateway = new Gateway(transformer, model)) {
            gateway.replyJson(ANSWER).completeOpenAi(model, request);
            return gateway.received().body();
        }
    }

    @Test
    void deepseekCapsTheOutputAtDeepSeeksLimit() throws Exception {
        assertThat(upstreamBody("{\"use\": [\"deepseek\"]}", "deepseek-chat", HELLO)).isEqualTo(json("""
                {"model":"deepseek-chat","max_tokens":8192,"messages":[{"role":"user","content":"Hi"}],"stream":false}"""));
    }

    @Test
    void deepseekGivesAReasoningOnlyAnswerAsText() throws Exception {
        try (Gateway gateway = new Gateway("{\"use\": [\"deepseek\"]}", "deepseek-v4-flash")) {
            gateway.replyJson("""
                    {"id":"x","model":"deepseek-v4-flash","choices":[{"index":0,"message":{"role":"assistant",
                     "content":"","reasoning_content":"The answer is 4."},"finish_reason":"stop"}]}""");

            assertThat(gateway.complete("deepseek-v4-flash", HELLO).content())
                    .containsExactly(new ContentBlock.Text("The answer is 4."));
        }
    }

    @Test
    void maxtokenLowersTheLimitButNeverRaisesIt() throws Exception {
        String maxtoken = "{\"use\": [[\"maxtoken\", {\"max_tokens\": 16384}]]}";

        assertThat(upstreamBody(maxtoken, "m", HELLO).get("max_tokens").intValue()).isEqualTo(16384);
        assertThat(upstreamBody(maxtoken, "m", HELLO.replace("32000", "1000")).get("max_tokens").intValue())
                .isEqualTo(1000);
    }

    @Test
    void maxcompletiontokensSendsTheLimitUnderItsOtherName() throws Exception {
        assertThat(upstreamBody("{\"use\": [\"maxcompletiontokens\"]}", "m", HELLO)).isEqualTo(json("""
                {"model":"m","max_completion_tokens":32000,"messages":[{"role":"user","content":"Hi"}],"stream":false}"""));
        assertThat(upstreamBody("{\"use\": [[\"maxcompletiontokens\", {\"max_completion_tokens\": 5000}]]}", "m", HELLO)
                .get("max_completion_tokens").intValue()).isEqualTo(5000);
    }

    @Test
    void anOpenAiClientsUncheckedLimitThatIsNoWholeNumberIsCappedOrPassedOnNotAFailure() throws Exception {
        // found by fuzzing: max_tokens beside max_completion_tokens is not validated, and 1.5e30 or
        // 2.5 made the transformers fail the request with a 500
        String request = "{\"model\":\"m\",\"max_completion_tokens\":50,\"max_tokens\":1.5e30,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

        assertThat(forwardedBody("{\"use\": [\"deepseek\"]}", "deepseek-chat", request).get("max_tokens").intValue())
                .isEqualTo(8192);
        assertThat(forwardedBody("{\"use\": [\"maxcompletiontokens\"]}", "m", request.replace("1.5e30", "2.5"))
                .get("max_completion_tokens").isNumber()).isTrue();
    }

    @Test
    void samplingSetsTheConfiguredParameters() throws Exception {
        JsonNode body = upstreamBody("""
                {"use": [["sampling", {"temperature": "0.3", "top_p": 0.9, "top_k": 40, "repetition_penalty": 1.05,
                                       "max_tokens": 4096}]]}""", "qwen", HELLO.replace("\"max_tokens\"", "\"temperature\":1,\"max_tokens\""));

        assertThat(body).isEqualTo(json("""
                {"model":"qwen","max_tokens":4096,"temperature":0.3,"top_p":0.9,"top_k":40,"repetition_penalty":1.05,
                 "messages":[{"role":"user","content":"Hi"}],"stream":false}"""));
    }

    @Test
    void reasoningSwitchesThinkingOnTheWayQwenServersReadIt() throws Exception {
        String thinking = HELLO.replace("\"max_tokens\"", "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048},\"max_tokens\"");

        JsonNode on = upstreamBody("{\"use\": [\"reasoning\"]}", "qwen3", thinking);
        assertThat(on.get("enable_thinking").booleanValue()).isTrue();
        assertThat(on.get("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":2048}"));
        assertThat(on.get("thinking_budget").intValue()).isEqualTo(2048);

        JsonNode notAsked = upstreamBody("{\"use\": [\"reasoning\"]}", "qwen3", HELLO);
        assertThat(notAsked.has("enable_thinking")).isFalse();
        assertThat(notAsked.has("thinking")).isFalse();

        JsonNode off = upstreamBody("{\"use\": [[\"reasoning\", {\"enable\": false}]]}", "qwen3", thinking);
        assertThat(off.get("enable_thinking").booleanValue()).isFalse();
        assertThat(off.get("thinking")).isEqualTo(json("{\"type\":\"disabled\",\"budget_tokens\":-1}"));
    }

    @Test
    void cleancacheRemovesCacheControlEverywhere() throws Exception {
        JsonNode body = forwardedBody("{\"use\": [\"cleancache\"]}", "m", """
                {"model":"x","messages":[
                  {"role":"system","content":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}]},
                  {"role":"user","content":"Hi","cache_control":{"type":"ephemeral"}}],
                 "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}},
                           "cache_control":{"type":"ephemeral"}}]}""");

        assertThat(body).isEqualTo(json("""
                {"model":"m","messages":[
                  {"role":"system","content":[{"type":"text","text":"Be brief."}]},
                  {"role":"user","content":"Hi"}],
                 "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]}"""));
    }

    @Test
    void groqGetsNoSchemaKeywordNorCacheControl() throws Exception {
        JsonNode body = forwardedBody("{\"use\": [\"groq\"]}", "openai/gpt-oss-120b", """
                {"model":"x","messages":[{"role":"user","content":[{"type":"text","text":"Hi","cache_control":{"type":"ephemeral"}}]}],
                 "tools":[{"type":"function","function":{"name":"f","parameters":{
                   "$schema":"http://json-schema.org/draft-07/schema#","type":"object",
                   "properties":{"o":{"$schema":"x","type":"object"}}}}}]}""");

        assertThat(body).isEqualTo(json("""
                {"model":"openai/gpt-oss-120b","messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],
                 "tools":[{"type":"function","function":{"name":"f","parameters":{
                   "type":"object","properties":{"o":{"type":"object"}}}}}]}"""));
    }

    @Test
    void streamoptionsAsksForUsageOnStreamsOnly() throws Exception {
        JsonNode whole = forwardedBody("{\"use\": [\"streamoptions\"]}", "m", """
                {"model":"x","messages":[{"role":"user","content":"Hi"}]}""");
        assertThat(whole.has("stream_options")).isFalse();

        try (Gateway gateway = new Gateway("{\"use\": [\"streamoptions\"]}", "m")) {
            gateway.replySse(OpenAiChunks.textStream("Hi.", 3, 1).toArray(String[]::new));
            gateway.streamOpenAi("m", "{\"model\":\"x\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
            assertThat(gateway.received().body().get("stream_options")).isEqualTo(json("{\"include_usage\":true}"));
        }
    }

    @Test
    void customparamsMergesItsOptionsIntoTheBody() throws Exception {
        JsonNode body = forwardedBody("""
                {"use": [["customparams", {"chat_template_kwargs": {"enable_thinking": false}, "temperature": 0.2,
                                           "stop": ["END"]}]]}""", "m", """
                {"model":"x","temperature":1,"chat_template_kwargs":{"custom":1},"stop":["a","b"],
                 "messages":[{"role":"user","content":"Hi"}]}""");

        assertThat(body).isEqualTo(json("""
                {"model":"m","temperature":0.2,"chat_template_kwargs":{"custom":1,"enable_thinking":false},"stop":["END"],
                 "messages":[{"role":"user","content":"Hi"}]}"""));
    }

    @Test
    void glmCapsTheOutputAndStreamsToolCalls() throws Exception {
        try (Gateway gateway = new Gateway("{\"use\": [\"glm\"]}", "glm-4.6")) {
            gateway.replySse(OpenAiChunks.textStream("Hi.", 3, 1).toArray(String[]::new));
            gateway.stream("glm-4.6", """
                    {"model":"claude","max_tokens":200000,"stream":true,"messages":[{"role":"user","content":"Hi"}],
                     "tools":[{"name":"f","input_schema":{"type":"object"}}]}""");

            JsonNode body = gateway.received().body();
            assertThat(body.get("max_tokens").intValue()).isEqualTo(128_000);
            assertThat(body.get("tool_stream").booleanValue()).isTrue();
        }
    }

    @Test
    void vercelAsksForTheGatewaysCachingInsteadOfCacheControlExceptForClaude() throws Exception {
        String request = """
                {"model":"x","messages":[{"role":"user","content":[{"type":"text","text":"Hi","cache_control":{"type":"ephemeral"}}]}]}""";
        String vercel = "{\"use\": [[\"vercel\", {\"user\": \"team-a\"}]]}";

        assertThat(forwardedBody(vercel, "openai/gpt-5", request)).isEqualTo(json("""
                {"model":"openai/gpt-5","user":"team-a","providerOptions":{"gateway":{"caching":"auto"}},
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]}"""));
        assertThat(forwardedBody(vercel, "anthropic/claude-sonnet-4.5", request)).isEqualTo(json("""
                {"model":"anthropic/claude-sonnet-4.5","user":"team-a",
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hi","cache_control":{"type":"ephemeral"}}]}]}"""));
    }

    @Test
    void namesThatChooseTheApiOrHaveNoEffectLeaveTheRequestAlone() throws Exception {
        assertThat(upstreamBody("{\"use\": [\"openai\", \"Anthropic\", \"cerebras\", \"forcereasoning\"]}", "m", HELLO))
                .isEqualTo(upstreamBody("{}", "m", HELLO));
    }
}
