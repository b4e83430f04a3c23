package org.openwec.benchmarks.load;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the machines saw, for the measured window only: answers counted when they arrive inside it, latencies
 * (request written to answer read) of the requests sent inside it, every one of them kept (a minute at a few
 * thousand a second is a few megabytes) so that percentiles are exact. Errors are counted over the whole run.
 */
final class Recorder {
    enum Kind { ENUMERATE, EVENTS, HEARTBEAT }

    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private final Samples[] samples = {new Samples(), new Samples(), new Samples()};
    private final LongAdder[] answeredInWindow = {new LongAdder(), new LongAdder(), new LongAdder()};
    private final LongAdder[] answeredInRun = {new LongAdder(), new LongAdder(), new LongAdder()};
    private final LongAdder lateStarts = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    void openWindow(long nanos) {
        windowStart = nanos;
    }

    void closeWindow(long nanos) {
        windowEnd = nanos;
    }

    /** A 200 answer to a request written at {@code sentNanos}. */
    void answered(Kind kind, long sentNanos, long nowNanos) {
        answeredInRun[kind.ordinal()].increment();
        if (nowNanos >= windowStart && nowNanos < windowEnd) {
            answeredInWindow[kind.ordinal()].increment();
        }
        if (sentNanos >= windowStart && sentNanos < windowEnd) {
            samples[kind.ordinal()].add(nowNanos - sentNanos);
        }
    }

    /** A request sent later than its machine's schedule asked, by more than one interval: the generator fell behind. */
    void lateStart(long nowNanos) {
        if (nowNanos >= windowStart && nowNanos < windowEnd) {
            lateStarts.increment();
        }
    }

    void error(String what) {
        errors.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    long answeredInWindow(Kind kind) {
        return answeredInWindow[kind.ordinal()].sum();
    }

    long answeredInRun(Kind kind) {
        return answeredInRun[kind.ordinal()].sum();
    }

    long lateStarts() {
        return lateStarts.sum();
    }

    Map<String, Long> errors() {
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((what, count) -> counts.put(what, count.sum()));
        return counts;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The latencies of one kind, sorted, in nanoseconds. */
    long[] latencies(Kind kind) {
        return samples[kind.ordinal()].sorted();
    }

    /** The value at quantile {@code q} (0 to 1) of sorted values (nearest rank); -1 when there are none. */
    static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    private static final class Samples {
        private long[] values = new long[1 << 16];
        private int size;

        synchronized void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}
