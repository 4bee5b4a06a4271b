package dev.conduit.server;

import static dev.conduit.testing.OpenAiChunks.completion;
import static dev.conduit.testing.OpenAiChunks.roleChunk;
import static dev.conduit.testing.OpenAiChunks.textChunk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.sse.SseEvent;
import dev.conduit.protocol.sse.SseParser;
import dev.conduit.testing.MockReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each upstream limit fires near its setting with its own error; a silent upstream gets pings. */
class UpstreamTimeoutsTest {

    private static final List<Socket> QUEUE_FILLERS = new ArrayList<>();
    /** A listener whose accept queue is full: connecting to it hangs, as to a dead host. */
    private static final ServerSocket BLACKHOLE = blackhole();

    /** One attempt per request, so each limit shows on its own (a connect timeout is otherwise retried). */
    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("""
            FIRST_BYTE_TIMEOUT_MS: 1500, STREAM_IDLE_TIMEOUT_MS: 1500, API_TIMEOUT_MS: 3000, PING_INTERVAL_MS: 400,
            """, """
            {name: 'blackhole', api_base_url: 'http://127.0.0.1:%d/v1/chat/completions', models: ['any'],
             connect_timeout_ms: 1000},
            """.formatted(BLACKHOLE.getLocalPort()), "{default: 'mock,mock-model', retry: {maxAttempts: 1}}");

    private static ServerSocket blackhole() {
        try {
            ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            for (int i = 0; i < 2; i++) {
                Socket filler = new Socket();
                filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort()), 1000);
                QUEUE_FILLERS.add(filler);
            }
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void closeBlackhole() throws IOException {
        for (Socket filler : QUEUE_FILLERS) {
            filler.close();
        }
        BLACKHOLE.close();
    }

    private static String request(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    private record Timed(HttpResponse<String> response, Duration took) {}

    private static Timed post(String body) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = gateway.postJson("/v1/messages", body);
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }

