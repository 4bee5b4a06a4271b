package dev.conduit.providers.gemini;

import static dev.conduit.providers.gemini.GeminiTestSupport.chunk;
import static dev.conduit.providers.gemini.GeminiTestSupport.eventJson;
import static dev.conduit.providers.gemini.GeminiTestSupport.json;
import static dev.conduit.providers.gemini.GeminiTestSupport.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.providers.RecordingSink;
import dev.conduit.config.ProviderConfig;
import dev.conduit.config.ProviderType;
import dev.conduit.config.RouteTarget;
import dev.conduit.config.Secret;
import dev.conduit.config.TransformerSettings;
import dev.conduit.config.UpstreamTimeouts;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.Json;
import dev.conduit.providers.Answer;
import dev.conduit.providers.ClientFormat;
import dev.conduit.providers.ClientLink;
import dev.conduit.providers.Inbound;
import dev.conduit.providers.UpstreamException;
import dev.conduit.providers.upstream.KeepAlive;
import dev.conduit.providers.upstream.Pacing;
import dev.conduit.providers.upstream.Redactor;
import dev.conduit.providers.upstream.UpstreamClient;
import dev.conduit.providers.upstream.UpstreamResources;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.MockUpstream;
import dev.conduit.testing.RecordedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The adapter against a real HTTP server playing Gemini. */
class GeminiAdapterTest {

    private static final String KEY = "AIzaSyTestKey000000000000000000000000";
    private static final MessagesRequest HELLO = messages("[{\"role\":\"user\",\"content\":\"Hello\"}]");
    private static final RouteTarget TARGET = new RouteTarget("gem", "gemini-2.5-flash");
    private static final Inbound ANTHROPIC_CLIENT = new Inbound(ClientFormat.ANTHROPIC, Json.MAPPER.createObjectNode(), Map.of());

    private final MockUpstream upstream = new MockUpstream();
    private final UpstreamResources resources = new UpstreamResources();
    private final UpstreamClient client = new UpstreamClient(UpstreamTimeouts.DEFAULTS, Optional.empty(), "conduit-test",
            resources, new Pacing(Duration.ofMillis(50), Duration.ofMillis(50)));

    private GeminiAdapter adapter(String base) {
        ProviderConfig provider = new ProviderConfig("gem", URI.create(base), List.of(new Secret(KEY)),
                List.of("gemini-2.5-flash"), json("{\"use\":[\"gemini\"]}"));
        return new GeminiAdapter(provider, client, new Redactor(List.of(new Secret(KEY))), new KeepAlive(Duration.ofSeconds(30)));
    }

    private String origin() {
        URI mock = upstream.chatCompletionsUrl();
        return "http://127.0.0.1:" + mock.getPort();
    }

    private static MockReply sse(String... chunks) {
        return new MockReply.Stream(Arrays.stream(chunks).map(chunk -> "data: " + chunk + "\r\n\r\n").toList(),
                Duration.ZERO, false);
    }

    private RecordedRequest received() throws InterruptedException {
        return upstream.takeRequest(5, TimeUnit.SECONDS);
    }

