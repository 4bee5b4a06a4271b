package dev.conduit.server.http;

import dev.conduit.protocol.anthropic.Usage;
import dev.conduit.providers.UpstreamException;

/**
 * What one request did, filled in by the handlers along the way and turned into one access log
 * line and one metrics observation when the request completes. Holds no body and no key.
 */
final class AccessRecord {

    static final String ATTRIBUTE = AccessRecord.class.getName();

    final long startedAt = System.nanoTime();
    String route;
    /** The Claude Code session the request belongs to, or null. */
    String sessionId;
    String provider;
    /** The model as a metric label: a configured model, or "other". */
    String modelLabel;
    String model;
    boolean stream;
    Usage usage;
    /** When the first content reached the client ({@link System#nanoTime()}), 0 if none did. */
    long firstTokenAt;
    /** Time spent waiting on the upstream; the rest of the request is the gateway's overhead. */
    long upstreamWaitNanos;
    /** Why the upstream failed, or null. */
    UpstreamException.Kind upstreamError;
}
