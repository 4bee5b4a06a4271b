package dev.conduit.server;

import dev.conduit.control.ControlMessage;
import dev.conduit.control.SupervisorLink;
import dev.conduit.health.CheckResult;
import dev.conduit.health.HealthStatus;
import dev.conduit.health.HeapUsage;
import dev.conduit.server.reload.ReloadTrigger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker the supervisor runs: linked to it over the control channel, it reports readiness,
 * draining and a heartbeat, hands over to its successor when told, reloads its config when told
 * (the service's SIGUSR2), and shows the supervisor's alarm (a crash loop) as the {@code
 * supervisor} health check.
 */
final class SupervisedWorker implements SupervisorLink.Commands, Supervision {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisedWorker.class);

    private final Worker worker;
    private final SupervisorLink link;
    private volatile String alarm = "";

    private SupervisedWorker(Worker worker, Path socket, WorkerOptions options) {
        this.worker = worker;
        Supplier<HeapUsage> heap = HeapUsage.ofThisJvm();
        this.link = SupervisorLink.start(socket, options.arguments(), () -> {
            HeapUsage usage = heap.get();
            return new ControlMessage.Beat(usage.usedAfterGcBytes(), usage.maxBytes());
        }, this);
    }

    /** Links a started worker to its supervisor and tells it the worker serves. */
    static SupervisedWorker link(Worker worker, Path socket, WorkerOptions options) {
        SupervisedWorker supervised = new SupervisedWorker(worker, socket, options);
        worker.addHealthCheck(supervised::check);
        worker.supervisedBy(supervised);
        supervised.link.ready(worker.config().host(), worker.port(), worker.config().drainTimeout());
        return supervised;
    }

    private CheckResult check() {
        String text = alarm;
        return text.isEmpty()
                ? new CheckResult("supervisor", HealthStatus.HEALTHY, "no alarm")
                : new CheckResult("supervisor", HealthStatus.DEGRADED, text);
    }

    /** The worker drains on its own (SIGTERM): the supervisor should know. */
    void draining() {
        link.draining();
    }

    @Override
    public void handover(Duration deadline) {
        link.draining();
        worker.handOverAndStop(deadline);
    }

    @Override
    public void reload() {
        worker.reload(ReloadTrigger.SUPERVISOR);
    }

    @Override
    public void requestRestart() {
        if (!link.requestRestart()) {
            throw new IllegalStateException("the supervisor cannot be reached now; try again, or use conduit restart");
        }
    }

    @Override
    public void stoppingByRequest(Duration deadline) {
        if (!link.stoppingByRequest(deadline)) {
            LOG.warn("the supervisor could not be told that this worker drains on request: it may start a replacement");
        }
    }

    @Override
    public void alarm(String text) {
        if (!text.equals(alarm)) {
            if (text.isEmpty()) {
                LOG.info("the supervisor's alarm has cleared");
            } else {
                LOG.warn("supervisor alarm: {}", text);
            }
        }
        alarm = text;
    }
}
