package dev.conduit.health;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the metrics for /metrics with the Prometheus client library's own writers: OpenMetrics
 * text when the scraper's Accept header asks for {@code application/openmetrics-text}, else
 * Prometheus text 0.0.4.
 */
public final class MetricsExposition {

    private final GatewayMetrics metrics;
    private final ExpositionFormatWriter prometheusText;
    private final ExpositionFormatWriter openMetricsText;

    MetricsExposition(GatewayMetrics metrics) {
        ExpositionFormats formats = ExpositionFormats.init();
        this.metrics = metrics;
        this.prometheusText = formats.getPrometheusTextFormatWriter();
        this.openMetricsText = formats.getOpenMetricsTextFormatWriter();
    }

    /** The format for this Accept header value; null or blank means Prometheus text. */
    public MetricsFormat negotiate(String accept) {
        return accept != null && openMetricsText.accepts(accept)
                ? MetricsFormat.OPENMETRICS_TEXT
                : MetricsFormat.PROMETHEUS_TEXT;
    }

    /** The Content-Type header value of a format, charset included. */
    public String contentType(MetricsFormat format) {
        return writer(format).getContentType();
    }

    /** Writes every metric in the format; the stream is left open. */
    public void write(MetricsFormat format, OutputStream out) throws IOException {
        writer(format).write(out, metrics.scrape());
    }

    private ExpositionFormatWriter writer(MetricsFormat format) {
        return switch (format) {
            case PROMETHEUS_TEXT -> prometheusText;
            case OPENMETRICS_TEXT -> openMetricsText;
        };
    }
}
