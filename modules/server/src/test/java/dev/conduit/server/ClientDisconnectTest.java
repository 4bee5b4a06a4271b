package dev.conduit.server;

import static dev.conduit.testing.OpenAiChunks.roleChunk;
import static dev.conduit.testing.OpenAiChunks.textChunk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.MockReply;
import dev.conduit.testing.RawConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client that goes away cancels its upstream request within a second, before and after the first token. */
class ClientDisconnectTest {

    private static final long ONE_SECOND = TimeUnit.SECONDS.toNanos(1);

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("PING_INTERVAL_MS: 60000,");

    private static String body(String user, boolean stream) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"metadata\":{\"user_id\":\"" + user + "\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    private static MockReply firstToken() {
        return new MockReply.Hang(List.of("data: " + roleChunk() + "\n\n", "data: " + textChunk("Hel") + "\n\n"));
    }

    /** Leaves after {@code leaveWhen} and returns how long the upstream took to notice. */
    private static long cancelDelay(String user, boolean stream, boolean afterFirstToken) throws Exception {
        long closedAt;
        try (RawConnection client = new RawConnection(gateway.worker.port())) {
            client.post("/v1/messages", body(user, stream));
            gateway.upstream.awaitRequestFrom(user, 10, TimeUnit.SECONDS);
            if (afterFirstToken) {
                client.readUntil("\"text\":\"Hel\"", Duration.ofSeconds(10));
            }
            closedAt = System.nanoTime();
        }
        return gateway.upstream.awaitCancellationOf(user, 10, TimeUnit.SECONDS) - closedAt;
    }

    @Test
    void leavingBeforeTheFirstTokenCancelsTheUpstream() throws Exception {
        gateway.upstream.enqueue(new MockReply.Hang(List.of()));

        assertThat(cancelDelay("before", true, false)).isLessThan(ONE_SECOND);
    }

    @Test
    void leavingAfterTheFirstTokenCancelsTheUpstream() throws Exception {
        gateway.upstream.enqueue(firstToken());

        assertThat(cancelDelay("after", true, true)).isLessThan(ONE_SECOND);
    }

    @Test
    void leavingAWholeRequestCancelsTheUpstream() throws Exception {
        gateway.upstream.enqueue(new MockReply.Hang(List.of()));

        assertThat(cancelDelay("whole", false, false)).isLessThan(ONE_SECOND);
    }

    @Test
    void tenThousandAbortsEachCancelInTimeAndLeaveNothingBehind() throws Exception {
        int total = 10_000;
        int clients = 32;
        // even requests are left before the first token, odd ones after it
        gateway.upstream.answerWith(request -> Integer.parseInt(request.body().get("user").stringValue().substring(6)) % 2 == 0
                ? new MockReply.Hang(List.of())
                : firstToken());
        long fdsBefore = openFileDescriptors();
        int threadsBefore = conduitThreads();
        long[] delays = new long[total];
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    for (int i = client; i < total; i += clients) {
                        delays[i] = cancelDelay("abort-" + i, true, i % 2 == 1);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                try {
                    future.get(5, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException failed) {
                    throw new AssertionError("an abort failed; the mock saw " + gateway.upstream.violations(), failed);
                }
            }
        }

        assertThat(gateway.upstream.violations()).isEmpty();
        long[] sorted = delays.clone();
        java.util.Arrays.sort(sorted);
        String latency = "upstream cancelled after the client left: median %d ms, p99 %d ms, max %d ms over %d aborts%n"
                .formatted(sorted[total / 2] / 1_000_000, sorted[total * 99 / 100] / 1_000_000,
                        sorted[total - 1] / 1_000_000, total);
        Files.writeString(Path.of("target/abort-latency.txt"), latency);
        assertThat(sorted[total - 1]).as(latency).isLessThan(ONE_SECOND);
        // the call watcher checks every 100 ms tick; its quiet wakes for keep-alive pings come only once a second
        assertThat(sorted[total / 2]).as(latency).isLessThan(TimeUnit.MILLISECONDS.toNanos(300));
        awaitQuiet(Duration.ofSeconds(10));
        assertThat(gateway.upstream.received()).hasSize(total);
        assertThat(gateway.worker.connections().requestsInFlight()).isZero();
        assertThat(gateway.worker.upstreamPools()).allSatisfy(pool -> assertThat(pool.active()).isZero());
        // idle pooled upstream connections may remain, at most one per concurrent client
        assertThat(openFileDescriptors()).isLessThanOrEqualTo(fdsBefore + 2L * clients);
        awaitThreadsBelow(threadsBefore + 10, Duration.ofSeconds(30));
    }

    private static void awaitQuiet(Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (gateway.worker.connections().requestsInFlight() > 0
                || gateway.worker.upstreamPools().stream().anyMatch(pool -> pool.active() > 0)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("requests or upstream connections still busy after " + deadline);
            }
            Thread.sleep(20);
        }
    }

    /** Idle pool threads are let go 10 s after the burst that needed them. */
    private static void awaitThreadsBelow(int limit, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (conduitThreads() > limit) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the worker still has " + conduitThreads() + " threads after " + deadline
                        + "; before the aborts it had " + (limit - 10));
            }
            Thread.sleep(100);
        }
    }

    /** Platform threads of the worker (its server and upstream pools); the mock's are not counted. */
    private static int conduitThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("jetty") || thread.getName().startsWith("upstream"))
                .count();
    }

    private static long openFileDescriptors() throws Exception {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
