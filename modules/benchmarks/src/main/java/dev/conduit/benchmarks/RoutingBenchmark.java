package dev.conduit.benchmarks;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.InboundApi;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.routing.RouteDecision;
import dev.conduit.routing.RouteRequest;
import dev.conduit.routing.Router;
import dev.conduit.routing.SessionUsage;
import dev.conduit.routing.TokenCounter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The routing decision for a Claude Code request, as the worker makes it for every request:
 * {@code threshold} {@code off} has no {@code longContext} route (tokens are never needed),
 * {@code 60000} is claude-code-router's default threshold, {@code near} puts the threshold at the
 * request's own token count, so the estimate is not conclusive and the tokens are counted (the
 * counter's cache warm, as for a session's next turn).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutingBenchmark {

    @Param({ClaudeCodeTurn.TWO_K, ClaudeCodeTurn.PRINT})
    public String request;

    @Param({"off", "60000", "near"})
    public String threshold;

    private Router router;
    private RouteRequest routed;

    @Setup
    public void setUp() throws Exception {
        byte[] body = ClaudeCodeTurn.body(request);
        var read = AnthropicRequestReader.read(Json.MAPPER.readTree(body));
        TokenCounter counter = TokenCounter.cl100k();
        long limit = switch (threshold) {
            case "off" -> 0;
            case "near" -> counter.count(read);
            default -> Long.parseLong(threshold);
        };
        ConduitConfig config = ClaudeCodeTurn.config(limit);
        router = new Router(config, counter, ClaudeCodeTurn.projectFiles(config, ClaudeCodeTurn.SESSION), new SessionUsage());
        routed = new RouteRequest(read, InboundApi.ANTHROPIC, Map.of("anthropic-version", "2023-06-01"), body.length);
    }

    @Benchmark
    public RouteDecision route() {
        return router.route(routed);
    }
}