    private static List<SseEvent> events(String body) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, bytes.length);
        parser.finish();
        return events;
    }

    private static void assertNear(Duration took, long expectedMillis) {
        assertThat(took.toMillis()).isBetween(expectedMillis - 1000, expectedMillis + 1000);
    }

    @Test
    void anUpstreamThatNeverAnswersHitsTheFirstByteLimitWithA504() throws Exception {
        gateway.upstream.enqueue(new MockReply.Hang(List.of()));

        Timed timed = post(request("claude-sonnet-4-5", true));

        assertThat(timed.response().statusCode()).isEqualTo(504);
        assertThat(timed.response().body()).contains(
                "provider mock (model mock-model) sent nothing within 1500 ms (FIRST_BYTE_TIMEOUT_MS)");
        assertNear(timed.took(), 1500);
    }

    @Test
    void anUpstreamThatAnswersHeadersButNoTokensGetsPingsThenTheFirstByteError() throws Exception {
        gateway.upstream.enqueue(new MockReply.Stream(List.of("", "data: " + roleChunk() + "\n\n"), Duration.ofSeconds(5), false));

        Timed timed = post(request("claude-sonnet-4-5", true));

        List<SseEvent> events = events(timed.response().body());
        assertThat(timed.response().statusCode()).isEqualTo(200);
        assertThat(events.getFirst().event()).isEqualTo("message_start");
        assertThat(events.stream().filter(event -> event.event().equals("ping")).count()).isGreaterThanOrEqualTo(3);
        assertThat(events.getLast().event()).isEqualTo("error");
        assertThat(events.getLast().data()).contains("sent nothing within 1500 ms (FIRST_BYTE_TIMEOUT_MS)");
        assertNear(timed.took(), 1500);
    }

    @Test
    void anUpstreamThatFallsSilentMidAnswerHitsTheIdleLimitAfterPings() throws Exception {
        gateway.upstream.enqueue(new MockReply.Stream(
                List.of("data: " + roleChunk() + "\n\ndata: " + textChunk("Hel") + "\n\n", "data: " + textChunk("lo") + "\n\n"),
                Duration.ofSeconds(5), false));

        Timed timed = post(request("claude-sonnet-4-5", true));

        List<SseEvent> events = events(timed.response().body());
        List<String> names = events.stream().map(SseEvent::event).toList();
        int firstText = names.indexOf("content_block_delta");
        assertThat(Collections.frequency(names.subList(firstText, names.size()), "ping")).isGreaterThanOrEqualTo(2);
        assertThat(names).doesNotContain("message_stop");
        assertThat(events.getLast().event()).isEqualTo("error");
        assertThat(events.getLast().data()).contains(
                "\"type\":\"api_error\"", "went silent for 1500 ms mid-answer (STREAM_IDLE_TIMEOUT_MS)");
        assertNear(timed.took(), 1500);
    }

    @Test
    void aWholeAnswerWhoseBodyComesInPiecesArrivesWhole() throws Exception {
        gateway.upstream.enqueue(new MockReply.WholeInHalves(completion("Hello in two halves", "stop", 9, 4),
                Duration.ofMillis(300), false));

        Timed timed = post(request("claude-sonnet-4-5", false));

        assertThat(timed.response().statusCode()).isEqualTo(200);
        assertThat(timed.response().body()).contains("\"text\":\"Hello in two halves\"", "\"stop_reason\":\"end_turn\"");
    }

    @Test
    void aWholeAnswerThatFallsSilentMidBodyHitsTheIdleLimit() throws Exception {
        gateway.upstream.enqueue(new MockReply.WholeInHalves(completion("never finished", "stop", 9, 2),
                Duration.ofSeconds(5), false));

        Timed timed = post(request("claude-sonnet-4-5", false));

        assertThat(timed.response().statusCode()).isEqualTo(504);
        assertThat(timed.response().body()).contains(
                "provider mock (model mock-model) went silent for 1500 ms mid-answer (STREAM_IDLE_TIMEOUT_MS)");
        assertNear(timed.took(), 1500);
    }

    @Test
    void aWholeAnswerCutMidBodyIsABadGateway() throws Exception {
        gateway.upstream.enqueue(new MockReply.WholeInHalves(completion("cut short", "stop", 9, 2), Duration.ZERO, true));

        Timed timed = post(request("claude-sonnet-4-5", false));

        assertThat(timed.response().statusCode()).isEqualTo(502);
        assertThat(timed.response().body()).contains(
                "provider mock (model mock-model): the upstream stream broke before the response was complete");
    }

    @Test
    void aStreamThatRunsTooLongHitsTheTotalLimit() throws Exception {
        List<String> writes = new ArrayList<>();
        writes.add("data: " + roleChunk() + "\n\n");
        for (int i = 0; i < 30; i++) {
            writes.add("data: " + textChunk("word ") + "\n\n");
        }
        gateway.upstream.enqueue(new MockReply.Stream(writes, Duration.ofMillis(200), false));

        Timed timed = post(request("claude-sonnet-4-5", true));

        List<SseEvent> events = events(timed.response().body());
        assertThat(events.getLast().event()).isEqualTo("error");
        assertThat(events.getLast().data()).contains("did not finish within 3 s (API_TIMEOUT_MS)");
        assertNear(timed.took(), 3000);
    }

    @Test
    void aProviderThatCannotBeReachedHitsItsOwnConnectLimit() throws Exception {
        Timed timed = post(request("blackhole,any", false));

        assertThat(timed.response().statusCode()).isEqualTo(504);
        assertThat(timed.response().body()).contains("provider blackhole (model any): could not connect to 127.0.0.1:"
                + BLACKHOLE.getLocalPort() + " within 1 s (CONNECT_TIMEOUT_MS)");
        assertNear(timed.took(), 1000);
    }
}
