package dev.conduit.providers.openai;

import static dev.conduit.providers.openai.OpenAiRequestTranslatorTest.json;
import static dev.conduit.providers.openai.OpenAiRequestTranslatorTest.translate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.ProviderConfig;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.MessagesRequest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/** Sampling parameters, stop sequences, user, stream options and the max-tokens field. */
class OpenAiRequestParametersTest {

    private static final String HI = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    @Test
    void passesSamplingParametersStopAndUserButNotTopK() {
        ObjectNode body = translate("""
                {"model":"m","max_tokens":256,%s,"temperature":0.2,"top_p":0.95,"top_k":40,
                 "stop_sequences":["END","\\n\\nHuman:"],"metadata":{"user_id":"user-7"}}""".formatted(HI));

        assertThat(body).isEqualTo(json("""
                {"model":"up-model","messages":[{"role":"user","content":"hi"}],"max_tokens":256,
                 "temperature":0.2,"top_p":0.95,"stop":["END","\\n\\nHuman:"],"user":"user-7","stream":false}"""));
        assertThat(body.has("top_k")).isFalse();
    }

    @Test
    void aSingleStopSequenceIsStillAList() {
        assertThat(translate("{\"model\":\"m\",\"max_tokens\":1,%s,\"stop_sequences\":[\"END\"]}".formatted(HI)).get("stop"))
                .isEqualTo(json("[\"END\"]"));
    }

    @Test
    void absentParametersAreLeftOut() {
        ObjectNode body = translate("{\"model\":\"m\",\"max_tokens\":1,%s,\"stop_sequences\":[],\"metadata\":{}}".formatted(HI));

        assertThat(body.propertyNames()).containsExactly("model", "messages", "max_tokens", "stream");
    }

    @Test
    void streamingAsksForUsage() {
        MessagesRequest request = AnthropicRequestReader.read(Json.MAPPER.readTree(
                "{\"model\":\"m\",\"max_tokens\":1,%s}".formatted(HI)));

        ObjectNode streamed = OpenAiRequestTranslatorTest.TRANSLATOR.translate(request, "up-model", true);
        ObjectNode whole = OpenAiRequestTranslatorTest.TRANSLATOR.translate(request, "up-model", false);

        assertThat(streamed.get("stream").booleanValue()).isTrue();
        assertThat(streamed.get("stream_options")).isEqualTo(json("{\"include_usage\":true}"));
        assertThat(whole.get("stream").booleanValue()).isFalse();
        assertThat(whole.has("stream_options")).isFalse();
    }

    @Test
    void theDialectNamesTheMaxTokensField() {
        MessagesRequest request = AnthropicRequestReader.read(Json.MAPPER.readTree(
                "{\"model\":\"m\",\"max_tokens\":4096,%s}".formatted(HI)));

        ObjectNode body = new OpenAiRequestTranslator(new OpenAiDialect("openai", true, true, false, false))
                .translate(request, "gpt-5", false);

        assertThat(body.get("max_completion_tokens").intValue()).isEqualTo(4096);
        assertThat(body.has("max_tokens")).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            https://api.openai.com/v1/chat/completions,        max_completion_tokens
            https://API.OpenAI.com/v1/chat/completions,        max_completion_tokens
            https://openrouter.ai/api/v1/chat/completions,     max_tokens
            https://api.deepseek.com/chat/completions,         max_tokens
            https://my-api.openai.com.example/v1/chat/completions, max_tokens
            http://localhost:11434/v1/chat/completions,        max_tokens
            """)
    void dialectFollowsTheHost(String url, String field) {
        OpenAiDialect dialect = OpenAiDialect.of(new ProviderConfig("prov", URI.create(url), List.of(), List.of("m"), null));

        assertThat(dialect.maxTokensField()).isEqualTo(field);
    }

    private static ObjectNode translated(OpenAiDialect dialect, String model, String fields) {
        MessagesRequest request = AnthropicRequestReader.read(Json.MAPPER.readTree(
                "{\"model\":\"m\",\"max_tokens\":32000,%s,%s}".formatted(HI, fields)));
        return new OpenAiRequestTranslator(dialect).translate(request, model, false);
    }

    @Test
    void outputFormatBecomesAJsonSchemaResponseFormatWithoutStrictMode() {
        ObjectNode body = translated(new OpenAiDialect("p", false, false, false, false), "m", """
                "output_config":{"effort":"medium","format":{"type":"json_schema","schema":{"type":"object",
                "properties":{"title":{"type":"string"}},"required":["title"],"additionalProperties":false}}}""");

        assertThat(body.get("response_format")).isEqualTo(Json.MAPPER.readTree("""
                {"type":"json_schema","json_schema":{"name":"response","schema":{"type":"object",
                "properties":{"title":{"type":"string"}},"required":["title"],"additionalProperties":false}}}"""));
        assertThat(body.has("reasoning_effort")).as("not an OpenAI reasoning model").isFalse();
        assertThat(body.has("output_config")).isFalse();
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(textBlock = """
            '"thinking":{"type":"enabled","budget_tokens":2048}',                   gpt-5,   low
            '"thinking":{"type":"enabled","budget_tokens":10000}',                  o3,      medium
            '"thinking":{"type":"enabled","budget_tokens":24000}',                  o4-mini, high
            '"thinking":{"type":"adaptive"}',                                       gpt-5.1, medium
            '"thinking":{"type":"adaptive"},"output_config":{"effort":"low"}',      gpt-5,   low
            '"output_config":{"effort":"max"}',                                     gpt-5,   high
            '"thinking":{"type":"disabled"}',                                       gpt-5,   ''
            '"thinking":{"type":"enabled","budget_tokens":24000}',                  gpt-4o,  ''
            """)
    void thinkingBecomesReasoningEffortOnOpenAisReasoningModelsOnly(String fields, String model, String effort) {
        ObjectNode body = translated(new OpenAiDialect("openai", true, true, false, false), model, fields);

        assertThat(body.path("reasoning_effort").asString(null)).isEqualTo(effort == null || effort.isEmpty() ? null : effort);
        assertThat(body.has("thinking")).isFalse();
    }

    @Test
    void otherServersGetNoReasoningEffortWhateverTheThinking() {
        ObjectNode body = translated(new OpenAiDialect("deepseek", false, false, true, false), "deepseek-reasoner",
                "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":24000}");

        assertThat(body.has("reasoning_effort")).isFalse();
    }
}
