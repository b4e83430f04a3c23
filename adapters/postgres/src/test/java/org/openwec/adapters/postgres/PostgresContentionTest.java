package org.openwec.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.HeartbeatFlushReport;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.Storage;

/**
 * Several collector nodes writing the same rows at once, as CockroachDB sees them: every session
 * SERIALIZABLE, so concurrent upserts of a row fail with 40001. The adapter must ride through all of it:
 * no error reaches the caller, and what is stored is what the acknowledged writes promise. Heartbeat
 * chunks of several rows lock them in key order, so crossing flushes do not deadlock (40P01): before
 * they did, deadlocks piled up and single flushes took 10-20 s here.
 */
class PostgresContentionTest {
    static final Duration DURATION = Duration.ofSeconds(5);
    static final int WRITERS = 16;
    static final int HOT_KEYS = 10;
    static final int MAX_BATCH = 4;

    @Test
    void sixteenWritersOnTenHotKeysUnderSerializableLoseNothingAndSurfaceNoError() throws Exception {
        String database = TestPostgres.newDatabase("contention", TestPostgres.Isolation.SERIALIZABLE);
        // A connection per writer: the threads really run their statements at the same time. The retry
        // settings are the defaults (RetrySettings.DEFAULTS: 20 attempts within 30 s).
        PostgresSettings settings = TestPostgres.settings(database).withPoolSize(WRITERS);
        try (PostgresStorage opened = TestPostgres.initialise(PostgresStorage.open(settings))) {
            Storage storage = opened.storage();
            Subscription subscription = Subscription.create("contention", "q");
            storage.subscriptions().storeSubscription(subscription);

            Load load = new Load(storage, subscription);
            load.run();

            String summary = "Contention summary: " + WRITERS + " writers, " + HOT_KEYS + " hot keys, "
                    + DURATION.toSeconds() + " s, SERIALIZABLE: operations=" + load.operations.sum()
                    + " (bookmarks=" + load.bookmarkWrites.sum() + ", heartbeat flushes=" + load.flushes.sum()
                    + " with " + load.heartbeatEntries.sum() + " entries), conflicts (40001)="
                    + opened.retriesByCause().getOrDefault("40001", 0L) + ", deadlocks (40P01)="
                    + opened.retriesByCause().getOrDefault("40P01", 0L) + ", retries=" + opened.retries()
                    + " " + opened.retriesByCause() + ", slowest operation=" + Duration.ofNanos(load.slowest.get()).toMillis()
                    + " ms, failures surfaced=" + load.failures.size();
            System.out.println(summary);

            assertThat(load.failures).as("errors that reached the caller").isEmpty();
            assertThat(load.operations.sum()).isGreaterThan(WRITERS);
            assertThat(opened.retries()).as("transient failures retried").isPositive();
            assertThat(opened.retriesByCause()).containsKey("40001").doesNotContainKey("40P01");

            Jdbi raw = TestPostgres.jdbi(database);
            assertThat(load.bookmarks.assertStored(machine -> storage.bookmarks().bookmark(machine, subscription.uuid())))
                    .isEqualTo(HOT_KEYS);
            load.assertHeartbeatsAreTheMaximaOfTheAcknowledgedEntries(raw);
        }
    }

    /** The writers, and what they were told. */
    private static final class Load {
        private final Storage storage;
        private final Subscription subscription;
        private final AcknowledgedWrites bookmarks = new AcknowledgedWrites();
        /** Heartbeat timestamps are unique and increasing in issue order, so the stored maximum names one entry. */
        private final AtomicLong clock = new AtomicLong(1_700_000_000L);
        private final Map<String, LongAccumulator> maxLastSeen = new ConcurrentHashMap<>();
        private final Map<String, LongAccumulator> maxLastEventSeen = new ConcurrentHashMap<>();
        private final Map<String, Set<Long>> acknowledgedLastSeen = new ConcurrentHashMap<>();
        private final LongAdder operations = new LongAdder();
        private final LongAccumulator slowest = new LongAccumulator(Math::max, 0);
        private final LongAdder bookmarkWrites = new LongAdder();
        private final LongAdder flushes = new LongAdder();
        private final LongAdder heartbeatEntries = new LongAdder();
        private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

