package dev.conduit.server;

import static dev.conduit.testing.OpenAiChunks.roleChunk;
import static dev.conduit.testing.OpenAiChunks.textChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.conduit.testing.MockReply;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a client sees when the provider fails: the right status, envelope and words, no secret. */
class UpstreamFailureTest {

    /** One attempt per request, so each failure reaches the client as the upstream gave it (see FailoverTest). */
    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("", "", "{default: 'mock,mock-model', retry: {maxAttempts: 1}}");

    private static AnthropicClient client() {
        return gateway.anthropic();
    }

    private static MessageCreateParams request() {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(64).addUserMessage("hi").build();
    }

    private static String streamBody() {
        return """
                {"model":"claude-sonnet-4-5","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hi"}]}""";
    }

    @Test
    void anUpstream500IsA500ApiErrorNamingProviderAndModel() {
        gateway.upstream.enqueue(MockReply.json(500, "{\"error\":{\"message\":\"backend exploded\",\"type\":\"server_error\"}}"));

        assertThatThrownBy(() -> client().messages().create(request()))
                .isInstanceOfSatisfying(InternalServerException.class, error -> {
                    assertThat(error.statusCode()).isEqualTo(500);
                    assertThat(error.type()).contains(ErrorType.API_ERROR);
                    assertThat(error.apiMessage()).contains("provider mock (model mock-model) answered 500: backend exploded");
                });
    }

    @Test
    void anUpstream429KeepsItsStatusAndRetryAfter() {
        gateway.upstream.enqueue(MockReply.json(429, "{\"error\":{\"message\":\"slow down\"}}", Map.of("Retry-After", "7")));

        assertThatThrownBy(() -> client().messages().create(request()))
                .isInstanceOfSatisfying(RateLimitException.class, error -> {
                    assertThat(error.headers().values("retry-after")).containsExactly("7");
                    assertThat(error.type()).contains(ErrorType.RATE_LIMIT_ERROR);
                    assertThat(error.apiMessage().orElseThrow()).endsWith("answered 429: slow down");
                });
    }

    @Test
    void anUpstreamThatEchoesTheKeyNeverShowsItToTheClient() {
        gateway.upstream.enqueue(MockReply.json(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + RunningGateway.UPSTREAM_KEY + ".\"}}"));

        assertThatThrownBy(() -> client().messages().create(request()))
                .isInstanceOfSatisfying(AnthropicServiceException.class, error -> {
                    assertThat(error.statusCode()).isEqualTo(401);
                    assertThat(error.body().toString()).doesNotContain(RunningGateway.UPSTREAM_KEY).contains("****");
                });
    }

    @Test
    void anErrorBeforeTheFirstStreamedByteIsAnHttpErrorNotAStream() throws Exception {
        gateway.upstream.enqueue(MockReply.json(503, "{\"error\":{\"message\":\"overloaded\"}}", Map.of("Retry-After", "2")));

        HttpResponse<String> response = gateway.postJson("/v1/messages", streamBody());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after")).contains("2");
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"provider mock (model mock-model) answered 503: overloaded\"}}");
    }

    @Test
    void aStreamCutMidWayEndsWithAnErrorEventAndNeverWithMessageStop() throws Exception {
        gateway.upstream.enqueue(MockReply.sseCut(List.of(roleChunk(), textChunk("Hello"), textChunk(" wor"))));

        HttpResponse<String> response = gateway.postJson("/v1/messages", streamBody());

        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        assertThat(body).contains("\"text\":\"Hello\"").contains("\"text\":\" wor\"");
        assertThat(body).doesNotContain("message_stop").doesNotContain("message_delta");
        assertThat(body.strip()).endsWith("""
                event: error
                data: {"type":"error","error":{"type":"api_error","message":"provider mock (model mock-model): \
                the upstream stream broke before the response was complete"}}""");
    }

    @Test
    void theSdkReportsACutStreamAsAnError() {
        gateway.upstream.enqueue(MockReply.sseCut(List.of(roleChunk(), textChunk("Hello"))));

        assertThatThrownBy(() -> {
            try (StreamResponse<RawMessageStreamEvent> stream = client().messages().createStreaming(request())) {
                stream.stream().forEach(event -> { });
            }
        }).hasMessageContaining("the upstream stream broke");
    }

    @Test
    void anUnreachableProviderIsA502SayingSo() throws Exception {
        try (RunningGateway closed = RunningGateway.start("")) {
            int port = closed.upstream.chatCompletionsUrl().getPort();
            closed.upstream.close();

            HttpResponse<String> response = closed.postJson("/v1/messages", """
                    {"model":"x","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""");

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":"
                    + "\"provider mock (model mock-model): connection refused by 127.0.0.1:" + port + "\"}}");
        }
    }

    @Test
    void aFirstEventThatIsNotJsonIsA502InTheClientsEnvelope() throws Exception {
        gateway.upstream.enqueue(new MockReply.Stream(List.of("data: <html>oops</html>\n\n"), java.time.Duration.ZERO, false));

        HttpResponse<String> response = gateway.postJson("/v1/messages", streamBody());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":"
                + "\"provider mock (model mock-model) answered with a malformed event stream\"}}");
    }

    @Test
    void aStreamThatEndsBeforeItsFirstEventIsA502() throws Exception {
        gateway.upstream.enqueue(new MockReply.Stream(List.of(": keep-alive\n\n"), java.time.Duration.ZERO, false));

        HttpResponse<String> response = gateway.postJson("/v1/messages", streamBody());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("ended its stream without sending an event");
    }
}
