package dev.conduit.server;

import static dev.conduit.testing.OpenAiChunks.roleChunk;
import static dev.conduit.testing.OpenAiChunks.textChunk;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.conduit.config.RouteTarget;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.MockUpstream;
import dev.conduit.testing.OpenAiChunks;
import dev.conduit.testing.RawConnection;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fallbacks and retries through a real worker: what is tried again, where, after how long, and
 * what never is. The route {@code default} is {@code mock-model} with {@code Other-Model} as its
 * fallback; {@code think} goes to a second upstream that can refuse connections.
 */
class FailoverTest {

    private static final MockUpstream SPARE = new MockUpstream();
    private static final RouteTarget MOCK_MODEL = new RouteTarget("mock", "mock-model");

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("", """
            {name: 'spare', api_base_url: '%s', api_key: 'sk-spare', models: ['spare-model']},
            """.formatted(SPARE.chatCompletionsUrl()), """
            {default: 'mock,mock-model', think: 'spare,spare-model',
             fallback: {default: ['mock,Other-Model'], think: ['mock,Other-Model']},
             retry: {backoffMs: 50, maxBackoffMs: 100}}""");

    @BeforeEach
    void closeBreakers() {
        gateway.worker.failover().breakers().closeBreaker(MOCK_MODEL);
        SPARE.reset();
    }

    @AfterAll
    static void stopSpare() throws Exception {
        SPARE.close();
    }

