package dev.conduit.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.RunningGateway;
import dev.conduit.testing.MockReply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * However a provider's byte stream is cut into reads — inside a UTF-8 character, inside
 * {@code data:}, between CR and LF — the client gets exactly what it gets from the stream in one
 * piece. Each try runs through the real gateway, the mock writing and flushing every piece on its
 * own.
 */
class ConformanceChunkingProperties {

    /** One recorded upstream stream, one client API. */
    enum Route {
        OPENAI_TO_ANTHROPIC(RecordedStreams.OPENAI, "/v1/messages",
                "{\"model\":\"mock,mock-model\",\"max_tokens\":1024,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Go\"}]}"),
        OPENAI_TO_OPENAI(RecordedStreams.OPENAI, "/v1/chat/completions",
                "{\"model\":\"mock,mock-model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Go\"}]}"),
        GEMINI_TO_ANTHROPIC(RecordedStreams.GEMINI, "/v1/messages",
                "{\"model\":\"gem,gemini-2.5-flash\",\"max_tokens\":1024,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Go\"}]}"),
        GEMINI_TO_OPENAI(RecordedStreams.GEMINI, "/v1/chat/completions",
                "{\"model\":\"gem,gemini-2.5-flash\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Go\"}]}"),
        ANTHROPIC_TO_ANTHROPIC(RecordedStreams.ANTHROPIC, "/v1/messages",
                "{\"model\":\"claude,claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Go\"}]}"),
        ANTHROPIC_TO_OPENAI(RecordedStreams.ANTHROPIC, "/v1/chat/completions",
                "{\"model\":\"claude,claude-sonnet-4-5\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Go\"}]}");

        final byte[] upstream;
        final String path;
        final String body;

        Route(byte[] upstream, String path, String body) {
            this.upstream = upstream;
            this.path = path;
            this.body = body;
        }

        boolean anthropicClient() {
            return path.equals("/v1/messages");
        }
    }

    private static RunningGateway gateway;
    private static HttpClient http;
    private static final Map<Route, String> WHOLE = new ConcurrentHashMap<>();

    @BeforeContainer
    static void start() throws Exception {
        gateway = ConformanceGateway.start();
        http = HttpClient.newHttpClient();
    }

    @AfterContainer
    static void stop() throws Exception {
        http.close();
        gateway.close();
    }

    @Property(tries = 60)
    void openAiStreamToAnAnthropicClient(@ForAll("openAiSplits") int[] splits) throws Exception {
        assertSameAsWhole(Route.OPENAI_TO_ANTHROPIC, splits);
    }

    @Property(tries = 60)
    void openAiStreamForwardedToAnOpenAiClient(@ForAll("openAiSplits") int[] splits) throws Exception {
        assertSameAsWhole(Route.OPENAI_TO_OPENAI, splits);
    }

    @Property(tries = 60)
    void geminiStreamToAnAnthropicClient(@ForAll("geminiSplits") int[] splits) throws Exception {
        assertSameAsWhole(Route.GEMINI_TO_ANTHROPIC, splits);
    }

    @Property(tries = 60)
    void geminiStreamToAnOpenAiClient(@ForAll("geminiSplits") int[] splits) throws Exception {
        assertSameAsWhole(Route.GEMINI_TO_OPENAI, splits);
    }

    @Property(tries = 60)
    void anthropicStreamForwardedToAnAnthropicClient(@ForAll("anthropicSplits") int[] splits) throws Exception {
        assertSameAsWhole(Route.ANTHROPIC_TO_ANTHROPIC, splits);
    }

    @Property(tries = 60)
    void anthropicStreamToAnOpenAiClient(@ForAll("anthropicSplits") int[] splits) throws Exception {
        assertSameAsWhole(Route.ANTHROPIC_TO_OPENAI, splits);
    }

    /** The extreme: every byte its own write. */
    @Example
    void everyStreamByteByByte() throws Exception {
        for (Route route : Route.values()) {
            assertSameAsWhole(route, IntStream.range(1, route.upstream.length).toArray());
        }
    }

