package dev.conduit.server.http;

import dev.conduit.protocol.anthropic.Usage;

/**
 * What one request did, filled in by the handlers along the way and written as one access log
 * line when the request completes. Holds no body and no key.
 */
final class AccessRecord {

    static final String ATTRIBUTE = AccessRecord.class.getName();

    String route;
    String provider;
    String model;
    boolean stream;
    Usage usage;
}
