package dev.conduit.benchmarks;

import dev.conduit.protocol.anthropic.AnthropicWriter;
import dev.conduit.protocol.openai.OpenAiResponseReader;
import dev.conduit.protocol.sse.SseParser;
import dev.conduit.providers.openai.OpenAiStreamTranslator;
import dev.conduit.testing.OpenAiChunks;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gateway's work on one streamed chunk in the middle of an answer, OpenAI in, Anthropic out:
 * parse the SSE bytes of one {@code chat.completion.chunk} carrying a few words of text, read its
 * JSON, translate it and write the {@code content_block_delta} event the client gets. The stream
 * was started in the set-up, so each operation is the steady state of a long answer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SseChunkBenchmark {

    private byte[] chunk;
    private ByteArrayOutputStream client;
    private SseParser parser;

    @Setup
    public void setUp() {
        chunk = ("data: " + OpenAiChunks.textChunk(" returns the routes in order") + "\n\n").getBytes(StandardCharsets.UTF_8);
        client = new ByteArrayOutputStream(4096);
        OpenAiStreamTranslator translation = new OpenAiStreamTranslator("deepseek-chat", List.of(),
                event -> AnthropicWriter.writeSse(event, client));
        parser = new SseParser(event -> translation.onChunk(OpenAiResponseReader.chunk(event.data())));
        byte[] start = ("data: " + OpenAiChunks.roleChunk() + "\n\n").getBytes(StandardCharsets.UTF_8);
        parser.feed(start, 0, start.length);
        parser.feed(chunk, 0, chunk.length);
    }

    /** One chunk in, one {@code content_block_delta} out; returns the bytes the client gets. */
    @Benchmark
    public int chunk() {
        client.reset();
        parser.feed(chunk, 0, chunk.length);
        return client.size();
    }
}
