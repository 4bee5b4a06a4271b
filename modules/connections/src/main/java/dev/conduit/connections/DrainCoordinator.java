package dev.conduit.connections;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.NetworkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graceful drain: stop accepting, let requests in flight finish and streams run until the
 * deadline, then have what still runs end itself ({@link #mustStop()} turns true, and calls
 * polling it end with an in-band error), and finish once the last connection is gone. Idle
 * keep-alive connections stay open while work is in flight, so a client that sends a new request
 * on one gets a 503 with {@code Retry-After} rather than a reset; once nothing is in flight they
 * are closed. Progress is logged every second and readable at any time.
 */
public final class DrainCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(DrainCoordinator.class);

    /** After the deadline, how long calls get to end themselves before connections are closed. */
    static final Duration GRACE = Duration.ofMillis(1500);

    private final NetworkConnector connector;
    private final ConnectionRegistry registry;
    private final InstantSource clock;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile DrainState state = DrainState.SERVING;
    private volatile long deadlineMillis;
    private volatile boolean mustStop;
    private volatile boolean handover;
    private long lastReport;

    public DrainCoordinator(NetworkConnector connector, ConnectionRegistry registry, InstantSource clock) {
        this.connector = connector;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Starts the drain, once; a second call returns the same future. The future completes when
     * the last connection is gone, at the latest shortly after {@code deadline}.
     */
    public CompletableFuture<Void> drain(Duration deadline) {
        return start(deadline, false);
    }

    /**
     * The drain of a rolling restart: a successor already listens on the port, so a request that
     * still arrives on one of this worker's open connections is served (and its connection closed
     * after it) rather than refused; only past the deadline are new requests refused.
     */
    public CompletableFuture<Void> handover(Duration deadline) {
        return start(deadline, true);
    }

    private synchronized CompletableFuture<Void> start(Duration deadline, boolean successorServes) {
        if (state != DrainState.SERVING) {
            return drained;
        }
        // close() stops accepting and leaves requests in flight alone (Jetty's shutdown() would fail
        // the ones waiting on an upstream). It comes first: a client told "Connection: close" (below)
        // reconnects at once, and must not land in this listener's accept queue as it closes.
        connector.close();
        handover = successorServes;
        deadlineMillis = clock.millis() + deadline.toMillis();
        state = DrainState.DRAINING; // responses from now on close their connection themselves
        LOG.info("draining: no longer accepting; {} requests ({} streams) on {} connections may run for {} s",
                registry.requestsInFlight(), registry.streams(), registry.openConnections(), deadline.toSeconds());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("drain").factory());
        ticker.scheduleAtFixedRate(() -> tick(ticker), 100, 100, TimeUnit.MILLISECONDS);
        return drained;
    }

    private void tick(ScheduledExecutorService ticker) {
        long now = clock.millis();
        if (registry.requestsInFlight() == 0) {
            registry.closeIdle();
        }
        if (registry.openConnections() == 0) {
            finish(ticker, "every connection is closed");
            return;
        }
        if (now >= deadlineMillis && !mustStop) {
            mustStop = true;
            state = DrainState.ENDING;
            LOG.info("drain deadline reached: ending {} requests ({} streams) still running",
                    registry.requestsInFlight(), registry.streams());
        }
        if (now >= deadlineMillis + GRACE.toMillis()) {
            registry.closeAll();
            finish(ticker, "the deadline passed; remaining connections were closed");
            return;
        }
        if (now - lastReport >= 1000) {
            lastReport = now;
            LOG.info("draining: {} requests ({} streams) on {} connections remain; deadline in {} s",
                    registry.requestsInFlight(), registry.streams(), registry.openConnections(),
                    Math.max(0, (deadlineMillis - now + 999) / 1000));
        }
    }

    private void finish(ScheduledExecutorService ticker, String how) {
        state = DrainState.DRAINED;
        LOG.info("drained: {}", how);
        ticker.shutdown();
        drained.complete(null);
    }

    public DrainState state() {
        return state;
    }

    public boolean draining() {
        return state != DrainState.SERVING;
    }

    /**
     * True when a new request must be refused (503, retry): while draining, except that a
     * {@link #handover} serves requests on open connections until its deadline.
     */
    public boolean refusesRequests() {
        return state != DrainState.SERVING && (!handover || mustStop);
    }

    /** True once the deadline has passed: every call still running must end now. */
    public boolean mustStop() {
        return mustStop;
    }

    /** Milliseconds until the deadline; 0 when not draining or past it. */
    public long millisToDeadline() {
        return state == DrainState.SERVING ? 0 : Math.max(0, deadlineMillis - clock.millis());
    }
}
