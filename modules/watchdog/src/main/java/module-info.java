/**
 * The supervisor: runs the worker as a child JVM from the same runtime image and keeps a healthy
 * worker on the port. It restarts a worker that exits (with backoff and a crash-loop alarm),
 * replaces one that hangs or outgrows its memory limit, performs rolling restarts, adopts a
 * worker whose supervisor died, and shows all of it as the {@code dev.conduit:type=Watchdog}
 * MXBean. It does not load Jetty: the worker is another process.
 */
module dev.conduit.watchdog {
    requires dev.conduit.config;
    requires transitive dev.conduit.management;
    requires dev.conduit.control;
    requires jdk.unsupported;
    // the conduit command's client of a supervisor; the supervisor itself loads neither
    requires jdk.attach;
    requires java.management.rmi;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;

    exports dev.conduit.watchdog;
}
