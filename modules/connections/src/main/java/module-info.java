/**
 * Every client connection from open to close, in-flight requests and streams, detection of
 * clients that went away, and the graceful drain that lets work finish before the worker stops.
 */
module dev.conduit.connections {
    requires transitive org.eclipse.jetty.server;
    requires transitive dev.conduit.management;
    requires org.slf4j;

    exports dev.conduit.connections;
}
