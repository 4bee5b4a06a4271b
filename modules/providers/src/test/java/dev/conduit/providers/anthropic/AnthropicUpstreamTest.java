package dev.conduit.providers.anthropic;

import static dev.conduit.providers.anthropic.AnthropicTestSupport.KEY;
import static dev.conduit.providers.anthropic.AnthropicTestSupport.TARGET;
import static dev.conduit.providers.anthropic.AnthropicTestSupport.json;
import static dev.conduit.providers.anthropic.AnthropicTestSupport.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.providers.RecordingSink;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.providers.ClientFormat;
import dev.conduit.providers.ClientLink;
import dev.conduit.providers.Inbound;
import dev.conduit.providers.UpstreamException;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.RecordedRequest;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Error statuses, the probe, and which providers speak Anthropic's API. */
class AnthropicUpstreamTest {

    private static final String BODY = "{\"model\":\"claude\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final MessagesRequest HUB = AnthropicRequestReader.read(json(BODY));
    private static final Inbound CLIENT = new Inbound(ClientFormat.ANTHROPIC, (ObjectNode) json(BODY), Map.of());

    private final AnthropicTestSupport support = new AnthropicTestSupport();

    @AfterEach
    void close() throws Exception {
        support.close();
    }

    private static String error(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"},"
                + "\"request_id\":\"req_011\"}";
    }

    @Test
    void aRateLimitKeepsItsStatusRetryAfterAndAnthropicsWords() {
        support.upstream.enqueue(MockReply.json(429, error("rate_limit_error",
                "Number of request tokens has exceeded your per-minute rate limit"), Map.of("retry-after", "17")));

        assertThatThrownBy(() -> support.adapter().complete(HUB, CLIENT, TARGET, ClientLink.DETACHED))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).contains("17");
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.RATE_LIMITED);
                    assertThat(e.getMessage()).isEqualTo("provider anthropic (model claude-sonnet-4-5) answered 429: "
                            + "Number of request tokens has exceeded your per-minute rate limit");
                });
    }

    @Test
    void overloadedStays529ForAStreamToo() {
        support.upstream.enqueue(MockReply.json(529, error("overloaded_error", "Overloaded")));

        assertThatThrownBy(() -> support.adapter().stream(HUB, CLIENT, TARGET, new RecordingSink()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.status()).isEqualTo(529);
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.STATUS_5XX);
                    assertThat(e.getMessage()).endsWith("answered 529: Overloaded");
                });
    }

    @Test
    void aRejectedKeyIsNotEchoed() {
        support.upstream.enqueue(MockReply.json(401, error("authentication_error", "invalid x-api-key " + KEY)));

        assertThatThrownBy(() -> support.adapter().complete(HUB, CLIENT, TARGET, ClientLink.DETACHED))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.AUTH);
                    assertThat(e.getMessage()).endsWith("answered 401: invalid x-api-key ****").doesNotContain(KEY);
                });
    }

    @Test
    void anAnswerThatIsNotJsonIsABadGateway() {
        support.upstream.enqueue(new MockReply.Whole(200, "text/html", "<html>maintenance</html>", Map.of()));

        assertThatThrownBy(() -> support.adapter().complete(HUB, CLIENT, TARGET, ClientLink.DETACHED))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BAD_RESPONSE);
                });
    }

    @Test
    void theProbeListsModelsBesideTheMessagesEndpoint() throws Exception {
        support.upstream.enqueue(MockReply.json(200, "{\"data\":[{\"type\":\"model\",\"id\":\"claude-sonnet-4-5\"}],\"has_more\":false}"));

        assertThat(support.adapter().probe()).isEmpty();

        RecordedRequest request = support.upstream.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/v1/models");
        assertThat(request.header("x-api-key")).isEqualTo(KEY);
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
    }

    @Test
    void aFailedProbeSaysWhy() {
        support.upstream.enqueue(MockReply.json(401, error("authentication_error", "invalid x-api-key")));

        assertThat(support.adapter().probe()).contains("answered 401: invalid x-api-key");
    }

    @Test
    void theModelsEndpointIsFoundFromTheMessagesEndpoint() {
        assertThat(AnthropicAdapter.models(URI.create("https://api.anthropic.com/v1/messages")))
                .isEqualTo(URI.create("https://api.anthropic.com/v1/models"));
        assertThat(AnthropicAdapter.models(URI.create("https://proxy.example.com:8443/anthropic/v1/messages")))
                .isEqualTo(URI.create("https://proxy.example.com:8443/anthropic/v1/models"));
        assertThat(AnthropicAdapter.models(URI.create("https://proxy.example.com/custom")))
                .isEqualTo(URI.create("https://proxy.example.com/v1/models"));
    }

    @Test
    void aProviderSpeaksAnthropicsApiByTransformerOrByAnthropicsHost() {
        assertThat(AnthropicAdapter.handles(provider("https://proxy.example.com/v1/messages", "{\"use\":[\"Anthropic\"]}"))).isTrue();
        assertThat(AnthropicAdapter.handles(provider("https://proxy.example.com/v1/messages", "{\"use\":[\"anthropic\"]}"))).isTrue();
        assertThat(AnthropicAdapter.handles(provider("https://proxy.example.com/v1/messages",
                "{\"use\":[[\"Anthropic\",{\"UseBearer\":true}]]}"))).isTrue();
        assertThat(AnthropicAdapter.handles(provider("https://api.anthropic.com/v1/messages", null))).isTrue();
        assertThat(AnthropicAdapter.handles(provider("https://API.Anthropic.com/v1/messages", "{\"use\":[]}"))).isTrue();

        assertThat(AnthropicAdapter.handles(provider("https://api.anthropic.com/v1/chat/completions", null)))
                .as("Anthropic's OpenAI-compatible endpoint").isFalse();
        assertThat(AnthropicAdapter.handles(provider("https://openrouter.ai/api/v1/chat/completions",
                "{\"use\":[\"openrouter\"]}"))).isFalse();
        assertThat(AnthropicAdapter.handles(provider("https://api.anthropic.com.evil.example/v1/messages", null))).isFalse();
    }
}
