/** The {@code conduit} command. */
module dev.conduit.cli {
    requires dev.conduit.config;
    requires dev.conduit.server;
    requires java.net.http;

    exports dev.conduit.cli;
}
