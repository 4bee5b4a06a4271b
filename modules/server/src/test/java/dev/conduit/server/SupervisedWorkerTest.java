package dev.conduit.server;

import static dev.conduit.testing.OpenAiChunks.finishChunk;
import static dev.conduit.testing.OpenAiChunks.roleChunk;
import static dev.conduit.testing.OpenAiChunks.textChunk;
import static dev.conduit.testing.OpenAiChunks.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.control.ControlMessage;
import dev.conduit.control.ControlServer;
import dev.conduit.control.WorkerChannel;
import dev.conduit.testing.LocalPorts;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.MockUpstream;
import dev.conduit.testing.RawConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker run with {@code --supervised}: it tells its supervisor that it serves and where, shows
 * the supervisor's alarm in {@code /health}, lets its successor (and no one else) listen on its
 * port, and when told to hand over serves a request still arriving on an open connection instead
 * of refusing it.
 */
class SupervisedWorkerTest {

    private static final String WHOLE = "{\"model\":\"m\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAM = "{\"model\":\"m\",\"max_tokens\":64,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TempDir
    Path home;

    private record Received(WorkerChannel channel, ControlMessage message) {}

    @Test
    void aSupervisedWorkerReportsSharesItsPortAndHandsOverWithoutRefusingRequests() throws Exception {
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        ControlServer.Listener listener = new ControlServer.Listener() {
            @Override
            public void received(WorkerChannel channel, ControlMessage message) {
                received.add(new Received(channel, message));
            }

            @Override
            public void closed(WorkerChannel channel) {}
        };
        int port = LocalPorts.unused();
        Path socket = home.resolve("supervisor.sock");
        try (MockUpstream upstream = new MockUpstream(); ControlServer control = ControlServer.open(socket, listener)) {
            Path config = home.resolve("config.json");
            Files.writeString(config, """
                    {DRAIN_TIMEOUT_MS: 10000,
                     Providers: [{name: 'mock', api_base_url: '%s', models: ['mock-model']}],
                     Router: {default: 'mock,mock-model'}}""".formatted(upstream.chatCompletionsUrl()));
            WorkerOptions options = WorkerOptions.parse("--config", config.toString(), "--port", Integer.toString(port),
                    "--supervised", socket.toString());
            Worker old = Worker.start(options);
            SupervisedWorker.link(old, socket, options);
            Received ready = next(received, ControlMessage.Ready.class);
            assertThat(ready.message()).isEqualTo(new ControlMessage.Ready("127.0.0.1", port, 10_000));

            ready.channel().send(new ControlMessage.Alarm("crash loop: 6 worker failures within 300 s"));
            try (RawConnection health = new RawConnection(port)) {
                String answer = "";
                for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                        !answer.contains("crash loop") && System.nanoTime() < deadline; ) {
                    health.clear();
                    health.get("/health");
                    answer = health.readUntil("}]}", Duration.ofSeconds(2));
                }
                assertThat(answer).contains("\"status\":\"degraded\"")
                        .contains("\"name\":\"supervisor\",\"status\":\"degraded\",\"reason\":\"crash loop: 6 worker failures within 300 s\"");
            }

            List<String> words = new ArrayList<>(List.of("data: " + roleChunk() + "\n\n"));
            for (int i = 0; i < 10; i++) {
                words.add("data: " + textChunk("word ") + "\n\n");
            }
            words.add("data: " + finishChunk("stop") + "\n\ndata: " + usageChunk(10, 10) + "\n\ndata: [DONE]\n\n");
            upstream.enqueue(new MockReply.Stream(words, Duration.ofMillis(200), false));
            try (RawConnection stream = new RawConnection(port); RawConnection keptAlive = new RawConnection(port)) {
                stream.post("/v1/messages", STREAM);
                stream.readUntil("\"text\":\"word \"", Duration.ofSeconds(5));
                keptAlive.post("/v1/messages", WHOLE);
                assertThat(keptAlive.readUntil("Hello from the mock upstream", Duration.ofSeconds(5))).startsWith("HTTP/1.1 200");

                assertThatThrownBy(() -> Worker.start(options)).as("a first worker does not join a port in use")
                        .isInstanceOf(StartupException.class).hasMessageContaining("the address is in use");
                Worker next = Worker.start(WorkerOptions.parse("--config", config.toString(), "--port",
                        Integer.toString(port), "--supervised", socket.toString(), "--successor"));
                try {
                    assertThat(next.port()).as("the successor listens on the same port").isEqualTo(port);
                    old.handOverAndStop(Duration.ofSeconds(10));

                    keptAlive.clear();
                    keptAlive.post("/v1/messages", WHOLE);
                    String late = keptAlive.readToEnd(Duration.ofSeconds(5));
                    assertThat(late).as("served, not refused").startsWith("HTTP/1.1 200")
                            .containsIgnoringCase("connection: close").contains("Hello from the mock upstream");
                    assertThat(stream.readToEnd(Duration.ofSeconds(10))).contains("event: message_stop")
                            .endsWith("0\r\n\r\n");
                    old.await();
                    try (RawConnection fresh = new RawConnection(port)) {
                        fresh.post("/v1/messages", WHOLE);
                        assertThat(fresh.readUntil("Hello from the mock upstream", Duration.ofSeconds(5)))
                                .as("the successor serves").startsWith("HTTP/1.1 200");
                    }
                } finally {
                    next.stop();
                }
            }
        }
    }

    private static Received next(BlockingQueue<Received> received, Class<? extends ControlMessage> kind)
            throws InterruptedException {
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); System.nanoTime() < deadline; ) {
            Received message = received.poll(100, TimeUnit.MILLISECONDS);
            if (message != null && kind.isInstance(message.message())) {
                return message;
            }
        }
        throw new AssertionError("no " + kind.getSimpleName() + " within 5 s");
    }
}
