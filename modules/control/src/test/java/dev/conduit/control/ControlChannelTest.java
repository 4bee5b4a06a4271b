package dev.conduit.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both ends over a real Unix-domain socket: the worker says who it is, that it serves and that it
 * lives; the supervisor's commands reach it; and a worker whose supervisor went away reconnects
 * to the next one and tells it everything again.
 */
class ControlChannelTest {

    @TempDir
    Path run;

    private record Received(WorkerChannel channel, ControlMessage message) {}

    private static final class Recorder implements ControlServer.Listener {
        final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<WorkerChannel> closed = new LinkedBlockingQueue<>();

        @Override
        public void received(WorkerChannel channel, ControlMessage message) {
            messages.add(new Received(channel, message));
        }

        @Override
        public void closed(WorkerChannel channel) {
            closed.add(channel);
        }

        /** The next message of the given kind, skipping heartbeats unless asked for. */
        Received next(Class<? extends ControlMessage> kind) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                Received received = messages.poll(100, TimeUnit.MILLISECONDS);
                if (received != null && kind.isInstance(received.message())) {
                    return received;
                }
            }
            throw new AssertionError("no " + kind.getSimpleName() + " within 5 s");
        }
    }

    private static final class Commands implements SupervisorLink.Commands {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Override
        public void handover(Duration deadline) {
            received.add("handover " + deadline.toMillis());
        }

        @Override
        public void alarm(String text) {
            received.add("alarm " + text);
        }

        @Override
        public void reload() {
            received.add("reload");
        }
    }

    @Test
    void theWorkerIntroducesItselfBeatsAndFollowsCommands() throws Exception {
        Path socket = run.resolve("supervisor.sock");
        Recorder recorder = new Recorder();
        Commands commands = new Commands();
        try (ControlServer server = ControlServer.open(socket, recorder);
                SupervisorLink link = SupervisorLink.start(socket, List.of("--config", "/etc/conduit config.json"),
                        () -> new ControlMessage.Beat(1234, 5678), commands)) {
            Received hello = recorder.next(ControlMessage.Hello.class);
            assertThat(hello.message()).isEqualTo(new ControlMessage.Hello(ProcessHandle.current().pid(),
                    List.of("--config", "/etc/conduit config.json")));
            assertThat(recorder.next(ControlMessage.Beat.class).message()).isEqualTo(new ControlMessage.Beat(1234, 5678));

            link.ready("127.0.0.1", 3456, Duration.ofSeconds(25));
            assertThat(recorder.next(ControlMessage.Ready.class).message())
                    .isEqualTo(new ControlMessage.Ready("127.0.0.1", 3456, 25_000));

            assertThat(hello.channel().send(new ControlMessage.Alarm("crash loop: 6 failures"))).isTrue();
            assertThat(hello.channel().send(new ControlMessage.Reload())).isTrue();
            assertThat(hello.channel().send(new ControlMessage.Handover(25_000))).isTrue();
            assertThat(commands.received.poll(5, TimeUnit.SECONDS)).isEqualTo("alarm crash loop: 6 failures");
            assertThat(commands.received.poll(5, TimeUnit.SECONDS)).isEqualTo("reload");
            assertThat(commands.received.poll(5, TimeUnit.SECONDS)).isEqualTo("handover 25000");

            link.draining();
            assertThat(recorder.next(ControlMessage.Draining.class)).isNotNull();
        }
    }

    @Test
    void aWorkerWhoseSupervisorWentAwayReconnectsToTheNextAndRepeatsItsState() throws Exception {
        Path socket = run.resolve("supervisor.sock");
        Recorder first = new Recorder();
        try (SupervisorLink link = SupervisorLink.start(socket, List.of(), () -> new ControlMessage.Beat(1, 2),
                new Commands())) {
            try (ControlServer server = ControlServer.open(socket, first)) {
                first.next(ControlMessage.Hello.class);
                link.ready("127.0.0.1", 4000, Duration.ofSeconds(5));
                first.next(ControlMessage.Ready.class);
            }
            assertThat(first.closed.poll(5, TimeUnit.SECONDS)).as("the old supervisor's end closed").isNotNull();

            Recorder next = new Recorder();
            try (ControlServer server = ControlServer.open(socket, next)) {
                assertThat(next.next(ControlMessage.Hello.class).message())
                        .isEqualTo(new ControlMessage.Hello(ProcessHandle.current().pid(), List.of()));
                assertThat(next.next(ControlMessage.Ready.class).message())
                        .isEqualTo(new ControlMessage.Ready("127.0.0.1", 4000, 5000));
            }
        }
    }

    @Test
    void linesThisSideDoesNotKnowAreSkipped() {
        assertThat(ControlLines.decode("reload-config path=/x")).isEmpty();
        assertThat(ControlLines.decode(ControlLines.encode(new ControlMessage.Reload())))
                .contains(new ControlMessage.Reload());
        assertThat(ControlLines.decode("beat heap=notanumber max=1")).isEmpty();
        assertThat(ControlLines.decode("beat heap=5 max=6 extra=ignored"))
                .contains(new ControlMessage.Beat(5, 6));
        ControlMessage alarm = new ControlMessage.Alarm("crash loop: 6 failures, 300 s = 5 min");
        assertThat(ControlLines.decode(ControlLines.encode(alarm))).contains(alarm);
    }
}