    /** What the properties compare against is itself right: well formed, every character intact. */
    @Example
    void theUnsplitStreamsArriveWhole() throws Exception {
        for (Route route : Route.values()) {
            ClientStream stream = ClientStream.parse(whole(route));
            ClientStream.Accumulated result = route.anthropicClient() ? stream.checkAnthropic() : stream.checkOpenAi();
            assertThat(stream.problems).as(route.name()).isEmpty();
            assertThat(result.complete).as(route.name()).isTrue();
            assertThat(result.text()).as(route.name()).contains("Voilà — 天気は晴れ ☀️");
            assertThat(result.thinking()).as(route.name()).isNotEmpty();
            List<String> arguments = new ArrayList<>();
            if (route.anthropicClient()) {
                result.blocks.stream().filter(block -> block.type.equals("tool_use"))
                        .forEach(block -> arguments.add(block.input().toString()));
            } else {
                result.toolCalls.values().forEach(call -> arguments.add(call.arguments.isEmpty() ? "" : call.parsedArguments().toString()));
            }
            // the call without arguments: {} once translated, "" as an OpenAI-compatible upstream sent it when forwarded
            assertThat(arguments).as(route.name()).hasSize(3).containsAnyOf("{}", "");
            assertThat(String.join(" ", arguments)).as(route.name()).contains("Zürich 🇨🇭", "東京");
        }
    }

    /** Forwarded, each event is the upstream's: its name and the very bytes of its data. */
    @Example
    void anAnthropicClientGetsTheUpstreamsEventsAsTheyCame() throws Exception {
        List<ClientStream.Event> upstream = ClientStream.parse(
                new String(RecordedStreams.ANTHROPIC, StandardCharsets.UTF_8).replace("\r\n", "\n")).events;
        List<ClientStream.Event> client = ClientStream.parse(whole(Route.ANTHROPIC_TO_ANTHROPIC)).events;
        assertThat(client).hasSize(upstream.size());
        for (int i = 0; i < upstream.size(); i++) {
            assertThat(client.get(i).event()).as("event %d", i).isEqualTo(upstream.get(i).event());
            assertThat(client.get(i).raw()).as("data of event %d", i).isEqualTo(upstream.get(i).raw());
        }
    }

    @Provide
    Arbitrary<int[]> openAiSplits() {
        return splits(RecordedStreams.OPENAI);
    }

    @Provide
    Arbitrary<int[]> geminiSplits() {
        return splits(RecordedStreams.GEMINI);
    }

    @Provide
    Arbitrary<int[]> anthropicSplits() {
        return splits(RecordedStreams.ANTHROPIC);
    }

    /** Up to 48 distinct split points, two in three of them where splits hurt most. */
    private static Arbitrary<int[]> splits(byte[] stream) {
        Arbitrary<Integer> anywhere = Arbitraries.integers().between(1, stream.length - 1);
        Arbitrary<Integer> tricky = Arbitraries.of(RecordedStreams.trickyOffsets(stream));
        return Arbitraries.frequencyOf(Tuple.of(1, anywhere), Tuple.of(2, tricky))
                .set().ofMinSize(1).ofMaxSize(48)
                .map(points -> points.stream().mapToInt(Integer::intValue).sorted().toArray());
    }

    private static void assertSameAsWhole(Route route, int[] splits) throws Exception {
        String expected = normalize(whole(route));
        String actual = normalize(send(route, MockReply.splitStream(route.upstream, splits)));
        assertThat(actual).as("%s split at %s", route, java.util.Arrays.toString(splits)).isEqualTo(expected);
    }

    private static String whole(Route route) {
        return WHOLE.computeIfAbsent(route, key -> {
            try {
                return send(key, MockReply.splitStream(key.upstream));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String send(Route route, MockReply reply) throws Exception {
        gateway.upstream().reset();
        gateway.upstream().enqueue(reply);
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + route.path))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(route.body))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        List<String> problems = new ArrayList<>();
        String body = CaseRunner.utf8(response.body(), problems);
        assertThat(problems).isEmpty();
        assertThat(response.statusCode()).as(body).isEqualTo(200);
        return body;
    }

    /** Made-up tool ids and the time of the answer differ from run to run. */
    private static String normalize(String body) {
        return body.replaceAll("toolu_[A-Za-z0-9]{24}", "toolu_*").replaceAll("\"created\":\\d+", "\"created\":0");
    }
}
