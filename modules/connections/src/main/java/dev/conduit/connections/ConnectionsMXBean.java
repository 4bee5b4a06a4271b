package dev.conduit.connections;

import dev.conduit.management.Description;
import java.util.List;
import java.util.Map;

/** {@code dev.conduit:type=Connections}: the worker's client connections, upstream pools and drain. */
@Description("Client connections of the worker, upstream connection pools per provider, and the graceful drain")
public interface ConnectionsMXBean {

    @Description("Client connections open now")
    int getOpenConnections();

    @Description("Open client connections per protocol (http/1.1, h2)")
    Map<String, Integer> getConnectionsByProtocol();

    @Description("Requests being served now, streams included")
    int getRequestsInFlight();

    @Description("Streamed answers being sent now")
    int getStreams();

    @Description("Client connections opened since the worker started")
    long getConnectionsOpened();

    @Description("Client connections closed since the worker started")
    long getConnectionsClosed();

    @Description("Average lifetime of closed client connections, in milliseconds")
    long getClosedConnectionAverageMillis();

    @Description("Longest lifetime of a closed client connection, in milliseconds")
    long getClosedConnectionMaxMillis();

    @Description("The ten longest-open client connections, oldest first")
    List<ConnectionInfo> getOldestConnections();

    @Description("Upstream connections per provider: in use, idle, and requests waiting for a connection")
    List<UpstreamPoolInfo> getUpstreamPools();

    @Description("SERVING, DRAINING (finishing requests, streams run to the deadline), ENDING (deadline passed) or DRAINED")
    String getDrainState();

    @Description("Milliseconds left until the drain deadline; 0 when not draining")
    long getMillisToDrainDeadline();

    @Description("Stops accepting, lets requests finish and streams run for the given seconds, then stops the worker")
    void drain(int seconds);
}
