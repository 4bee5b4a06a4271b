package dev.conduit.health;

/**
 * Whether the worker should receive traffic: starting, ready or draining, and whether the
 * config names any usable provider. Reading is one volatile read of a prepared report, so
 * /ready costs nothing measurable.
 */
public final class Readiness {

    /** The worker's lifecycle as readiness sees it. */
    public enum Phase { STARTING, READY, DRAINING }

    private static final ReadinessReport WHILE_STARTING = new ReadinessReport(false, "starting");
    private static final ReadinessReport WHILE_DRAINING = new ReadinessReport(false, "draining: the worker is stopping");
    private static final ReadinessReport WITHOUT_PROVIDER = new ReadinessReport(false, "no usable provider configured");
    private static final ReadinessReport SERVING = new ReadinessReport(true, "ready");

    private Phase phase = Phase.STARTING;
    private boolean usableProvider;
    private volatile ReadinessReport report = WHILE_STARTING;

    Readiness() {
    }

    public ReadinessReport report() {
        return report;
    }

    public synchronized Phase phase() {
        return phase;
    }

    /** The server listens and may take traffic. */
    public synchronized void ready() {
        phase = Phase.READY;
        update();
    }

    /** The server stops taking new traffic while in-flight requests finish. */
    public synchronized void draining() {
        phase = Phase.DRAINING;
        update();
    }

    /** How many configured providers can serve a request; set at start and after each reload. */
    public synchronized void usableProviders(int count) {
        usableProvider = count > 0;
        update();
    }

    private void update() {
        report = switch (phase) {
            case STARTING -> WHILE_STARTING;
            case DRAINING -> WHILE_DRAINING;
            case READY -> usableProvider ? SERVING : WITHOUT_PROVIDER;
        };
    }
}
