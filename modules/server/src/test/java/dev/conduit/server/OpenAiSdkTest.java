package dev.conduit.server;

import static dev.conduit.testing.OpenAiChunks.finishChunk;
import static dev.conduit.testing.OpenAiChunks.roleChunk;
import static dev.conduit.testing.OpenAiChunks.textChunk;
import static dev.conduit.testing.OpenAiChunks.toolCallArguments;
import static dev.conduit.testing.OpenAiChunks.toolCallStart;
import static dev.conduit.testing.OpenAiChunks.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.models.Model;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.OpenAiChunks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The official OpenAI Java SDK talks to Conduit's {@code /v1/chat/completions} and
 * {@code /v1/models}, in front of an OpenAI-compatible mock (forwarded) and a Gemini mock
 * (translated). Like the other test dependencies it runs on the class path (see the surefire
 * configuration in the root pom).
 */
class OpenAiSdkTest {

    /** One attempt per request, so the SDK sees each upstream failure as it was given. */
    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("", """
            {name: 'gem', api_base_url: '{origin}/v1beta/models/', api_key: 'gm-sdk-key-0001',
             models: ['gemini-2.5-flash'], transformer: {use: ['gemini']}},
            """, "{default: 'mock,mock-model', retry: {maxAttempts: 1}}");

    private static OpenAIClient client;

    private static OpenAIClient client() {
        if (client == null) {
            client = OpenAIOkHttpClient.builder()
                    .baseUrl(gateway.baseUrl() + "/v1")
                    .apiKey("unused-by-conduit")
                    .maxRetries(0)
                    .timeout(Duration.ofSeconds(20))
                    .build();
        }
        return client;
    }

    @AfterAll
    static void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    private static final FunctionDefinition WEATHER = FunctionDefinition.builder()
            .name("get_weather")
            .description("Current weather of a city")
            .parameters(FunctionParameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                    .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                    .build())
            .build();

    private static ChatCompletionCreateParams.Builder weatherQuestion(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .maxCompletionTokens(256)
                .addSystemMessage("Answer briefly.")
                .addUserMessage("Weather in Paris?")
                .addFunctionTool(WEATHER);
    }

