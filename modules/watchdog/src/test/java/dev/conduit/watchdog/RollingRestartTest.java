package dev.conduit.watchdog;

import static dev.conduit.testing.OpenAiChunks.finishChunk;
import static dev.conduit.testing.OpenAiChunks.roleChunk;
import static dev.conduit.testing.OpenAiChunks.textChunk;
import static dev.conduit.testing.OpenAiChunks.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.MockReply;
import dev.conduit.testing.MockUpstream;
import dev.conduit.testing.OpenAiChunks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rolling restarts under load: keep-alive clients, clients with a new connection per request and
 * streaming clients, about 300 requests/s and 16 open streams against real supervised workers; no
 * request may fail and no stream may be cut. Three restarts in the suite;
 * {@code -Dconduit.rollingRestarts=10} (scripts/measure-watchdog) for the full measurement. The
 * counts go to {@code target/rolling-restart.txt}.
 */
class RollingRestartTest {

    private static final int RESTARTS = Integer.getInteger("conduit.rollingRestarts", 3);

    @TempDir
    Path home;

    /** A two-second stream: 20 words, 100 ms apart. */
    private static MockReply stream() {
        List<String> writes = new ArrayList<>(List.of("data: " + roleChunk() + "\n\n"));
        for (int i = 0; i < 20; i++) {
            writes.add("data: " + textChunk("word ") + "\n\n");
        }
        writes.add("data: " + finishChunk("stop") + "\n\ndata: " + usageChunk(10, 20) + "\n\ndata: [DONE]\n\n");
        return new MockReply.Stream(writes, Duration.ofMillis(100), false);
    }

    @Test
    void rollingRestartsUnderLoadFailNoRequestAndCutNoStream() throws Exception {
        try (MockUpstream upstream = new MockUpstream()) {
            upstream.answerWith(request -> request.body().path("stream").asBoolean(false) ? stream()
                    : MockReply.json(200, OpenAiChunks.completion("Hello from the mock upstream.", "stop", 10, 7)));
            try (SupervisedConduit conduit = SupervisedConduit.start(home, upstream.chatCompletionsUrl(), "")) {
                WatchdogMXBean watchdog = conduit.watchdog();
                conduit.awaitServingWorker(-1, Duration.ofSeconds(60));
                List<String> restarts = new ArrayList<>();
                long began = System.nanoTime();
                LoadClient load = new LoadClient(conduit.port).start(12, 4, 20, 16);
                try {
                    conduit.await(Duration.ofSeconds(20), "load under way", () -> load.succeeded.sum() > 500);
                    for (int i = 1; i <= RESTARTS; i++) {
                        long old = watchdog.getWorkerPid();
                        long start = System.nanoTime();
                        String outcome = watchdog.restartWorker();
                        long servingMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                        ProcessHandle.of(old).ifPresent(process -> process.onExit().orTimeout(45, TimeUnit.SECONDS).join());
                        restarts.add("restart " + i + ": " + outcome + "; new worker serving after " + servingMillis
                                + " ms, old one drained and gone after "
                                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
                    }
                    long settled = load.succeeded.sum();
                    conduit.await(Duration.ofSeconds(20), "load served after the last restart",
                            () -> load.succeeded.sum() > settled + 300);
                } finally {
                    load.close();
                }
                long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
                String report = """
                        %d rolling restarts under load (%d s): %d requests sent (%d/s), %d succeeded, %d failed %s;
                        %d streams started, %d completed, %d cut; %d connections opened
                        %s
                        %s""".formatted(RESTARTS, seconds, load.sent.sum(), load.sent.sum() / seconds,
                        load.succeeded.sum(), load.failed(), new TreeMap<>(load.failures), load.streamsStarted.sum(),
                        load.streamsCompleted.sum(), load.streamsCut(), load.connectionsOpened.get(),
                        String.join("\n", restarts), String.join("\n", load.examples));
                Files.writeString(Path.of("target/rolling-restart.txt"), report);
                assertThat(load.failures).as(report).isEmpty();
                assertThat(load.streamsCompleted.sum()).isPositive();
                assertThat(watchdog.getRestartsTotal()).isEqualTo(RESTARTS);
            }
        }
    }
}
