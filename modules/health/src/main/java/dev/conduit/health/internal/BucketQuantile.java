package dev.conduit.health.internal;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;

/**
 * Quantiles of a classic histogram the way Prometheus's {@code histogram_quantile} estimates
 * them: linear interpolation inside the bucket that holds the rank, summed over all series.
 */
public final class BucketQuantile {

    private BucketQuantile() {
    }

    /** The estimated quantile {@code q} (0..1) over all data points, 0 when nothing was observed. */
    public static double estimate(HistogramSnapshot histogram, double q) {
        double[] bounds = null;
        long[] counts = null;
        for (HistogramDataPointSnapshot point : histogram.getDataPoints()) {
            ClassicHistogramBuckets buckets = point.getClassicBuckets();
            if (bounds == null) {
                bounds = new double[buckets.size()];
                counts = new long[buckets.size()];
            }
            for (int i = 0; i < buckets.size(); i++) {
                bounds[i] = buckets.getUpperBound(i);
                counts[i] += buckets.getCount(i);
            }
        }
        return bounds == null ? 0 : estimate(bounds, counts, q);
    }

    static double estimate(double[] upperBounds, long[] counts, double q) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("quantile must be within 0..1: " + q);
        }
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        if (total == 0) {
            return 0;
        }
        double rank = q * total;
        int bucket = 0;
        long below = 0;
        // rank <= total, so some non-empty bucket holds it
        while (counts[bucket] == 0 || below + counts[bucket] < rank) {
            below += counts[bucket];
            bucket++;
        }
        double lower = bucket == 0 ? 0 : upperBounds[bucket - 1];
        if (Double.isInfinite(upperBounds[bucket])) {
            return lower;
        }
        return lower + (upperBounds[bucket] - lower) * (rank - below) / counts[bucket];
    }
}
