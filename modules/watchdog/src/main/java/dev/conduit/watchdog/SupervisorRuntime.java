package dev.conduit.watchdog;

import dev.conduit.control.ControlServer;
import dev.conduit.management.Mbeans;
import dev.conduit.watchdog.internal.HttpAliveProbe;
import dev.conduit.watchdog.internal.ProcessWorkers;
import dev.conduit.watchdog.internal.ProcfsInspector;
import dev.conduit.watchdog.internal.RestartPolicy;
import dev.conduit.watchdog.internal.ScheduledLoop;
import dev.conduit.watchdog.internal.Supervisor;
import dev.conduit.watchdog.internal.SupervisorEnvironment;
import dev.conduit.watchdog.internal.SupervisorLogging;
import dev.conduit.watchdog.internal.SupervisorState;
import dev.conduit.watchdog.internal.SupervisorStatus;
import dev.conduit.watchdog.internal.WatchdogJmx;
import dev.conduit.watchdog.internal.WatchdogNotifications;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import javax.management.ObjectName;

/**
 * A running supervisor with everything it holds: the lock of its home, its pid file, the control
 * socket, the Watchdog MXBean and the worker it keeps serving. {@code SupervisorMain} runs one as
 * a process; a service wrapper (jsvc, procrun) can run one in its own JVM.
 */
public final class SupervisorRuntime implements AutoCloseable {

    /** {@code dev.conduit:type=Watchdog}. */
    public static final ObjectName NAME = Mbeans.name("Watchdog");

    private final RunDirectory run;
    private final SupervisorLock lock;
    private final ScheduledLoop loop;
    private final Supervisor supervisor;
    private final ControlServer control;

    private SupervisorRuntime(RunDirectory run, SupervisorLock lock, ScheduledLoop loop, Supervisor supervisor,
            ControlServer control) {
        this.run = run;
        this.lock = lock;
        this.loop = loop;
        this.supervisor = supervisor;
        this.control = control;
    }

    /** Takes the home's lock and starts supervising (adopting a worker a dead supervisor left). */
    public static SupervisorRuntime start(RunDirectory run, SupervisorOptions options) throws IOException {
        SupervisorLock lock = SupervisorLock.tryAcquire(run).orElseThrow(() -> new IOException(
                "another supervisor runs for " + run.home() + run.read(run.supervisorPidFile())
                        .map(record -> " (pid " + record.pid() + ")").orElse("")));
        ScheduledLoop loop = new ScheduledLoop();
        try {
            run.write(run.supervisorPidFile(), ProcessRecord.of(ProcessHandle.current(), "", 0).orElseThrow());
            WatchdogSettings settings = options.settings();
            WatchdogNotifications notifications = new WatchdogNotifications(NAME);
            SupervisorEnvironment environment = new SupervisorEnvironment(
                    new ProcessWorkers(Installation.current(), run),
                    new ProcfsInspector(run.workerConsole(), run.logs(), InstantSource.system()),
                    new HttpAliveProbe(settings.probeTimeout()), Thread::startVirtualThread, loop,
                    InstantSource.system(), run, notifications, portSharing());
            Supervisor supervisor = new Supervisor(settings, options.workerArgs(),
                    new RestartPolicy(settings, InstantSource.system(), RandomGenerator.getDefault()::nextDouble),
                    environment);
            // queued before the control socket opens: a worker left by a dead supervisor reconnects
            // at once, and its hello must find the keeper already waiting to adopt it
            supervisor.start();
            ControlServer control = ControlServer.open(run.controlSocket(), supervisor);
            Mbeans.register(new WatchdogJmx(supervisor, settings, notifications), NAME);
            return new SupervisorRuntime(run, lock, loop, supervisor, control);
        } catch (IOException | RuntimeException e) {
            loop.close();
            run.delete(run.supervisorPidFile());
            lock.close();
            throw e;
        }
    }

    /** Whether workers can listen on the same port at once (SO_REUSEPORT) for rolling restarts. */
    private static boolean portSharing() {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            return false;
        }
    }

    /** Logs to the home's {@code logs/supervisor.log}, as the supervisor process does. */
    public static void logToFile(RunDirectory run) {
        SupervisorLogging.toFile(run.supervisorLog());
    }

    /** Whether a worker serves the port. */
    public boolean serving() {
        return supervisor.status().state() == SupervisorState.SERVING;
    }

    /** Why the last worker to end ended; empty while none has. */
    public String lastExitReason() {
        SupervisorStatus status = supervisor.status();
        return status.lastExit() == null ? "" : status.lastExit().reason();
    }

    /** Tells the serving workers to reload their config (a service's reload signal). */
    public void reloadWorkers() {
        supervisor.reloadWorkers();
    }

    /** Drains and stops the workers; completes once they have exited. */
    public CompletableFuture<String> stop() {
        return supervisor.shutdown();
    }

    /** Releases the control socket, the MXBean, the pid file and the lock. */
    @Override
    public void close() {
        Mbeans.unregister(NAME);
        control.close();
        loop.close();
        run.delete(run.supervisorPidFile());
        lock.close();
    }
}
