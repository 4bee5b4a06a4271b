package dev.conduit.connections;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The {@link ConnectionsMXBean}, reading the registry, the pools and the drain as they are. */
public final class Connections implements ConnectionsMXBean {

    private final ConnectionRegistry registry;
    private final DrainCoordinator drain;
    private final Supplier<List<UpstreamPoolInfo>> pools;
    private final Consumer<Duration> drainAndStop;

    /** @param drainAndStop drains, then stops the worker (what SIGTERM does) */
    public Connections(ConnectionRegistry registry, DrainCoordinator drain, Supplier<List<UpstreamPoolInfo>> pools,
            Consumer<Duration> drainAndStop) {
        this.registry = registry;
        this.drain = drain;
        this.pools = pools;
        this.drainAndStop = drainAndStop;
    }

    private ConnectionsSnapshot snapshot() {
        return registry.snapshot(10);
    }

    @Override
    public int getOpenConnections() {
        return registry.openConnections();
    }

    @Override
    public Map<String, Integer> getConnectionsByProtocol() {
        return snapshot().byProtocol();
    }

    @Override
    public int getRequestsInFlight() {
        return registry.requestsInFlight();
    }

    @Override
    public int getStreams() {
        return registry.streams();
    }

    @Override
    public long getConnectionsOpened() {
        return snapshot().opened();
    }

    @Override
    public long getConnectionsClosed() {
        return snapshot().closed();
    }

    @Override
    public long getClosedConnectionAverageMillis() {
        return snapshot().closedDurationAvgMillis();
    }

    @Override
    public long getClosedConnectionMaxMillis() {
        return snapshot().closedDurationMaxMillis();
    }

    @Override
    public List<ConnectionInfo> getOldestConnections() {
        return snapshot().oldest();
    }

    @Override
    public List<UpstreamPoolInfo> getUpstreamPools() {
        return pools.get();
    }

    @Override
    public String getDrainState() {
        return drain.state().name();
    }

    @Override
    public long getMillisToDrainDeadline() {
        return drain.millisToDeadline();
    }

    @Override
    public void drain(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds must not be negative, got " + seconds);
        }
        drainAndStop.accept(Duration.ofSeconds(seconds));
    }
}
