package dev.conduit.providers;

/** A provider's upstream connections at one moment: in use, idle, and requests waiting for one. */
public record UpstreamPool(String provider, int active, int idle, int queued) {}
