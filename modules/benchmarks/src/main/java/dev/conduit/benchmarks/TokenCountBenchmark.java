package dev.conduit.benchmarks;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.routing.TokenCounter;
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
 * What counting a request's tokens costs: {@code cold} tokenizes every text, as claude-code-router
 * does for every request; {@code warm} finds the long texts (system prompt, tool definitions,
 * earlier turns) in the counter's cache, as a session's next turn does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenCountBenchmark {

    @Param({ClaudeCodeTurn.TWO_K, ClaudeCodeTurn.PRINT})
    public String request;

    private MessagesRequest read;
    private TokenCounter warm;

    @Setup
    public void setUp() {
        read = AnthropicRequestReader.read(Json.MAPPER.readTree(ClaudeCodeTurn.body(request)));
        warm = TokenCounter.cl100k();
        warm.count(read);
    }

    @Benchmark
    public long cold() {
        return TokenCounter.cl100k().count(read);
    }

    @Benchmark
    public long warm() {
        return warm.count(read);
    }
}
