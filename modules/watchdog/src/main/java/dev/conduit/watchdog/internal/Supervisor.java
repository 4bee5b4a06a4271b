package dev.conduit.watchdog.internal;

import dev.conduit.control.ControlMessage;
import dev.conduit.control.ControlServer;
import dev.conduit.control.WorkerChannel;
import dev.conduit.watchdog.WatchdogSettings;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps one healthy worker serving the port. This is its face to other threads: the JMX
 * operations, the workers' control connections and the process that runs it; each request
 * becomes a task on the supervisor's {@link EventLoop}, where the {@link WorkerKeeper} decides.
 */
public final class Supervisor implements ControlServer.Listener {

    private final EventLoop loop;
    private final WorkerKeeper keeper;

    public Supervisor(WatchdogSettings settings, List<String> workerArgs, RestartPolicy policy,
            SupervisorEnvironment environment) {
        this.loop = environment.loop();
        this.keeper = new WorkerKeeper(settings, workerArgs, policy, environment);
    }

    /** Adopts the worker a dead supervisor left serving, or starts the first worker. */
    public void start() {
        loop.execute(keeper::start);
    }

    public SupervisorStatus status() {
        return keeper.status();
    }

    /** Rolling restart; completes once the new worker serves and the old one hands over. */
    public CompletableFuture<String> restartWorker() {
        CompletableFuture<String> done = new CompletableFuture<>();
        loop.execute(() -> keeper.restart(done));
        return done;
    }

    /** Drains and stops every worker and starts none until {@link #startWorker()}. */
    public CompletableFuture<String> stopWorker() {
        CompletableFuture<String> done = new CompletableFuture<>();
        loop.execute(() -> keeper.stop(SupervisorState.STOPPED, "stopped by an operator", done));
        return done;
    }

    /** Starts a worker after {@link #stopWorker()}; completes once it serves. */
    public CompletableFuture<String> startWorker() {
        CompletableFuture<String> done = new CompletableFuture<>();
        loop.execute(() -> keeper.startStopped(done));
        return done;
    }

    /** Tells every worker to reload its config (the service's reload signal). */
    public void reloadWorkers() {
        loop.execute(keeper::reloadWorkers);
    }

    /** Drains and stops every worker; completes once all have exited. */
    public CompletableFuture<String> shutdown() {
        CompletableFuture<String> done = new CompletableFuture<>();
        loop.execute(() -> keeper.stop(SupervisorState.STOPPING, "the supervisor stops", done));
        return done;
    }

    @Override
    public void received(WorkerChannel channel, ControlMessage message) {
        loop.execute(() -> keeper.received(channel, message));
    }

    @Override
    public void closed(WorkerChannel channel) {
        loop.execute(() -> keeper.closed(channel));
    }
}
