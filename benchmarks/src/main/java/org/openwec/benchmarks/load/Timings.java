package org.openwec.benchmarks.load;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.openwec.adapters.wef.http.ServerMetrics;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.HeartbeatFlushReport;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.HeartbeatRecord;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.MachineState;
import org.openwec.core.model.Output;
import org.openwec.core.model.RowKey;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionStats;
import org.openwec.core.port.in.RecordEventsBatch;
import org.openwec.core.port.out.BookmarkPort;
import org.openwec.core.port.out.HeartbeatPort;
import org.openwec.core.port.out.OutputPort;
import org.openwec.core.port.out.Storage;
import org.openwec.core.port.out.SubscriptionPort;

/**
 * Where a request's time goes inside the collector of the load run ({@link LoadServer}): timing decorators around
 * the storage ports and the output port (what the engine hands to the database and to the files), around the
 * events use case (what a request waits for), and the server's own request hook (head read to answer written).
 * Counters are totals since start, for the run to subtract; latency samples are kept from the last {@link #mark}.
 */
final class Timings implements ServerMetrics {

    /** A count and the nanoseconds spent in those calls. */
    static final class Timer {
        final LongAdder calls = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAdder rows = new LongAdder();

        <T> T time(Supplier<T> call) {
            long start = System.nanoTime();
            try {
                return call.get();
            } finally {
                nanos.add(System.nanoTime() - start);
                calls.increment();
            }
        }

        void time(Runnable call) {
            long start = System.nanoTime();
            try {
                call.run();
            } finally {
                nanos.add(System.nanoTime() - start);
                calls.increment();
            }
        }
    }

    final Timer http = new Timer();
    final Timer events = new Timer();
    final Timer outputs = new Timer();
    final Timer bookmarkCommits = new Timer();
    final Timer bookmarkReads = new Timer();
    final Timer heartbeatFlushes = new Timer();
    final Timer subscriptionReads = new Timer();

    private final Samples requestSamples = new Samples();
    private final Samples eventsSamples = new Samples();
    private final Samples afterOutputsSamples = new Samples();
    private final Samples commitSamples = new Samples();
    /**
     * Output time of the events call running on each (virtual) thread. Not a ThreadLocal: each request has a
     * thread of its own, whose first ThreadLocal would cost the map it creates, and this class must not weigh
     * on what it measures.
     */
    private final Map<Thread, long[]> outputNanos = new ConcurrentHashMap<>();

    /** Clears the latency samples: the measured window begins. */
    void mark() {
        requestSamples.clear();
        eventsSamples.clear();
        afterOutputsSamples.clear();
        commitSamples.clear();
    }

    @Override
    public void request(String uri, int status, long nanos) {
        http.calls.increment();
        http.nanos.add(nanos);
        if (status == 200 && uri.startsWith("/wsman/subscriptions/")) {
            requestSamples.add(nanos);
        }
    }

    Storage storage(Storage storage) {
        return new Storage(storage.location(), new TimedSubscriptions(storage.subscriptions()),
                new TimedBookmarks(storage.bookmarks()), new TimedHeartbeats(storage.heartbeats()), storage.schema(),
                storage);
    }

    OutputPort outputs(OutputPort port) {
        return new OutputPort() {
            @Override
            public void write(Subscription subscription, Output output, EventsBatch batch) {
                long start = System.nanoTime();
                try {
                    port.write(subscription, output, batch);
                } finally {
                    long nanos = System.nanoTime() - start;
                    outputs.nanos.add(nanos);
                    outputs.calls.increment();
                    outputs.rows.add(batch.events().size());
                    long[] perRequest = outputNanos.get(Thread.currentThread());
                    if (perRequest != null) {
                        perRequest[0] += nanos;
                    }
                }
            }

            @Override
            public void reopen() {
                port.reopen();
            }
        };
    }

    RecordEventsBatch events(RecordEventsBatch useCase) {
        return batch -> {
            long[] output = new long[1];
            outputNanos.put(Thread.currentThread(), output);
            long start = System.nanoTime();
            try {
                return useCase.record(batch);
            } finally {
                outputNanos.remove(Thread.currentThread());
                long nanos = System.nanoTime() - start;
                events.nanos.add(nanos);
                events.calls.increment();
                eventsSamples.add(nanos);
                afterOutputsSamples.add(nanos - output[0]);
            }
        };
    }

    /** Totals since start, under stable names, and the percentiles of the samples since the last mark. */
    Map<String, Long> snapshot() {
        Map<String, Long> values = new LinkedHashMap<>();
        put(values, "http", http);
        put(values, "events", events);
        put(values, "outputs", outputs);
        put(values, "bookmarkCommits", bookmarkCommits);
        put(values, "bookmarkReads", bookmarkReads);
        put(values, "heartbeatFlushes", heartbeatFlushes);
        put(values, "subscriptionReads", subscriptionReads);
        percentiles(values, "requestSample", requestSamples);
        percentiles(values, "eventsSample", eventsSamples);
        percentiles(values, "afterOutputsSample", afterOutputsSamples);
        percentiles(values, "commitSample", commitSamples);
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        values.put("gc.count", gcCount);
        values.put("gc.millis", gcMillis);
        return values;
    }

