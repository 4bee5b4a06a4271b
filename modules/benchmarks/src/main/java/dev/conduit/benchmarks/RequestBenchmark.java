package dev.conduit.benchmarks;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.InboundApi;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.AnthropicWriter;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.openai.OpenAiResponseReader;
import dev.conduit.protocol.sse.SseParser;
import dev.conduit.providers.openai.OpenAiDialect;
import dev.conduit.providers.openai.OpenAiRequestTranslator;
import dev.conduit.providers.openai.OpenAiResponseTranslator;
import dev.conduit.providers.openai.OpenAiStreamTranslator;
import dev.conduit.routing.RouteDecision;
import dev.conduit.routing.RouteRequest;
import dev.conduit.routing.Router;
import dev.conduit.routing.SessionUsage;
import dev.conduit.routing.TokenCounter;
import dev.conduit.testing.OpenAiChunks;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's own work on a Claude Code request served by an OpenAI-compatible provider, the
 * denominator of "routing is X% of request CPU": read the body, route it (longContext at the
 * default 60,000 threshold), translate it and write the upstream body; then read the provider's
 * answer of about 300 tokens, translate it and write it in Anthropic's format — whole, or
 * streamed as one chunk per word. HTTP and socket work is left out, so the share of routing it
 * gives is an upper bound.
 *
 * <p>The secondary results {@code routingNanos} and {@code requestNanos} are the time spent in the
 * routing decision and in the whole operation, summed: their ratio is routing's share of the
 * request measured in the same operations, which a machine busy with other work disturbs far less
 * than it disturbs two separate benchmarks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestBenchmark {

    private static final String ANSWER = ("I read the file. The function parses the config, validates each provider, and "
            + "returns the routes in order of precedence; the caller then builds one client per provider. ").repeat(6);
    private static final Map<String, String> HEADERS = Map.of("anthropic-version", "2023-06-01");

    @Param({ClaudeCodeTurn.TWO_K, ClaudeCodeTurn.PRINT})
    public String request;

    private byte[] body;
    private Router router;
    private OpenAiRequestTranslator translator;
    private byte[] wholeAnswer;
    private byte[] streamedAnswer;

    @Setup
    public void setUp() throws Exception {
        body = ClaudeCodeTurn.body(request);
        ConduitConfig config = ClaudeCodeTurn.config(60_000);
        router = new Router(config, TokenCounter.cl100k(), ClaudeCodeTurn.projectFiles(config, ClaudeCodeTurn.SESSION),
                new SessionUsage());
        translator = new OpenAiRequestTranslator(OpenAiDialect.of(config.provider("deepseek").orElseThrow()));
        wholeAnswer = OpenAiChunks.completion(ANSWER, "stop", 2_000, 300).getBytes(StandardCharsets.UTF_8);
        StringBuilder stream = new StringBuilder();
        for (String chunk : OpenAiChunks.textStream(ANSWER, 2_000, 300)) {
            stream.append("data: ").append(chunk).append("\n\n");
        }
        streamedAnswer = stream.append("data: [DONE]\n\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Where the time of each iteration's operations went. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Shares {
        public long routingNanos;
        public long requestNanos;

        @Setup(Level.Iteration)
        public void clear() {
            routingNanos = 0;
            requestNanos = 0;
        }
    }

    /** What the worker does before the upstream call; the decision's request is the one to send. */
    private RouteDecision readAndRoute(Blackhole sent, Shares shares) {
        JsonNode json = Json.MAPPER.readTree(body);
        MessagesRequest read = AnthropicRequestReader.read(json);
        long routing = System.nanoTime();
        RouteDecision decision = router.route(new RouteRequest(read, InboundApi.ANTHROPIC, HEADERS, body.length));
        shares.routingNanos += System.nanoTime() - routing;
        decision.cleanClientBody((ObjectNode) json);
        ObjectNode upstream = translator.translate(decision.request(), decision.target().model(), decision.request().stream());
        sent.consume(Json.MAPPER.writeValueAsBytes(upstream));
        return decision;
    }

    @Benchmark
    public byte[] wholeAnswer(Blackhole sent, Shares shares) {
        long started = System.nanoTime();
        RouteDecision decision = readAndRoute(sent, shares);
        MessagesResponse answer = OpenAiResponseTranslator.translate(
                OpenAiResponseReader.completion(Json.MAPPER.readTree(wholeAnswer)), decision.target().model(),
                decision.request().stopSequences());
        byte[] client = AnthropicWriter.response(answer);
        shares.requestNanos += System.nanoTime() - started;
        return client;
    }

    @Benchmark
    public byte[] streamedAnswer(Blackhole sent, Shares shares) {
        long started = System.nanoTime();
        RouteDecision decision = readAndRoute(sent, shares);
        ByteArrayOutputStream client = new ByteArrayOutputStream(8 * 1024);
        OpenAiStreamTranslator translation = new OpenAiStreamTranslator(decision.target().model(),
                decision.request().stopSequences(), event -> AnthropicWriter.writeSse(event, client));
        SseParser parser = new SseParser(event -> {
            if (event.data().equals("[DONE]")) {
                translation.onDone();
            } else {
                translation.onChunk(OpenAiResponseReader.chunk(event.data()));
            }
        });
        parser.feed(streamedAnswer, 0, streamedAnswer.length);
        parser.finish();
        byte[] written = client.toByteArray();
        shares.requestNanos += System.nanoTime() - started;
        return written;
    }
}
