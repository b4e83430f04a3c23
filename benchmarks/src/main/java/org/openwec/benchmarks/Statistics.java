package org.openwec.benchmarks;

import java.util.Arrays;

/** Medians and percentiles of measured rounds and latencies. */
final class Statistics {
    private Statistics() {}

    static double median(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no value");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Nearest-rank percentile ({@code p} in 0..100) of latencies in nanoseconds; sorts the array. */
    static long percentile(long[] values, int count, double p) {
        if (count == 0) {
            throw new IllegalArgumentException("no value");
        }
        Arrays.sort(values, 0, count);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return values[Math.max(0, Math.min(count - 1, rank - 1))];
    }
}
