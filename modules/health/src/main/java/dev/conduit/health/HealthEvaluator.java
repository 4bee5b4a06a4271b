package dev.conduit.health;

import java.lang.System.Logger.Level;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Runs the named checks into a {@link HealthReport} and tells listeners about every change of
 * the overall status, exactly once per change. Changes are only noticed when something
 * evaluates: /health, the Health MXBean, or a periodic call from the server.
 */
public final class HealthEvaluator {

    private static final System.Logger LOG = System.getLogger(HealthEvaluator.class.getName());

    private final InstantSource clock;
    private final List<HealthCheck> checks;
    private final List<Consumer<HealthChange>> listeners = new CopyOnWriteArrayList<>();
    private HealthStatus lastStatus = HealthStatus.HEALTHY;

    HealthEvaluator(InstantSource clock, List<HealthCheck> builtIn) {
        this.clock = clock;
        this.checks = new CopyOnWriteArrayList<>(builtIn);
    }

    /** Adds a check to every later evaluation, after the built-in ones. */
    public void register(HealthCheck check) {
        checks.add(Objects.requireNonNull(check, "check"));
    }

    /** Called with each change of the overall status, in order, on the evaluating thread. */
    public void onChange(Consumer<HealthChange> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Evaluates every check now. Serialized, so that listeners see each change once and in order. */
    public synchronized HealthReport evaluate() {
        List<CheckResult> results = new ArrayList<>(checks.size());
        for (HealthCheck check : checks) {
            results.add(run(check));
        }
        HealthReport report = HealthReport.of(results, clock.instant());
        if (report.status() != lastStatus) {
            HealthChange change = new HealthChange(lastStatus, report.status(), report.reason(), report.evaluatedAt());
            lastStatus = report.status();
            listeners.forEach(listener -> tell(listener, change));
        }
        return report;
    }

    /** The status of the latest evaluation, healthy before the first. */
    public synchronized HealthStatus lastStatus() {
        return lastStatus;
    }

    private static CheckResult run(HealthCheck check) {
        try {
            return check.check();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a health check failed", e);
            return CheckResult.unhealthy("check_failed", "a health check threw " + e.getClass().getSimpleName());
        }
    }

    private static void tell(Consumer<HealthChange> listener, HealthChange change) {
        try {
            listener.accept(change);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a health change listener failed", e);
        }
    }
}