    private static void put(Map<String, Long> values, String name, Timer timer) {
        values.put(name + ".calls", timer.calls.sum());
        values.put(name + ".nanos", timer.nanos.sum());
        values.put(name + ".rows", timer.rows.sum());
    }

    private static void percentiles(Map<String, Long> values, String name, Samples samples) {
        long[] sorted = samples.sorted();
        values.put(name + ".count", (long) sorted.length);
        values.put(name + ".p50", Recorder.percentile(sorted, 0.50));
        values.put(name + ".p99", Recorder.percentile(sorted, 0.99));
        values.put(name + ".max", sorted.length == 0 ? -1 : sorted[sorted.length - 1]);
        values.put(name + ".mean", sorted.length == 0 ? -1 : (long) Arrays.stream(sorted).average().orElse(0));
    }

    private final class TimedBookmarks implements BookmarkPort {
        private final BookmarkPort port;

        TimedBookmarks(BookmarkPort port) {
            this.port = port;
        }

        @Override
        public Optional<String> bookmark(String machine, UUID subscription) {
            return bookmarkReads.time(() -> port.bookmark(machine, subscription));
        }

        @Override
        public List<Bookmark> bookmarks(UUID subscription) {
            return port.bookmarks(subscription);
        }

        @Override
        public void storeBookmark(String machine, UUID subscription, String bookmark) {
            long start = System.nanoTime();
            bookmarkCommits.time(() -> port.storeBookmark(machine, subscription, bookmark));
            bookmarkCommits.rows.increment();
            commitSamples.add(System.nanoTime() - start);
        }

        @Override
        public void storeBookmarks(Collection<Bookmark> bookmarks) {
            long start = System.nanoTime();
            bookmarkCommits.time(() -> port.storeBookmarks(bookmarks));
            bookmarkCommits.rows.add(bookmarks.size());
            commitSamples.add(System.nanoTime() - start);
        }

        @Override
        public List<Bookmark> bookmarkPage(RowKey after, int limit) {
            return port.bookmarkPage(after, limit);
        }

        @Override
        public void deleteBookmarks(String machine, UUID subscription) {
            port.deleteBookmarks(machine, subscription);
        }
    }

    private final class TimedHeartbeats implements HeartbeatPort {
        private final HeartbeatPort port;

        TimedHeartbeats(HeartbeatPort port) {
            this.port = port;
        }

        @Override
        public List<Heartbeat> heartbeats(HeartbeatQuery query) {
            return port.heartbeats(query);
        }

        @Override
        public void storeHeartbeat(String machine, String ip, UUID subscription, boolean isEvent, long now) {
            heartbeatFlushes.time(() -> port.storeHeartbeat(machine, ip, subscription, isEvent, now));
            heartbeatFlushes.rows.increment();
        }

        @Override
        public HeartbeatFlushReport storeHeartbeats(Collection<HeartbeatUpdate> updates) {
            HeartbeatFlushReport report = heartbeatFlushes.time(() -> port.storeHeartbeats(updates));
            heartbeatFlushes.rows.add(updates.size());
            return report;
        }

        @Override
        public List<HeartbeatRecord> heartbeatPage(RowKey after, int limit) {
            return port.heartbeatPage(after, limit);
        }

        @Override
        public void restoreHeartbeats(Collection<HeartbeatRecord> rows) {
            port.restoreHeartbeats(rows);
        }

        @Override
        public SubscriptionStats stats(UUID subscription, long since) {
            return port.stats(subscription, since);
        }

        @Override
        public List<org.openwec.core.model.Machine> machines(UUID subscription, long since, MachineState state) {
            return port.machines(subscription, since, state);
        }
    }

    private final class TimedSubscriptions implements SubscriptionPort {
        private final SubscriptionPort port;

        TimedSubscriptions(SubscriptionPort port) {
            this.port = port;
        }

        @Override
        public List<Subscription> subscriptions() {
            return subscriptionReads.time(port::subscriptions);
        }

        @Override
        public Optional<Subscription> findSubscription(String identifier) {
            return subscriptionReads.time(() -> port.findSubscription(identifier));
        }

        @Override
        public void storeSubscription(Subscription subscription) {
            port.storeSubscription(subscription);
        }

        @Override
        public void storeSubscriptions(Collection<Subscription> store, Collection<UUID> delete) {
            port.storeSubscriptions(store, delete);
        }

        @Override
        public void deleteSubscription(UUID uuid) {
            port.deleteSubscription(uuid);
        }
    }

    /** Latencies since the last clear. */
    private static final class Samples {
        private long[] values = new long[1 << 16];
        private int size;

        synchronized void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        synchronized void clear() {
            size = 0;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}
