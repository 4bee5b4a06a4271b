/**
 * The worker: the Jetty server, the API handlers and the worker's startup. {@code conduit run}
 * runs it in the foreground; the supervisor runs it as a child process.
 */
module dev.conduit.server {
    requires dev.conduit.protocol;
    requires dev.conduit.config;
    requires dev.conduit.routing;
    requires transitive dev.conduit.providers;
    requires transitive dev.conduit.connections;
    requires dev.conduit.management;
    requires dev.conduit.health;
    requires dev.conduit.control;
    requires jdk.unsupported;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.client;
    requires java.management;
    requires java.management.rmi;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;

    exports dev.conduit.server;

    provides ch.qos.logback.classic.spi.Configurator with dev.conduit.server.logging.LogbackSetup;
}
