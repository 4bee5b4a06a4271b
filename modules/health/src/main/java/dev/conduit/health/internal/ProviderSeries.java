package dev.conduit.health.internal;

import dev.conduit.health.UpstreamErrorKind;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** The per-provider data points (upstream errors by kind, retries), looked up once and kept. */
public final class ProviderSeries {

    private final Instruments instruments;
    private final String provider;
    private final CounterDataPoint retries;
    private final AtomicReferenceArray<CounterDataPoint> errorsByKind =
            new AtomicReferenceArray<>(UpstreamErrorKind.values().length);

    public ProviderSeries(Instruments instruments, String provider) {
        this.instruments = instruments;
        this.provider = provider;
        this.retries = instruments.retries().labelValues(provider);
    }

    public void upstreamError(UpstreamErrorKind kind) {
        CounterDataPoint errors = errorsByKind.get(kind.ordinal());
        if (errors == null) {
            // labelValues returns the same data point to every racing caller
            errors = instruments.upstreamErrors().labelValues(provider, kind.label());
            errorsByKind.set(kind.ordinal(), errors);
        }
        errors.inc();
    }

    public void retry() {
        retries.inc();
    }
}
