/**
 * Conduit as an operating-system service. {@link dev.conduit.daemon.ConduitDaemon} is the Apache
 * Commons Daemon {@code Daemon} jsvc runs on Unix; {@link dev.conduit.daemon.ProcrunService} is the
 * start/stop class procrun runs on Windows. Both host the supervisor ({@code SupervisorRuntime}) in
 * the service's JVM. {@link dev.conduit.daemon.SystemdUnit} and {@link dev.conduit.daemon.ProcrunInstall}
 * render what {@code conduit service install} writes or runs.
 */
module dev.conduit.daemon {
    requires dev.conduit.config;
    requires dev.conduit.server;
    requires dev.conduit.watchdog;
    requires org.apache.commons.daemon;
    requires org.slf4j;
    requires jdk.unsupported;

    exports dev.conduit.daemon;
}
