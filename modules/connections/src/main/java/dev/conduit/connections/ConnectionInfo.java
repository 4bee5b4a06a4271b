package dev.conduit.connections;

/**
 * One open client connection as operators see it. An MXBean open type: JConsole, VisualVM and
 * the Prometheus JMX exporter read it without Conduit's classes.
 *
 * @param openedAt epoch milliseconds
 * @param idleMillis time since the connection last read or wrote
 */
public record ConnectionInfo(
        long id, String protocol, String remoteAddress, long openedAt, long ageMillis, long idleMillis,
        long bytesIn, long bytesOut, int requestsInFlight, boolean streaming) {}
