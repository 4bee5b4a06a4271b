/**
 * Which provider and model serve a request: scenario detection, routing rules, token counting and
 * the route plan (candidates, fallbacks, explanation). Pure logic without I/O, so it is tested
 * with plain objects; project overrides and session usage come in through interfaces.
 */
module dev.conduit.routing {
    requires transitive dev.conduit.protocol;
    requires transitive dev.conduit.config;
    requires jtokkit;

    exports dev.conduit.routing;
}
