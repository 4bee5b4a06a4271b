package dev.conduit.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Estimates agree with Prometheus's histogram_quantile on the same buckets. */
class BucketQuantileTest {

    private static final double[] BOUNDS = {0.001, 0.002, 0.004, Double.POSITIVE_INFINITY};

    @Test
    void interpolatesInsideTheBucketThatHoldsTheRank() {
        long[] counts = {2, 6, 2, 0};

        assertThat(BucketQuantile.estimate(BOUNDS, counts, 0.5)).isEqualTo(0.001 + 0.001 * 3 / 6);
        assertThat(BucketQuantile.estimate(BOUNDS, counts, 0.1)).isEqualTo(0.0005);
        assertThat(BucketQuantile.estimate(BOUNDS, counts, 1.0)).isEqualTo(0.004);
    }

    @Test
    void answersTheLastFiniteBoundForTheInfiniteBucketAndZeroWithoutData() {
        assertThat(BucketQuantile.estimate(BOUNDS, new long[] {0, 0, 1, 1}, 0.99)).isEqualTo(0.004);
        assertThat(BucketQuantile.estimate(BOUNDS, new long[] {0, 0, 0, 0}, 0.5)).isZero();
    }
}
