package dev.conduit.server;

import static dev.conduit.testing.OpenAiChunks.roleChunk;
import static dev.conduit.testing.OpenAiChunks.textChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.management.Mbeans;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.RawConnection;
import dev.conduit.testing.OpenAiChunks;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import org.junit.jupiter.api.Test;

/**
 * The graceful drain, started through the {@code dev.conduit:type=Connections} MBean as an
 * operator would: probes, refused and answered requests, finished and ended streams, and the stop.
 */
class DrainTest {

    private static final String WHOLE = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAM = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void drainFinishesRequestsEndsStreamsAtTheDeadlineRefusesNewWorkAndStops() throws Exception {
        try (RunningGateway gateway = RunningGateway.start("")) {
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            int port = gateway.worker.port();
            // a long stream, cut by the deadline; a slow whole answer, which finishes
            List<String> words = new ArrayList<>(List.of("data: " + roleChunk() + "\n\n"));
            for (int i = 0; i < 40; i++) {
                words.add("data: " + textChunk("word ") + "\n\n");
            }
            gateway.upstream.enqueue(new MockReply.Stream(words, Duration.ofMillis(200), false));
            gateway.upstream.enqueue(new MockReply.Delayed(Duration.ofMillis(1200),
                    MockReply.json(200, OpenAiChunks.completion("finished while draining", "stop", 5, 3))));

            try (RawConnection stream = new RawConnection(port);
                    RawConnection whole = new RawConnection(port);
                    RawConnection idle = new RawConnection(port);
                    RawConnection probe = new RawConnection(port)) {
                idle.post("/v1/messages/count_tokens", WHOLE);
                idle.readUntil("{\"input_tokens\":", Duration.ofSeconds(5));
                stream.post("/v1/messages", STREAM);
                stream.readUntil("\"text\":\"word \"", Duration.ofSeconds(5));
                whole.post("/v1/messages", WHOLE);
                gateway.upstream.takeRequest(5, TimeUnit.SECONDS);
                gateway.upstream.takeRequest(5, TimeUnit.SECONDS);

                long drainAt = System.nanoTime();
                jmx.invoke(Mbeans.name("Connections"), "drain", new Object[] {2}, new String[] {"int"});
                assertThat(jmx.getAttribute(Mbeans.name("Connections"), "DrainState")).isEqualTo("DRAINING");

                probe.get("/ready");
                String ready = probe.readUntil("}", Duration.ofSeconds(1));
                assertThat(ready).startsWith("HTTP/1.1 503").contains("\"reason\":\"draining: the worker is stopping\"");
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainAt)).isLessThan(1000);

                assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);

                idle.post("/v1/messages", WHOLE);
                String refused = idle.readToEnd(Duration.ofSeconds(5));
                assertThat(refused.substring(refused.indexOf("HTTP/1.1 503"))).startsWith("HTTP/1.1 503")
                        .containsIgnoringCase("retry-after: 1")
                        .containsIgnoringCase("connection: close")
                        .contains("\"type\":\"overloaded_error\",\"message\":\"server is restarting; retry in a moment\"");

                String finished = whole.readUntil("finished while draining", Duration.ofSeconds(5));
                assertThat(finished).startsWith("HTTP/1.1 200");

                String ended = stream.readToEnd(Duration.ofSeconds(10));
                long endedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainAt);
                String lastEvent = ended.substring(ended.lastIndexOf("event: "));
                assertThat(ended).doesNotContain("message_stop");
                assertThat(lastEvent).startsWith("""
                        event: error
                        data: {"type":"error","error":{"type":"overloaded_error","message":"server is restarting"}}""");
                assertThat(ended).as("a clean end of the chunked body, not a reset").endsWith("0\r\n\r\n");
                assertThat(endedAfter).isBetween(1500L, 3500L);
            }
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
                try {
                    gateway.worker.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            stopped.get(5, TimeUnit.SECONDS);
            assertThat(gateway.worker.connections().openConnections()).isZero();
        }
    }

    @Test
    void withNothingInFlightTheDrainEndsAtOnce() throws Exception {
        try (RunningGateway gateway = RunningGateway.start("")) {
            long start = System.nanoTime();
            gateway.worker.drainAndStop(Duration.ofSeconds(20)).get(5, TimeUnit.SECONDS);

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2000);
        }
    }

    @Test
    void probesAnswerWhileServing() throws Exception {
        try (RunningGateway gateway = RunningGateway.start("");
                RawConnection connection = new RawConnection(gateway.worker.port())) {
            connection.get("/alive");
            assertThat(connection.readUntil("}", Duration.ofSeconds(5))).startsWith("HTTP/1.1 200")
                    .endsWith("{\"status\":\"alive\"}");
            connection.get("/ready");
            assertThat(connection.readUntil("\"ready\"}", Duration.ofSeconds(5))).endsWith("{\"status\":\"ready\"}");
        }
    }
}
