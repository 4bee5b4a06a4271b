/**
 * Which provider and model serve a request: scenario detection, token counting and target
 * selection. Pure logic without I/O, so it is tested with plain objects.
 */
module dev.conduit.routing {
    requires transitive dev.conduit.protocol;
    requires transitive dev.conduit.config;
    requires jtokkit;

    exports dev.conduit.routing;
}
