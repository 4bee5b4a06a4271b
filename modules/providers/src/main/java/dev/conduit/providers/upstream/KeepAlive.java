package dev.conduit.providers.upstream;

import dev.conduit.providers.ClientGoneException;
import dev.conduit.providers.EventSink;
import java.io.IOException;
import java.time.Duration;

/**
 * Keeps a client's stream alive while the provider is silent: a {@code ping} whenever nothing was
 * written for the interval, so proxies and load balancers do not cut an idle stream.
 */
public final class KeepAlive {

    private final long intervalNanos;

    public KeepAlive(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** @param sendPing puts a ping (and whatever must precede it) into the sink */
    public Timer start(Runnable sendPing, EventSink sink) {
        return new Timer(sendPing, sink);
    }

    /** The keep-alive of one stream; every write to the client goes through {@link #flush()}. */
    public final class Timer {

        private final Runnable sendPing;
        private final EventSink sink;
        private long lastWrite = System.nanoTime();

        private Timer(Runnable sendPing, EventSink sink) {
            this.sendPing = sendPing;
            this.sink = sink;
        }

        /** Called while the upstream is silent: pings when the interval has passed. */
        public void onQuiet() {
            if (System.nanoTime() - lastWrite < intervalNanos) {
                return;
            }
            sendPing.run();
            try {
                flush();
            } catch (IOException gone) {
                throw new ClientGoneException("the client went away during a keep-alive ping");
            }
        }

        public void flush() throws IOException {
            sink.flush();
            lastWrite = System.nanoTime();
        }
    }
}
