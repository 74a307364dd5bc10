package dev.moat.bench;

import java.util.Arrays;

/** Latency percentiles by nearest rank, in milliseconds. */
public record Percentiles(double p50, double p95, double p99, double max) {

    public static Percentiles ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return new Percentiles(0, 0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(at(sorted, 50), at(sorted, 95), at(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
