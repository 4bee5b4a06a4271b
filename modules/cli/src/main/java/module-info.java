/** The {@code conduit} command. */
module dev.conduit.cli {
    requires dev.conduit.config;
    requires dev.conduit.server;

    exports dev.conduit.cli;
}
