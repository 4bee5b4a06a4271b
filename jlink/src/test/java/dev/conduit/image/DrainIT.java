package dev.conduit.image;

import static dev.conduit.testing.OpenAiChunks.finishChunk;
import static dev.conduit.testing.OpenAiChunks.roleChunk;
import static dev.conduit.testing.OpenAiChunks.textChunk;
import static dev.conduit.testing.OpenAiChunks.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.MockReply;
import dev.conduit.testing.MockUpstream;
import dev.conduit.testing.RawConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real worker carrying 200 streams: every stream either completes or gets the in-band
 * "server is restarting" error, none ends silently or with a reset, {@code /ready} turns 503 at
 * once, and the process exits 0 within the drain deadline plus two seconds.
 */
class DrainIT {

    private static final int STREAMS = 200;
    private static final long DRAIN_MILLIS = 3000;

    @TempDir
    Path home;

    private static MockReply answer(boolean shortOne) {
        List<String> writes = new ArrayList<>(List.of("data: " + roleChunk() + "\n\n"));
        int words = shortOne ? 10 : 80;
        for (int i = 0; i < words; i++) {
            writes.add("data: " + textChunk("word ") + "\n\n");
        }
        writes.add("data: " + finishChunk("stop") + "\n\ndata: " + usageChunk(10, words) + "\n\ndata: [DONE]\n\n");
        return new MockReply.Stream(writes, Duration.ofMillis(100), false);
    }

    @Test
    void sigtermDrainsTwoHundredStreamsAndExitsZero() throws Exception {
        try (MockUpstream upstream = new MockUpstream()) {
            // even users get a one-second answer that finishes in time, odd ones an eight-second one
            upstream.answerWith(request -> answer(Integer.parseInt(request.body().get("user").stringValue()) % 2 == 0));
            Path config = home.resolve("config.json");
            Files.writeString(config, """
                    {DRAIN_TIMEOUT_MS: %d,
                     Providers: [{name: 'mock', api_base_url: '%s', models: ['mock-model']}],
                     Router: {default: 'mock,mock-model'}}""".formatted(DRAIN_MILLIS, upstream.chatCompletionsUrl()));
            ConduitProcess conduit = ConduitProcess.start(home, Map.of(), "run", "--config", config.toString(), "--port", "0");
            int port = conduit.awaitListening(Duration.ofSeconds(30));

            long readyMillis;
            long exitMillis;
            CountDownLatch streaming = new CountDownLatch(STREAMS);
            ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
            List<Future<?>> clients = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
                    RawConnection probe = new RawConnection(port)) {
                for (int i = 0; i < STREAMS; i++) {
                    int user = i;
                    clients.add(threads.submit(() -> {
                        try (RawConnection client = new RawConnection(port)) {
                            client.post("/v1/messages", "{\"model\":\"m\",\"max_tokens\":64,\"stream\":true,"
                                    + "\"metadata\":{\"user_id\":\"" + user + "\"},"
                                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
                            client.readUntil("\"text\":\"word \"", Duration.ofSeconds(20));
                            streaming.countDown();
                            outcomes.add(outcome(client.readToEnd(Duration.ofSeconds(30))));
                        }
                        return null;
                    }));
                }
                assertThat(streaming.await(30, TimeUnit.SECONDS))
                        .as(() -> "all streams running; clients that failed: " + failures(clients)).isTrue();

                long termAt = System.nanoTime();
                conduit.terminate();
                String ready;
                do { // the signal takes a moment to arrive: ask again on the same connection
                    probe.clear();
                    probe.get("/ready");
                    ready = probe.readUntil("}", Duration.ofSeconds(2));
                } while (ready.startsWith("HTTP/1.1 200") && System.nanoTime() - termAt < TimeUnit.SECONDS.toNanos(1));
                readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - termAt);

                assertThat(conduit.process().waitFor(DRAIN_MILLIS + 2000, TimeUnit.MILLISECONDS)).as("exited in time").isTrue();
                exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - termAt);
                for (Future<?> client : clients) {
                    client.get(10, TimeUnit.SECONDS);
                }

                assertThat(ready).startsWith("HTTP/1.1 503");
                assertThat(readyMillis).isLessThan(1000);
                assertThat(conduit.process().exitValue()).isZero();
                assertThat(exitMillis).isLessThan(DRAIN_MILLIS + 2000);
            }
            Files.writeString(Path.of("target/drain-sigterm.txt"), "SIGTERM with %d streams: %d completed, %d told the server is restarting; /ready 503 after %d ms; exit 0 after %d ms (deadline %d ms)%n"
                    .formatted(STREAMS, outcomes.stream().filter("completed"::equals).count(),
                            outcomes.stream().filter("told the server is restarting"::equals).count(), readyMillis, exitMillis, DRAIN_MILLIS));
            assertThat(outcomes).hasSize(STREAMS).containsOnly("completed", "told the server is restarting");
            assertThat(outcomes).contains("completed", "told the server is restarting");
            conduit.awaitLine("drained: every connection is closed", Duration.ofSeconds(5));
        }
    }

    private static List<String> failures(List<Future<?>> clients) {
        return clients.stream().filter(client -> client.state() == Future.State.FAILED)
                .map(client -> String.valueOf(client.exceptionNow())).toList();
    }

    /** How a stream ended, as its client sees it. */
    private static String outcome(String received) {
        boolean cleanEnd = received.endsWith("0\r\n\r\n");
        if (cleanEnd && received.contains("event: message_stop")) {
            return "completed";
        }
        if (cleanEnd && received.contains("""
                event: error
                data: {"type":"error","error":{"type":"overloaded_error","message":"server is restarting"}}""")
                && !received.contains("message_stop")) {
            return "told the server is restarting";
        }
        return "ended otherwise:\n" + received.substring(Math.max(0, received.length() - 300));
    }
}