    @Test
    void aPlainCompletionComesBackWithItsTextFinishReasonAndUsage() throws Exception {
        gateway.upstream.enqueue(MockReply.json(200, OpenAiChunks.completion("Hello there!", "stop", 21, 4)));

        ChatCompletion completion = client().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("mock,mock-model").addUserMessage("Say hello.").maxCompletionTokens(64).build());

        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().getFirst().message().content()).contains("Hello there!");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(21);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(4);
        JsonNode upstream = gateway.upstream.takeRequest(5, TimeUnit.SECONDS).body();
        assertThat(upstream.get("model").stringValue()).isEqualTo("mock-model");
        assertThat(upstream.get("max_completion_tokens").intValue()).isEqualTo(64);
    }

    /** The same answer, whole and streamed, from each kind of provider. */
    @ParameterizedTest
    @ValueSource(strings = {"mock,mock-model", "gem,gemini-2.5-flash"})
    void aStreamedCompletionAccumulatesToTheWholeOne(String model) throws Exception {
        boolean gemini = model.startsWith("gem,");
        gateway.upstream.enqueue(gemini ? MockReply.json(200, geminiAnswer()) : MockReply.json(200, openAiAnswer()));
        ChatCompletion whole = client().chat().completions().create(weatherQuestion(model).build());

        gateway.upstream.enqueue(gemini ? geminiStream() : openAiStream());
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions()
                .createStreaming(weatherQuestion(model).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        ChatCompletion streamed = accumulator.chatCompletion();

        ChatCompletionMessage wholeMessage = whole.choices().getFirst().message();
        ChatCompletionMessage streamedMessage = streamed.choices().getFirst().message();
        assertThat(wholeMessage.content()).contains("Let me check.");
        assertThat(streamedMessage.content()).isEqualTo(wholeMessage.content());
        assertThat(calls(streamedMessage)).isEqualTo(calls(wholeMessage)).hasSize(1);
        ChatCompletionMessageFunctionToolCall call = wholeMessage.toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.id()).isEqualTo("call_7");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(parse(call.function().arguments())).isEqualTo(parse("{\"city\":\"Paris\"}"));
        assertThat(streamed.choices().getFirst().finishReason()).isEqualTo(whole.choices().getFirst().finishReason())
                .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(streamed.id()).isEqualTo(whole.id());
    }

    /** id, name and parsed arguments of each call: what a program acting on the calls reads. */
    private static List<List<Object>> calls(ChatCompletionMessage message) {
        return message.toolCalls().orElse(List.of()).stream()
                .map(call -> call.asFunction())
                .map(call -> List.<Object>of(call.id(), call.function().name(), parse(call.function().arguments())))
                .toList();
    }

    private static JsonNode parse(String json) {
        return dev.conduit.protocol.Json.MAPPER.readTree(json);
    }

    private static String openAiAnswer() {
        return """
                {"id":"chatcmpl-sdk","object":"chat.completion","created":1,"model":"mock-model",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Let me check.",
                   "tool_calls":[{"id":"call_7","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\": \\"Paris\\"}"}}]},
                   "finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":80,"completion_tokens":17,"total_tokens":97}}""";
    }

    private static MockReply openAiStream() {
        return MockReply.sse(List.of(
                roleChunk().replace("chatcmpl-mock", "chatcmpl-sdk"),
                textChunk("Let me ").replace("chatcmpl-mock", "chatcmpl-sdk"),
                textChunk("check.").replace("chatcmpl-mock", "chatcmpl-sdk"),
                toolCallStart(0, "call_7", "get_weather").replace("chatcmpl-mock", "chatcmpl-sdk"),
                toolCallArguments(0, "{\"ci").replace("chatcmpl-mock", "chatcmpl-sdk"),
                toolCallArguments(0, "ty\": \"Paris\"}").replace("chatcmpl-mock", "chatcmpl-sdk"),
                finishChunk("tool_calls").replace("chatcmpl-mock", "chatcmpl-sdk"),
                usageChunk(80, 17).replace("chatcmpl-mock", "chatcmpl-sdk")));
    }

    private static String geminiAnswer() {
        return """
                {"candidates":[{"content":{"role":"model","parts":[{"text":"Let me check."},
                   {"functionCall":{"id":"call_7","name":"get_weather","args":{"city":"Paris"}}}]},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":80,"candidatesTokenCount":17,"totalTokenCount":97},
                 "modelVersion":"gemini-2.5-flash","responseId":"sdk"}""";
    }

    private static MockReply geminiStream() {
        String head = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":";
        String tail = "\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":80,\"candidatesTokenCount\":17,"
                + "\"totalTokenCount\":97},\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"sdk\"}";
        return new MockReply.Stream(List.of(
                "data: " + head + "[{\"text\":\"Let me \"}]}," + tail + "\r\n\r\n",
                "data: " + head + "[{\"text\":\"check.\"}]}," + tail + "\r\n\r\n",
                "data: " + head + "[{\"functionCall\":{\"id\":\"call_7\",\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}}]},"
                        + "\"finishReason\":\"STOP\"," + tail + "\r\n\r\n"),
                Duration.ZERO, false);
    }

    @Test
    void aToolResultGoesBackToGeminiAsTheFunctionResponseOfItsCall() throws Exception {
        gateway.upstream.enqueue(MockReply.json(200, geminiAnswer()));
        ChatCompletion first = client().chat().completions().create(weatherQuestion("gem,gemini-2.5-flash").build());
        gateway.upstream.takeRequest(5, TimeUnit.SECONDS);

        ChatCompletionMessage assistant = first.choices().getFirst().message();
        gateway.upstream.enqueue(MockReply.json(200, """
                {"candidates":[{"content":{"role":"model","parts":[{"text":"Sunny, 18°C."}]},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":90,"candidatesTokenCount":5,"totalTokenCount":95},"responseId":"sdk2"}"""));
        ChatCompletion second = client().chat().completions().create(weatherQuestion("gem,gemini-2.5-flash")
                .addMessage(assistant)
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_7").content("18°C, sunny").build())
                .build());

        assertThat(second.choices().getFirst().message().content()).contains("Sunny, 18°C.");
        JsonNode contents = gateway.upstream.takeRequest(5, TimeUnit.SECONDS).body().get("contents");
        assertThat(contents.get(1).toString()).isEqualTo("{\"role\":\"model\",\"parts\":[{\"text\":\"Let me check.\"},"
                + "{\"functionCall\":{\"id\":\"call_7\",\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}}]}");
        assertThat(contents.get(2).toString()).isEqualTo("{\"role\":\"user\",\"parts\":[{\"functionResponse\":"
                + "{\"id\":\"call_7\",\"name\":\"get_weather\",\"response\":{\"output\":\"18°C, sunny\"}}}]}");
    }

    @Test
    void aJsonSchemaResponseFormatReachesAnOpenAiProviderAsTheClientWroteIt() throws Exception {
        gateway.upstream.enqueue(MockReply.json(200, OpenAiChunks.completion("{\"name\":\"Paris\"}", "stop", 20, 5)));

        ChatCompletion completion = client().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("mock,mock-model")
                .addUserMessage("Name a city.")
                .responseFormat(ResponseFormatJsonSchema.builder()
                        .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                                .name("city")
                                .strict(true)
                                .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                        .putAdditionalProperty("type", JsonValue.from("object"))
                                        .putAdditionalProperty("properties", JsonValue.from(Map.of("name", Map.of("type", "string"))))
                                        .putAdditionalProperty("required", JsonValue.from(List.of("name")))
                                        .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                                        .build())
                                .build())
                        .build())
                .build());

        assertThat(completion.choices().getFirst().message().content()).contains("{\"name\":\"Paris\"}");
        JsonNode format = gateway.upstream.takeRequest(5, TimeUnit.SECONDS).body().get("response_format");
        assertThat(format).isEqualTo(parse("""
                {"type":"json_schema","json_schema":{"name":"city","strict":true,"schema":{"type":"object",
                 "properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}}}"""));
    }

    @Test
    void aProvidersRateLimitIsTheSdksRateLimitExceptionWithRetryAfter() {
        gateway.upstream.enqueue(MockReply.json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}",
                Map.of("Retry-After", "7")));

        assertThatThrownBy(() -> client().chat().completions().create(weatherQuestion("mock,mock-model").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after")).containsExactly("7");
                    assertThat(e.type()).contains("rate_limit_error");
                    assertThat(e.getMessage()).contains("Rate limit reached");
                });
    }

    @Test
    void aGeminiErrorBeforeTheStreamIsTheSdksTypedExceptionWithItsStatus() {
        gateway.upstream.enqueue(MockReply.json(503, "{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}"));

        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions()
                    .createStreaming(weatherQuestion("gem,gemini-2.5-flash").build())) {
                stream.stream().forEach(chunk -> { });
            }
        }).isInstanceOfSatisfying(InternalServerException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.getMessage()).contains("The model is overloaded.");
        });
    }

    @Test
    void anErrorInTheMiddleOfAStreamIsThrownByTheSdkRatherThanEndingTheAnswer() {
        gateway.upstream.enqueue(MockReply.sseCut(List.of(roleChunk(), textChunk("Hello wor"))));

        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions()
                    .createStreaming(weatherQuestion("mock,mock-model").build())) {
                stream.stream().forEach(chunk -> { });
            }
        }).isInstanceOf(SseException.class).hasMessageContaining("before the response was complete");
    }

    @Test
    void moreThanOneChoiceIsABadRequest() {
        assertThatThrownBy(() -> client().chat().completions().create(weatherQuestion("mock,mock-model").n(2).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("n > 1 is not supported");
                });
        assertThat(gateway.upstream.received()).isEmpty();
    }

    @Test
    void theModelListNamesEveryConfiguredModelByTheNameThatRoutesToIt() {
        List<Model> models = client().models().list().data();

        assertThat(models).extracting(Model::id).containsExactly("mock,mock-model", "mock,Other-Model", "gem,gemini-2.5-flash");
        assertThat(models).extracting(Model::ownedBy).containsExactly("mock", "mock", "gem");
    }
}
