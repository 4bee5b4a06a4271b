package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.reload.ReloadOutcome;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.OpenAiChunks;
import dev.conduit.testing.RecordedRequest;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 100 config reloads under load: clients send requests without pause, whole and streamed, while
 * the config file is rewritten 100 times, alternating two valid configs whose routes go to
 * different providers. Every request must succeed, and the gateways reloads retire must close.
 * The numbers go to {@code target/reload-under-load.txt}.
 */
class ReloadUnderLoadTest {

    private static final int RELOADS = 100;
    private static final int CLIENTS = 4;
    private static final String FIRST = "{default: 'mock,mock-model'}";
    private static final String SECOND = "{default: 'second,second-model', think: 'mock,Other-Model'}";
    private static final String WHOLE = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":20,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAM = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":20,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    @Timeout(60)
    void everyRequestSucceedsWhileTheConfigIsReloaded100Times() throws Exception {
        try (RunningGateway gateway = new RunningGateway("", "{name: 'second', api_base_url: '{upstream}', models: ['second-model']},",
                FIRST).quietPeriod(Duration.ofMillis(50)).startNow()) {
            // a provider that takes a moment, so requests are in flight whenever a reload swaps the gateway
            gateway.upstream.answerWith(request -> new MockReply.Delayed(Duration.ofMillis(15),
                    MockReply.json(200, OpenAiChunks.completion("ok", "stop", 10, 2))));
            Load load = new Load(gateway);
            load.start();
            assertThat(load.awaitSent(20, Duration.ofSeconds(10))).as("the load runs").isTrue();
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

            long startedAt = System.nanoTime();
            List<ReloadOutcome> outcomes = new ArrayList<>();
            for (int i = 1; i <= RELOADS; i++) {
                Optional<ReloadOutcome> before = gateway.worker.lastReload();
                gateway.writeConfig(i % 2 == 1 ? SECOND : FIRST);
                outcomes.add(awaitReloadAfter(gateway, before));
            }
            Duration reloading = Duration.ofNanos(System.nanoTime() - startedAt);
            load.stop();

            Set<String> models = gateway.upstream.received().stream().map(RecordedRequest::body)
                    .map(body -> body.get("model").stringValue()).collect(Collectors.toSet());
            int threadsAfter = awaitThreadsAtMost(threadsBefore + 20, Duration.ofSeconds(10));
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/reload-under-load.txt"), """
                    reloads applied: %d of %d (config file rewritten %d times, alternating two configs)
                    time: %d ms for the reloads
                    requests sent: %d (%d clients, whole and streamed)
                    requests failed: %d
                    threads: %d before the reloads, %d after
                    """.formatted(outcomes.stream().filter(ReloadOutcome::applied).count(), RELOADS, RELOADS,
                    reloading.toMillis(), load.sent.get(), CLIENTS, load.failed.get(), threadsBefore, threadsAfter));

            assertThat(load.failures).isEmpty();
            assertThat(load.failed).hasValue(0);
            assertThat(outcomes).hasSize(RELOADS).allMatch(ReloadOutcome::applied);
            assertThat(models).as("both configs served requests").contains("mock-model", "second-model");
            assertThat(reloading).isLessThan(Duration.ofSeconds(30));
            assertThat(threadsAfter).as("retired gateways closed their upstream clients").isLessThanOrEqualTo(threadsBefore + 20);
        }
    }

    private static ReloadOutcome awaitReloadAfter(RunningGateway gateway, Optional<ReloadOutcome> before)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Optional<ReloadOutcome> last = gateway.worker.lastReload();
            if (last.isPresent() && !last.equals(before)) {
                return last.get();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the config file changed, but no reload followed within 5 s");
    }

    private static int awaitThreadsAtMost(int limit, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        while (threads > limit && System.nanoTime() < deadline) {
            Thread.sleep(50);
            threads = ManagementFactory.getThreadMXBean().getThreadCount();
        }
        return threads;
    }

    /** Clients that send requests back to back until stopped, counting what they sent and what failed. */
    private static final class Load {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final RunningGateway gateway;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> clients = new ArrayList<>();
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        Load(RunningGateway gateway) {
            this.gateway = gateway;
        }

        void start() {
            for (int client = 0; client < CLIENTS; client++) {
                boolean streams = client == 0;
                clients.add(Thread.ofVirtual().name("load-" + client).start(() -> send(streams)));
            }
        }

        private void send(boolean streams) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/messages"))
                    .timeout(Duration.ofSeconds(10))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(streams ? STREAM : WHOLE))
                    .build();
            while (running.get()) {
                sent.incrementAndGet();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    boolean complete = streams ? response.body().contains("event: message_stop")
                            && !response.body().contains("event: error") : response.body().contains("\"ok\"");
                    if (response.statusCode() != 200 || !complete) {
                        fail(response.statusCode() + " " + response.body());
                    }
                } catch (Exception e) {
                    fail(e.toString());
                }
            }
        }

        private void fail(String what) {
            failed.incrementAndGet();
            if (failures.size() < 5) {
                failures.add(what);
            }
        }

        boolean awaitSent(long count, Duration patience) throws InterruptedException {
            long deadline = System.nanoTime() + patience.toNanos();
            while (sent.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            return sent.get() >= count;
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(15));
            }
            http.close();
        }
    }
}
