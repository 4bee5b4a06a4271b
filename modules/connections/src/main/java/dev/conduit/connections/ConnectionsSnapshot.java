package dev.conduit.connections;

import java.util.List;
import java.util.Map;

/**
 * All client connections at one moment, with the durations of those already closed.
 *
 * @param byProtocol open connections per protocol (for example {@code http/1.1})
 * @param closedDurationAvgMillis average lifetime of closed connections, 0 when none closed yet
 * @param oldest the longest-open connections, oldest first
 */
public record ConnectionsSnapshot(
        int open, Map<String, Integer> byProtocol, int requestsInFlight, int streams, long opened, long closed,
        long closedDurationAvgMillis, long closedDurationMaxMillis, List<ConnectionInfo> oldest) {

    public ConnectionsSnapshot {
        byProtocol = Map.copyOf(byProtocol);
        oldest = List.copyOf(oldest);
    }
}
