/**
 * Which provider and model serve a request: scenario detection, routing rules, token counting and
 * the route plan (candidates, fallbacks, explanation); and what keeps requests going when
 * providers fail: attempt plans, circuit breakers, key rotation, balancing and per-target
 * counters. Pure logic without I/O or threads, so it is tested with plain objects and a fake
 * clock; project overrides and session usage come in through interfaces.
 */
module dev.conduit.routing {
    requires transitive dev.conduit.protocol;
    requires transitive dev.conduit.config;
    requires jtokkit;

    exports dev.conduit.routing;
}