    private static String request(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    private static HttpResponse<String> post(String model, boolean stream) throws Exception {
        return gateway.postJson("/v1/messages", request(model, stream));
    }

    private static List<String> upstreamModels() {
        return gateway.upstream.received().stream().map(received -> received.body().get("model").stringValue()).toList();
    }

    @Test
    void a503BeforeAnyByteSendsTheRequestToTheNextTarget() throws Exception {
        gateway.upstream.failNext("mock-model", 1, MockReply.error(503, null));

        HttpResponse<String> response = post("claude-sonnet-4-5", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Hello from the mock upstream.");
        assertThat(upstreamModels()).containsExactly("mock-model", "Other-Model");
    }

    @Test
    void theAnthropicSdkStreamsTheFallbacksAnswerAsIfNothingHappened() throws Exception {
        gateway.upstream.failNext("mock-model", 1, MockReply.error(529, null));
        gateway.upstream.enqueue(MockReply.sse(OpenAiChunks.textStream("Saved by the fallback.", 12, 5)));
        MessageAccumulator accumulator = MessageAccumulator.create();

        try (StreamResponse<RawMessageStreamEvent> stream = gateway.anthropic().messages().createStreaming(
                MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(64).addUserMessage("hi").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        assertThat(message.content().getFirst().asText().text()).isEqualTo("Saved by the fallback.");
        assertThat(upstreamModels()).containsExactly("mock-model", "Other-Model");
    }

    @Test
    void aStreamingClientSeesOnlyTheStreamOfTheAttemptThatAnswered() throws Exception {
        gateway.upstream.failNext("mock-model", 1, MockReply.error(503, "0"));
        gateway.upstream.enqueue(MockReply.sse(OpenAiChunks.textStream("Second time lucky.", 12, 5)));

        HttpResponse<String> response = post("claude-sonnet-4-5", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        assertThat(response.body()).startsWith("event: message_start");
        assertThat(response.body().split("event: message_start", -1)).hasSize(2);
        assertThat(response.body()).contains("\"text\":\"lucky.\"").contains("event: message_stop");
        assertThat(upstreamModels()).containsExactly("mock-model", "Other-Model");
    }

    @Test
    void aSingleTargetIsTriedAgainAfterTheRetryAfterItAskedFor() throws Exception {
        gateway.upstream.failNext(1, MockReply.error(429, "1"));
        long start = System.nanoTime();

        HttpResponse<String> response = post("mock,mock-model", false);

        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upstreamModels()).containsExactly("mock-model", "mock-model");
        assertThat(tookMillis).isBetween(1000L, 5000L);
    }

    @Test
    void aRetryAfterOverAMinuteIsAnsweredAtOnceWith429AndTheWait() throws Exception {
        gateway.upstream.failNext(1, MockReply.error(503, "120"));
        long start = System.nanoTime();

        HttpResponse<String> response = post("mock,mock-model", false);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).contains("120");
        assertThat(response.body()).contains("rate_limit_error").contains("retry after 120 s");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("no wait").isLessThan(5000);
        assertThat(upstreamModels()).hasSize(1);
    }

    @Test
    void aRequestMakesThreeUpstreamAttemptsAtMost() throws Exception {
        gateway.upstream.failNext(10, MockReply.error(503, null));

        HttpResponse<String> response = post("claude-sonnet-4-5", false);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("answered 503");
        assertThat(upstreamModels()).containsExactly("mock-model", "Other-Model", "Other-Model");
    }

    @Test
    void clientErrorsAndAuthFailuresReturnAtOnce() throws Exception {
        for (int status : new int[] {400, 401, 403, 404}) {
            gateway.upstream.reset();
            gateway.upstream.failNext(1, MockReply.error(status, null));

            HttpResponse<String> response = post("claude-sonnet-4-5", false);

            assertThat(response.statusCode()).as("status").isEqualTo(status);
            assertThat(upstreamModels()).as("attempts after a " + status).containsExactly("mock-model");
        }
    }

    @Test
    void aStreamThatBreaksAfterItsFirstEventIsNeverTriedAgain() throws Exception {
        gateway.upstream.failNext("mock-model", 1, MockReply.sseCut(List.of(roleChunk(), textChunk("Half an"))));

        HttpResponse<String> response = post("claude-sonnet-4-5", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Half an").contains("event: error").doesNotContain("message_stop");
        assertThat(upstreamModels()).containsExactly("mock-model");
    }

    @Test
    void aConnectionDroppedAfterTheRequestWentOutIsNotTriedAgain() throws Exception {
        gateway.upstream.failNext("mock-model", 1, new MockReply.Reset());

        HttpResponse<String> response = post("claude-sonnet-4-5", false);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(upstreamModels()).containsExactly("mock-model");
    }

    @Test
    void aRefusedConnectionGoesToTheFallbackAndTheProviderIsUsedAgainOnceItListens() throws Exception {
        SPARE.refuseConnections();
        String thinking = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":2048,\"thinking\":{\"type\":\"enabled\","
                + "\"budget_tokens\":1024},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        HttpResponse<String> refused = gateway.postJson("/v1/messages", thinking);
        SPARE.acceptConnections();
        HttpResponse<String> accepted = gateway.postJson("/v1/messages", thinking);

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(upstreamModels()).containsExactly("Other-Model");
        assertThat(SPARE.received()).singleElement().satisfies(request ->
                assertThat(request.body().get("model").stringValue()).isEqualTo("spare-model"));
    }

    @Test
    void aClientThatLeavesDuringTheWaitEndsItsRequestAtOnce() throws Exception {
        gateway.upstream.failNext(1, MockReply.error(429, "30"));

        try (RawConnection client = new RawConnection(gateway.worker.port())) {
            client.post("/v1/messages", request("mock,mock-model", false));
            gateway.upstream.takeRequest(10, TimeUnit.SECONDS);
        }

        awaitNoRequestInFlight(Duration.ofSeconds(2));
        assertThat(upstreamModels()).hasSize(1);
    }

    @Test
    void theDrainDeadlineEndsAWaitForARetry() throws Exception {
        try (RunningGateway draining = RunningGateway.start("")) {
            draining.upstream.failNext(1, MockReply.error(503, "30"));
            long start = System.nanoTime();
            CompletableFuture<HttpResponse<String>> response = CompletableFuture.supplyAsync(() -> {
                try {
                    return draining.postJson("/v1/messages", request("mock,mock-model", false));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            draining.upstream.takeRequest(10, TimeUnit.SECONDS);

            draining.worker.drainAndStop(Duration.ofMillis(200));

            HttpResponse<String> answer = response.get(5, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("server is restarting");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
            assertThat(draining.upstream.received()).hasSize(1);
        }
    }

    private static void awaitNoRequestInFlight(Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (gateway.worker.connections().requestsInFlight() > 0) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the request still waits " + deadline + " after its client left");
            }
            Thread.sleep(20);
        }
    }
}