    @Test
    void streamsFromTheStreamEndpointWithTheKeyInTheHeaderOnly() throws Exception {
        upstream.enqueue(sse(chunk("[{\"text\":\"Hi \"}]", null), chunk("[{\"text\":\"there\"}]", "STOP")));
        RecordingSink sink = new RecordingSink();

        adapter(origin() + "/v1beta/models/").stream(HELLO, ANTHROPIC_CLIENT, TARGET, sink);

        RecordedRequest request = received();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(request.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(request.header("authorization")).isNull();
        assertThat(request.header("accept")).isEqualTo("text/event-stream");
        assertThat(request.body()).isEqualTo(json("""
                {"contents":[{"role":"user","parts":[{"text":"Hello"}]}],"generationConfig":{"maxOutputTokens":1024}}"""));
        assertThat(eventJson(sink.sent())).containsExactly(
                GeminiStreamTranslatorTest.START, GeminiStreamTranslatorTest.PING,
                GeminiStreamTranslatorTest.blockStart(0, GeminiStreamTranslatorTest.TEXT),
                GeminiStreamTranslatorTest.delta(0, "{\"type\":\"text_delta\",\"text\":\"Hi \"}"),
                GeminiStreamTranslatorTest.delta(0, "{\"type\":\"text_delta\",\"text\":\"there\"}"),
                GeminiStreamTranslatorTest.blockStop(0),
                GeminiStreamTranslatorTest.messageDelta("end_turn", 40, 0, 5),
                GeminiStreamTranslatorTest.STOP);
        assertThat(sink.flushed).as("everything flushed").isEqualTo(sink.written.size());
    }

    @Test
    void completesFromTheGenerateEndpointWhateverTheBasesTrailingSlash() throws Exception {
        upstream.enqueue(MockReply.json(200, chunk("[{\"text\":\"Whole.\"}]", "STOP")));

        MessagesResponse response = ((Answer.Translated) adapter(origin() + "/v1beta/models")
                .complete(HELLO, ANTHROPIC_CLIENT, TARGET, ClientLink.DETACHED)).response();

        RecordedRequest request = received();
        assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(request.path()).doesNotContain(KEY);
        assertThat(request.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(response.content()).containsExactly(new ContentBlock.Text("Whole."));
        assertThat(response.id()).isEqualTo("msg_resp-1");
    }

    @Test
    void anErrorStatusIsKeptWithGeminisRetryDelayAndNoKey() {
        upstream.enqueue(MockReply.json(429, """
                {"error":{"code":429,"message":"Quota exceeded for key AIzaSyTestKey000000000000000000000000.",
                 "status":"RESOURCE_EXHAUSTED","details":[
                   {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[]},
                   {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37.2s"}]}}"""));

        assertThatThrownBy(() -> adapter(origin() + "/v1beta/models/").stream(HELLO, ANTHROPIC_CLIENT, TARGET, new RecordingSink()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).contains("38");
                    assertThat(e.getMessage()).isEqualTo(
                            "provider gem (model gemini-2.5-flash) answered 429: Quota exceeded for key ****.");
                });
    }

    @Test
    void aRetryAfterHeaderWinsAndArrayWrappedErrorsAreRead() {
        upstream.enqueue(MockReply.json(503, "[{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\","
                + "\"status\":\"UNAVAILABLE\"}}]", Map.of("Retry-After", "5")));

        assertThatThrownBy(() -> adapter(origin() + "/v1beta/models/").complete(HELLO, ANTHROPIC_CLIENT, TARGET, ClientLink.DETACHED))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.retryAfter()).contains("5");
                    assertThat(e.getMessage()).endsWith("answered 503: The model is overloaded.");
                });
    }

    @Test
    void anErrorInsideTheStreamBeforeAnyEventFailsTheRequestWithItsCode() {
        upstream.enqueue(sse("{\"error\":{\"code\":500,\"message\":\"Internal error encountered.\",\"status\":\"INTERNAL\"}}"));

        assertThatThrownBy(() -> adapter(origin() + "/v1beta/models/").stream(HELLO, ANTHROPIC_CLIENT, TARGET, new RecordingSink()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.getMessage()).isEqualTo(
                            "provider gem (model gemini-2.5-flash) reported an error: Internal error encountered.");
                });
    }

    @Test
    void aStreamCutMidAnswerEndsWithAnInBandError() throws Exception {
        upstream.enqueue(new MockReply.Stream(List.of("data: " + chunk("[{\"text\":\"Half\"}]", null) + "\r\n\r\n"),
                Duration.ZERO, true));
        RecordingSink sink = new RecordingSink();

        adapter(origin() + "/v1beta/models/").stream(HELLO, ANTHROPIC_CLIENT, TARGET, sink);

        assertThat(sink.sent().getLast()).isInstanceOf(StreamEvent.Error.class);
        assertThat(sink.sent()).noneMatch(StreamEvent.MessageStop.class::isInstance);
    }

    @Test
    void anErrorInsideTheStreamAfterContentEndsItInBand() throws Exception {
        upstream.enqueue(sse(chunk("[{\"text\":\"Part\"}]", null),
                "{\"error\":{\"code\":429,\"message\":\"Resource exhausted.\",\"status\":\"RESOURCE_EXHAUSTED\"}}"));
        RecordingSink sink = new RecordingSink();

        adapter(origin() + "/v1beta/models/").stream(HELLO, ANTHROPIC_CLIENT, TARGET, sink);

        assertThat(eventJson(sink.sent()).getLast()).isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                + "\"message\":\"provider gem (model gemini-2.5-flash) reported an error: Resource exhausted.\"}}");
    }

    @Test
    void aServerThatIgnoresAltSseIsReplayedFromItsJsonArray() throws Exception {
        upstream.enqueue(MockReply.json(200, "[" + chunk("[{\"text\":\"A\"}]", null) + ","
                + chunk("[{\"text\":\"B\"}]", "STOP") + "]"));
        RecordingSink sink = new RecordingSink();

        adapter(origin() + "/v1beta/models/").stream(HELLO, ANTHROPIC_CLIENT, TARGET, sink);

        assertThat(eventJson(sink.sent())).containsExactly(
                GeminiStreamTranslatorTest.START, GeminiStreamTranslatorTest.PING,
                GeminiStreamTranslatorTest.blockStart(0, GeminiStreamTranslatorTest.TEXT),
                GeminiStreamTranslatorTest.delta(0, "{\"type\":\"text_delta\",\"text\":\"A\"}"),
                GeminiStreamTranslatorTest.delta(0, "{\"type\":\"text_delta\",\"text\":\"B\"}"),
                GeminiStreamTranslatorTest.blockStop(0),
                GeminiStreamTranslatorTest.messageDelta("end_turn", 40, 0, 5),
                GeminiStreamTranslatorTest.STOP);
    }

    @Test
    void theAdapterIsChosenByTheTransformersUseList() {
        assertThat(GeminiAdapter.handles(provider("{\"use\":[\"gemini\"]}"))).isTrue();
        assertThat(GeminiAdapter.handles(provider("{\"use\":[\"Gemini\",\"tooluse\"]}"))).isTrue();
        assertThat(GeminiAdapter.handles(provider("{\"use\":[[\"gemini\",{\"x\":1}]]}"))).isTrue();
        assertThat(GeminiAdapter.handles(provider("{\"use\":[\"openrouter\"]}"))).isFalse();
        assertThat(GeminiAdapter.handles(provider("{\"gemini-2.5-pro\":{\"use\":[\"gemini\"]}}"))).isFalse();
        assertThat(GeminiAdapter.handles(new ProviderConfig("p", URI.create("http://x/"), List.of(), List.of(), null))).isFalse();
    }

    @Test
    void anExplicitTypeDecidesWhateverTheTransformersSay() {
        ProviderConfig typedGemini = new ProviderConfig("p", URI.create("http://x/"), List.of(), List.of(), null,
                UpstreamTimeouts.DEFAULTS, Optional.empty(), Optional.of(ProviderType.GEMINI), TransformerSettings.NONE);
        ProviderConfig typedOpenAi = new ProviderConfig("p", URI.create("http://x/"), List.of(), List.of(),
                json("{\"use\":[\"gemini\"]}"), UpstreamTimeouts.DEFAULTS, Optional.empty(),
                Optional.of(ProviderType.OPENAI), TransformerSettings.NONE);

        assertThat(GeminiAdapter.handles(typedGemini)).isTrue();
        assertThat(GeminiAdapter.handles(typedOpenAi)).isFalse();
    }

    private static ProviderConfig provider(String transformer) {
        return new ProviderConfig("p", URI.create("http://x/"), List.of(), List.of(), json(transformer));
    }
}
