package jm.loadgen;

import java.util.Arrays;

/** Latency samples in nanoseconds (bounded; thread-safe) with percentiles. */
final class Samples {
    private final long[] values;
    private int size;
    private long count;

    Samples(int capacity) {
        values = new long[capacity];
    }

    synchronized void add(long nanos) {
        count++;
        if (size < values.length) {
            values[size++] = nanos;
        } else {
            // reservoir: keep a uniform sample once full
            long r = Math.floorMod(mix(count), count);
            if (r < values.length) {
                values[(int) r] = nanos;
            }
        }
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }

    synchronized long count() {
        return count;
    }

    synchronized void clear() {
        size = 0;
        count = 0;
    }

    /** The p-th percentile in milliseconds (p in 0..100), or NaN with no samples. */
    synchronized double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        int idx = (int) Math.min(size - 1, Math.max(0, Math.ceil(p / 100.0 * size) - 1));
        return copy[idx] / 1e6;
    }

    String summary() {
        return String.format("n=%d p50=%.2fms p99=%.2fms max=%.2fms", count(), percentileMillis(50),
                percentileMillis(99), percentileMillis(100));
    }
}
