package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.RouteTarget;
import dev.conduit.routing.CircuitState;
import dev.conduit.routing.TargetStats;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.OpenAiChunks;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Circuit breakers, key rotation and balanced routes through a real worker. {@code default} is
 * {@code mock-model} with {@code Other-Model} as its fallback; {@code background} (Claude Haiku
 * requests) is weighted 3:1; {@code webSearch} goes to the faster of two targets.
 */
class BreakersAndBalancingTest {

    private static final RouteTarget MOCK_MODEL = new RouteTarget("mock", "mock-model");

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("", """
            {name: 'keyed', api_base_url: '{upstream}', api_key: ['sk-key-one', 'sk-key-two'], models: ['keyed-model']},
            {name: 'benched', api_base_url: '{upstream}', api_key: ['sk-bench-one', 'sk-bench-two'], models: ['bench-model']},
            """, """
            {default: 'mock,mock-model', fallback: {default: ['mock,Other-Model']},
             background: {targets: ['mock,heavy-model', 'mock,light-model'], weights: [3, 1]},
             webSearch: {targets: ['mock,slow-model', 'mock,fast-model'], strategy: 'least-latency'},
             breaker: {cooldownSeconds: 2}}""");

    @BeforeEach
    void closeBreaker() {
        gateway.worker.failover().breakers().closeBreaker(MOCK_MODEL);
    }

    private static HttpResponse<String> post(String model) throws Exception {
        return post(model, "");
    }

    private static HttpResponse<String> post(String model, String fields) throws Exception {
        HttpResponse<String> response = gateway.postJson("/v1/messages", "{\"model\":\"" + model + "\",\"max_tokens\":64,"
                + fields + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static List<String> upstreamModels() {
        return gateway.upstream.received().stream().map(received -> received.body().get("model").stringValue()).toList();
    }

    private static List<String> upstreamKeys() {
        return gateway.upstream.received().stream().map(received -> received.header("authorization")).toList();
    }

    private static CircuitState breaker() {
        return gateway.worker.failover().breakers().state(MOCK_MODEL);
    }

    private static TargetStats stats(RouteTarget target) {
        return gateway.worker.failover().stats(target);
    }

    @Test
    void fiveFailuresOpenTheBreakerThenRequestsSkipTheTargetUntilAProbeSucceeds() throws Exception {
        gateway.upstream.failNext("mock-model", 5, MockReply.error(503, null));
        long fallbacksBefore = stats(MOCK_MODEL).fallbacks();
        for (int i = 0; i < 5; i++) {
            post("claude-sonnet-4-5");
        }
        assertThat(breaker()).isEqualTo(CircuitState.OPEN);
        assertThat(stats(MOCK_MODEL).fallbacks() - fallbacksBefore).isEqualTo(5);
        assertThat(metrics()).contains("conduit_breaker_state{model=\"mock-model\",provider=\"mock\"} 2.0");

        gateway.upstream.reset();
        post("claude-sonnet-4-5");
        assertThat(upstreamModels()).as("the open target is skipped").containsExactly("Other-Model");

        awaitBreaker(CircuitState.HALF_OPEN, Duration.ofSeconds(10));
        gateway.upstream.reset();
        post("claude-sonnet-4-5");

        assertThat(upstreamModels()).as("the probe").containsExactly("mock-model");
        assertThat(breaker()).isEqualTo(CircuitState.CLOSED);
        assertThat(metrics()).contains("conduit_breaker_state{model=\"mock-model\",provider=\"mock\"} 0.0")
                .contains("conduit_upstream_attempts_total{model=\"mock-model\",outcome=\"error\",provider=\"mock\"}");
    }

    @Test
    void aRoutesOnlyTargetIsTriedEvenWithItsBreakerOpen() throws Exception {
        gateway.worker.failover().breakers().openBreaker(MOCK_MODEL);

        post("mock,mock-model");
        post("claude-sonnet-4-5");

        assertThat(upstreamModels()).containsExactly("mock-model", "Other-Model");
    }

    @Test
    void aProvidersKeysTakeTurns() throws Exception {
        for (int i = 0; i < 4; i++) {
            post("keyed,keyed-model");
        }

        List<String> keys = upstreamKeys();
        assertThat(keys).containsOnly("Bearer sk-key-one", "Bearer sk-key-two");
        for (int i = 1; i < keys.size(); i++) {
            assertThat(keys.get(i)).as("request " + i).isNotEqualTo(keys.get(i - 1));
        }
    }

    @Test
    void aKeyRefusedWith401IsBenchedAndTheRequestSucceedsWithTheNext() throws Exception {
        gateway.upstream.failNext("bench-model", 1, MockReply.error(401, null));

        post("benched,bench-model");
        List<String> firstTwo = upstreamKeys();
        post("benched,bench-model");
        post("benched,bench-model");

        assertThat(firstTwo).hasSize(2).doesNotHaveDuplicates();
        assertThat(upstreamKeys().subList(1, 4)).as("only the good key from then on").containsOnly(firstTwo.get(1));
    }

    @Test
    void aWeightedRouteSpreadsRequestsByWeight() throws Exception {
        for (int i = 0; i < 200; i++) {
            post("claude-3-5-haiku-latest");
        }

        Map<String, Long> counts = upstreamModels().stream().collect(Collectors.groupingBy(Function.identity(),
                Collectors.counting()));
        assertThat(counts).containsOnlyKeys("heavy-model", "light-model");
        // 3:1 over 200 requests: 150 expected, 6 the standard deviation
        assertThat(counts.get("heavy-model")).isBetween(130L, 170L);
    }

    @Test
    void aLeastLatencyRoutePrefersTheFasterTarget() throws Exception {
        gateway.upstream.answerWith(request -> {
            MockReply answer = MockReply.json(200, OpenAiChunks.completion("Found it.", "stop", 10, 3));
            return request.body().get("model").stringValue().equals("slow-model")
                    ? new MockReply.Delayed(Duration.ofMillis(200), answer) : answer;
        });
        String search = "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}],";

        for (int i = 0; i < 30; i++) {
            post("claude-sonnet-4-5", search);
        }

        List<String> models = upstreamModels();
        assertThat(models.subList(0, 2)).as("each target once first").containsExactly("slow-model", "fast-model");
        assertThat(models.stream().filter("fast-model"::equals).count()).isGreaterThanOrEqualTo(22);
        assertThat(stats(new RouteTarget("mock", "fast-model")).timeToFirstByteMillis())
                .isLessThan(stats(new RouteTarget("mock", "slow-model")).timeToFirstByteMillis());
    }

    private static void awaitBreaker(CircuitState wanted, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (breaker() != wanted) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the breaker is " + breaker() + ", not " + wanted + ", after " + deadline);
            }
            Thread.sleep(20);
        }
    }

    private static String metrics() throws Exception {
        return gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/metrics")).build()).body();
    }
}