        Load(Storage storage, Subscription subscription) {
            this.storage = storage;
            this.subscription = subscription;
        }

        void run() throws InterruptedException {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                        write(writer, System.nanoTime() + DURATION.toNanos());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "writer-" + w);
                t.start();
                threads.add(t);
            }
            start.countDown();
            for (Thread t : threads) {
                t.join(DURATION.plusSeconds(60).toMillis());
                assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
            }
        }

        private void write(int writer, long deadline) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int seq = 0; System.nanoTime() < deadline; seq++) {
                long begin = System.nanoTime();
                try {
                    if (random.nextBoolean()) {
                        storeBookmark(hotKey(random), "w" + writer + "-" + seq);
                    } else {
                        flush(random);
                    }
                    operations.increment();
                    slowest.accumulate(System.nanoTime() - begin);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        }

        private void storeBookmark(String machine, String value) {
            long begin = System.nanoTime();
            storage.bookmarks().storeBookmark(machine, subscription.uuid(), value);
            bookmarks.add(machine, value, begin, System.nanoTime());
            bookmarkWrites.increment();
        }

        private void flush(ThreadLocalRandom random) {
            List<HeartbeatUpdate> batch = new ArrayList<>();
            for (int i = random.nextInt(1, MAX_BATCH + 1); i > 0; i--) {
                long seen = clock.incrementAndGet();
                batch.add(new HeartbeatUpdate(hotKey(random), subscription.uuid(), ipFor(seen), seen,
                        random.nextBoolean() ? Long.valueOf(seen) : null));
            }
            HeartbeatFlushReport report = storage.heartbeats().storeHeartbeats(batch);
            if (!report.dropped().isEmpty()) {
                throw new IllegalStateException("Entries dropped although their subscription exists: " + report.dropped());
            }
            for (HeartbeatUpdate u : batch) {
                maxLastSeen.computeIfAbsent(u.machine(), k -> new LongAccumulator(Math::max, Long.MIN_VALUE))
                        .accumulate(u.lastSeen());
                acknowledgedLastSeen.computeIfAbsent(u.machine(), k -> ConcurrentHashMap.newKeySet()).add(u.lastSeen());
                if (u.lastEventSeen() != null) {
                    maxLastEventSeen.computeIfAbsent(u.machine(), k -> new LongAccumulator(Math::max, Long.MIN_VALUE))
                            .accumulate(u.lastEventSeen());
                }
            }
            flushes.increment();
            heartbeatEntries.add(batch.size());
        }

        /**
         * Heartbeat timestamps never move backwards, so the stored row is exact whatever the commit order:
         * last_seen and last_event_seen are the maxima of the acknowledged entries, the ip is that of the
         * entry with the greatest last_seen, and first_seen is one of the acknowledged timestamps.
         */
        void assertHeartbeatsAreTheMaximaOfTheAcknowledgedEntries(Jdbi raw) {
            List<Map<String, Object>> rows = raw.withHandle(h -> h.createQuery(
                    "SELECT machine, ip, first_seen, last_seen, last_event_seen FROM heartbeats").mapToMap().list());
            assertThat(rows).hasSize(maxLastSeen.size());
            for (Map<String, Object> row : rows) {
                String machine = (String) row.get("machine");
                long lastSeen = (Long) row.get("last_seen");
                assertThat(lastSeen).as(machine + " last_seen").isEqualTo(maxLastSeen.get(machine).get());
                assertThat(row.get("ip")).as(machine + " ip").isEqualTo(ipFor(lastSeen));
                LongAccumulator event = maxLastEventSeen.get(machine);
                assertThat((Long) row.get("last_event_seen")).as(machine + " last_event_seen")
                        .isEqualTo(Optional.ofNullable(event).map(LongAccumulator::get).orElse(null));
                assertThat(acknowledgedLastSeen.get(machine)).as(machine + " first_seen").contains((Long) row.get("first_seen"));
            }
        }

        private static String hotKey(ThreadLocalRandom random) {
            return "HOT" + random.nextInt(HOT_KEYS) + "$@W.LOCAL";
        }

        private static String ipFor(long seen) {
            return "10." + ((seen >> 16) & 0xFF) + "." + ((seen >> 8) & 0xFF) + "." + (seen & 0xFF);
        }
    }
}
