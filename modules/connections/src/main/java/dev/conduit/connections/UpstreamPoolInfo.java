package dev.conduit.connections;

/** A provider's upstream connections: in use, idle, and requests waiting for one. */
public record UpstreamPoolInfo(String provider, int active, int idle, int queued) {}
