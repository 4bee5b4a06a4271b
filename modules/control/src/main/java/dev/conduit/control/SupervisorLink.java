package dev.conduit.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's end of the control channel. It connects to the supervisor's socket, says hello,
 * reports readiness and draining, and beats once a second; it runs the supervisor's commands.
 * When the supervisor goes away the worker serves on and reconnects every second, so a new
 * supervisor can adopt it.
 */
public final class SupervisorLink implements AutoCloseable {

    /** What the supervisor may ask of the worker. */
    public interface Commands {

        /** A successor serves the port: drain, letting streams run for up to {@code deadline}, then exit. */
        void handover(Duration deadline);

        /** Show {@code text} as the supervisor's alarm in the worker's health; empty clears it. */
        void alarm(String text);

        /** Reload the config, as {@code conduit reload} does. */
        void reload();
    }

    static final Duration BEAT_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SupervisorLink.class);

    private final Path socket;
    private final ControlMessage.Hello hello;
    private final Supplier<ControlMessage.Beat> beats;
    private final Commands commands;
    private final Thread thread;
    private volatile ControlMessage.Ready ready;
    private volatile boolean draining;
    private volatile LineChannel current;
    private volatile boolean closed;

    private SupervisorLink(Path socket, List<String> args, Supplier<ControlMessage.Beat> beats, Commands commands) {
        this.socket = socket;
        this.hello = new ControlMessage.Hello(ProcessHandle.current().pid(), args);
        this.beats = beats;
        this.commands = commands;
        this.thread = Thread.ofPlatform().daemon().name("supervisor-link").unstarted(this::run);
    }

    /**
     * Starts linking to the supervisor listening on {@code socket}.
     *
     * @param args the options the worker was started with, so an adopting supervisor can compare
     * @param beats the heap reading each heartbeat carries
     */
    public static SupervisorLink start(Path socket, List<String> args, Supplier<ControlMessage.Beat> beats,
            Commands commands) {
        SupervisorLink link = new SupervisorLink(socket, args, beats, commands);
        link.thread.start();
        return link;
    }

    /** The worker listens on {@code host:port}; tells the supervisor now and after every reconnect. */
    public void ready(String host, int port, Duration drainTimeout) {
        ready = new ControlMessage.Ready(host, port, drainTimeout.toMillis());
        sendNow(ready);
    }

    /** The worker has begun to drain. */
    public void draining() {
        draining = true;
        sendNow(new ControlMessage.Draining());
    }

    /**
     * The worker drains at an operator's request: the supervisor must not replace it.
     * False when the supervisor cannot be told now (the link is down).
     */
    public boolean stoppingByRequest(Duration deadline) {
        draining = true;
        return sendNow(new ControlMessage.StoppingByRequest(deadline.toMillis()));
    }

    /** Asks the supervisor for a rolling restart; false when it cannot be told now (the link is down). */
    public boolean requestRestart() {
        return sendNow(new ControlMessage.RestartRequest());
    }

    private boolean sendNow(ControlMessage message) {
        LineChannel channel = current;
        if (channel == null) {
            return false;
        }
        try {
            channel.send(message);
            return true;
        } catch (IOException e) {
            channel.close(); // the link thread reconnects and repeats the state
            return false;
        }
    }

    private void run() {
        boolean everConnected = false;
        while (!closed) {
            try (LineChannel channel = connect()) {
                current = channel;
                LOG.info(everConnected ? "reconnected to the supervisor" : "connected to the supervisor");
                everConnected = true;
                greet(channel);
                Thread reader = Thread.ofVirtual().name("supervisor-commands").start(() -> readCommands(channel));
                while (!closed && reader.isAlive()) {
                    channel.send(beats.get());
                    reader.join(BEAT_INTERVAL);
                }
            } catch (IOException lost) {
                if (everConnected && current != null) {
                    LOG.warn("lost the supervisor ({}); serving on and reconnecting", lost.getMessage());
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                current = null;
            }
            pause();
        }
    }

    private LineChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return new LineChannel(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private void greet(LineChannel channel) throws IOException {
        channel.send(hello);
        if (ready != null) {
            channel.send(ready);
        }
        if (draining) {
            channel.send(new ControlMessage.Draining());
        }
    }

    private void readCommands(LineChannel channel) {
        try {
            for (Optional<ControlMessage> message = channel.receive(); message.isPresent(); message = channel.receive()) {
                switch (message.get()) {
                    case ControlMessage.Handover handover -> commands.handover(Duration.ofMillis(handover.deadlineMillis()));
                    case ControlMessage.Alarm alarm -> commands.alarm(alarm.text());
                    case ControlMessage.Reload reload -> commands.reload();
                    default -> LOG.debug("ignored a worker's message from the supervisor: {}", message.get());
                }
            }
        } catch (IOException closedByEitherSide) {
            // the beat loop notices and reconnects
        }
        channel.close();
    }

    private void pause() {
        try {
            Thread.sleep(BEAT_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        LineChannel channel = current;
        if (channel != null) {
            channel.close();
        }
        thread.interrupt();
    }
}
