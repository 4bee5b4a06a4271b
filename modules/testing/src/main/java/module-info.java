/** Test support: recording mock upstreams and Claude Code request fixtures. Never shipped. */
module dev.conduit.testing {
    requires transitive org.eclipse.jetty.server;
    requires transitive tools.jackson.databind;

    exports dev.conduit.testing;

    opens dev.conduit.testing;
}
