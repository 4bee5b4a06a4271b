package dev.conduit.health;

import io.prometheus.metrics.expositionformats.PrometheusProtobufWriter;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics.Bucket;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics.LabelPair;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics.Metric;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics.MetricFamily;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The metrics as a scraper sees them: written with the client library's protobuf writer and
 * parsed back with the protobuf classes it ships, so every value is read by the library's own
 * parser rather than by matching text.
 */
final class Scrape {

    private final Map<String, MetricFamily> families = new HashMap<>();

    private Scrape(InputStream in) throws IOException {
        MetricFamily family;
        while ((family = MetricFamily.parseDelimitedFrom(in)) != null) {
            families.put(family.getName(), family);
        }
    }

    static Scrape of(GatewayMetrics metrics) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new PrometheusProtobufWriter().write(out, metrics.scrape());
            return new Scrape(new ByteArrayInputStream(out.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MetricFamily family(String name) {
        MetricFamily family = families.get(name);
        if (family == null) {
            throw new NoSuchElementException(name + " not among " + families.keySet());
        }
        return family;
    }

    boolean has(String name) {
        return families.containsKey(name);
    }

    /** The one series of the family with exactly these labels, given as name, value, name, value… */
    Metric series(String family, String... labels) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        List<Metric> found = new ArrayList<>();
        for (Metric metric : family(family).getMetricList()) {
            Map<String, String> actual = new HashMap<>();
            for (LabelPair label : metric.getLabelList()) {
                actual.put(label.getName(), label.getValue());
            }
            if (actual.equals(wanted)) {
                found.add(metric);
            }
        }
        if (found.size() != 1) {
            throw new NoSuchElementException(family + wanted + " matched " + found.size() + " series");
        }
        return found.getFirst();
    }

    double counter(String family, String... labels) {
        return series(family, labels).getCounter().getValue();
    }

    /** Cumulative count of the histogram bucket with this upper bound. */
    long bucket(String family, double upperBound, String... labels) {
        for (Bucket bucket : series(family, labels).getHistogram().getBucketList()) {
            if (bucket.getUpperBound() == upperBound) {
                return bucket.getCumulativeCount();
            }
        }
        throw new NoSuchElementException("no bucket le=" + upperBound + " in " + family);
    }
}
