package dev.conduit.watchdog.internal;

import java.util.Optional;

/** One liveness probe of a worker over HTTP. */
@FunctionalInterface
public interface AliveProbe {

    /** Empty when the worker answered {@code GET /alive} with 200 in time; otherwise what went wrong. */
    Optional<String> check(String host, int port);
}
