package org.openwec.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.core.service.CollectorFixtures.active;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.service.CollectorFixtures.ManualClock;
import org.openwec.core.service.HeartbeatBatcher.Settings;

@Timeout(60)
class HeartbeatBatcherTest {
    private final FakeCollectorDatabase db = new FakeCollectorDatabase();
    private final Subscription security = active("security");
    private final UUID sub = security.uuid();
    private final ManualClock clock = new ManualClock(1000);
    private final List<HeartbeatBatcher> opened = new ArrayList<>();

    /** Long interval: the tests flush by hand unless they say otherwise. */
    private final Settings manual = Settings.defaults().withFlushInterval(Duration.ofHours(1))
            .withShutdownTimeout(Duration.ofSeconds(2));

    @BeforeEach
    void subscription() {
        db.add(security);
    }

    @AfterEach
    void closeAll() {
        db.writeFailure = null;
        for (HeartbeatBatcher b : opened) {
            try {
                b.close();
            } catch (RuntimeException ignored) {
                // the test looked at what it wanted
            }
        }
    }

    private HeartbeatBatcher batcher(Settings settings) {
        HeartbeatBatcher batcher = new HeartbeatBatcher(db.heartbeatPort(), settings, clock);
        opened.add(batcher);
        return batcher;
    }

    /** Waits until the merging thread took everything queued, then flushes. */
    private static void settleAndFlush(HeartbeatBatcher batcher) throws InterruptedException {
        settle(batcher);
        assertThat(batcher.flushNow()).isTrue();
    }

    private static void settle(HeartbeatBatcher batcher) throws InterruptedException {
        for (int i = 0; i < 1000 && batcher.stats().merged() < batcher.stats().recorded(); i++) {
            Thread.sleep(5);
        }
        assertThat(batcher.stats().merged()).isEqualTo(batcher.stats().recorded());
    }

    @Test
    void mergesHeartbeatsAndEventsAsTheReferenceDoes() throws Exception {
        HeartbeatBatcher batcher = batcher(manual);
        batcher.recordEvent("WIN10$", "10.0.0.1", sub);
        clock.setSeconds(1010);
        batcher.recordHeartbeat("WIN10$", "10.0.0.2", sub);
        batcher.recordHeartbeat("DC$", "10.0.0.3", sub);
        settleAndFlush(batcher);
        assertThat(db.heartbeat("WIN10$", sub)).isEqualTo(new FakeCollectorDatabase.Row("10.0.0.2", 1010, 1010, 1000L));
        assertThat(db.heartbeat("DC$", sub)).isEqualTo(new FakeCollectorDatabase.Row("10.0.0.3", 1010, 1010, null));
        assertThat(db.heartbeatFlushes).containsExactly(2);
    }

    @Test
    void flushesInPrimaryKeyOrder() throws Exception {
        HeartbeatBatcher batcher = batcher(manual);
        for (int i = 99; i >= 0; i--) {
            batcher.recordHeartbeat(String.format("M%02d", i), "ip", sub);
        }
        settleAndFlush(batcher);
        assertThat(db.lastHeartbeatFlush).hasSize(100).isSorted();
    }

    @Test
    void lastSeenNeverMovesBackwards() throws Exception {
        HeartbeatBatcher batcher = batcher(manual);
        clock.setSeconds(2000);
        batcher.recordEvent("WIN10$", "10.0.0.1", sub);
        clock.setSeconds(1500); // a message stamped earlier, merged later
        batcher.recordHeartbeat("WIN10$", "10.0.0.9", sub);
        batcher.recordEvent("WIN10$", "10.0.0.9", sub);
        settleAndFlush(batcher);
        assertThat(db.heartbeat("WIN10$", sub)).isEqualTo(new FakeCollectorDatabase.Row("10.0.0.1", 2000, 2000, 2000L));
    }

    @Test
    void newestKeepsTheNewestOfEachField() {
        HeartbeatUpdate event = HeartbeatUpdate.event("M", sub, "ip1", 100);
        HeartbeatUpdate heartbeat = HeartbeatUpdate.heartbeat("M", sub, "ip2", 200);
        assertThat(HeartbeatBatcher.newest(event, heartbeat)).isEqualTo(new HeartbeatUpdate("M", sub, "ip2", 200, 100L));
        assertThat(HeartbeatBatcher.newest(heartbeat, event)).isEqualTo(new HeartbeatUpdate("M", sub, "ip2", 200, 100L));
        assertThat(HeartbeatBatcher.newest(heartbeat, HeartbeatUpdate.heartbeat("M", sub, "ip3", 200)).ip())
                .as("a tie goes to the message merged last").isEqualTo("ip3");
    }

    @Test
    void aFailedFlushKeepsItsBatchAndMergesItWithNewerHeartbeats() throws Exception {
        HeartbeatBatcher batcher = batcher(manual);
        batcher.recordEvent("WIN10$", "10.0.0.1", sub);
        batcher.recordHeartbeat("DC$", "10.0.0.3", sub);
        settle(batcher);
        db.writeFailure = FakeCollectorDatabase::unavailable;
        assertThat(batcher.flushNow()).isFalse();
        assertThat(batcher.stats().cached()).isEqualTo(2);
        clock.setSeconds(1005);
        batcher.recordHeartbeat("WIN10$", "10.0.0.2", sub);
        db.writeFailure = null;
        settleAndFlush(batcher);
        assertThat(db.heartbeat("WIN10$", sub)).isEqualTo(new FakeCollectorDatabase.Row("10.0.0.2", 1005, 1005, 1000L));
        assertThat(db.heartbeat("DC$", sub)).isEqualTo(new FakeCollectorDatabase.Row("10.0.0.3", 1000, 1000, null));
        assertThat(batcher.stats().failedFlushes()).isEqualTo(1);
        assertThat(batcher.stats().cached()).isZero();
    }

    @Test
    void flushesEveryInterval() throws Exception {
        HeartbeatBatcher batcher = batcher(manual.withFlushInterval(Duration.ofMillis(50)));
        batcher.recordHeartbeat("WIN10$", "10.0.0.1", sub);
        for (int i = 0; i < 100 && db.heartbeat("WIN10$", sub) == null; i++) {
            Thread.sleep(20);
        }
        assertThat(db.heartbeat("WIN10$", sub)).isNotNull();
    }

    @Test
    void entriesOfDeletedSubscriptionsAreDroppedAndCounted() throws Exception {
        HeartbeatBatcher batcher = batcher(manual);
        batcher.recordHeartbeat("WIN10$", "10.0.0.1", UUID.randomUUID());
        batcher.recordHeartbeat("WIN10$", "10.0.0.1", sub);
        settleAndFlush(batcher);
        assertThat(batcher.stats().dropped()).isEqualTo(1);
        assertThat(batcher.stats().flushedEntries()).isEqualTo(1);
        assertThat(batcher.stats().cached()).isZero();
    }

    @Test
    void atTheBoundNewClientsWaitUntilAFlushSucceeds() throws Exception {
        HeartbeatBatcher batcher = batcher(manual.withFlushInterval(Duration.ofMillis(100)).withMaxEntries(2).withQueueSize(1));
        db.writeFailure = FakeCollectorDatabase::unavailable;
        batcher.recordHeartbeat("A", "ip", sub);
        batcher.recordHeartbeat("B", "ip", sub);
        batcher.recordHeartbeat("C", "ip", sub); // taken by the merging thread, which now waits for room
        for (int i = 0; i < 400 && batcher.stats().stalls() == 0; i++) {
            Thread.sleep(5);
        }
        assertThat(batcher.stats().stalls()).isPositive();
        batcher.recordHeartbeat("D", "ip", sub); // fills the queue
        assertThat(batcher.offer("E", "ip", sub, false, Duration.ofMillis(200))).as("back-pressure").isFalse();
        assertThat(batcher.stats().cached() + batcher.stats().flushing()).isLessThanOrEqualTo(2);
        db.writeFailure = null;
        assertThat(batcher.offer("E", "ip", sub, false, Duration.ofSeconds(10))).isTrue();
        batcher.close();
        assertThat(db.heartbeatRows).hasSize(5);
        assertThat(batcher.stats().lost()).isZero();
    }

    @Test
    void closeFlushesEverythingRecordedUnderLoad() throws Exception {
        HeartbeatBatcher batcher = batcher(manual.withFlushInterval(Duration.ofMillis(20)).withQueueSize(16));
        db.writeDelayMillis = 2;
        AtomicInteger accepted = new AtomicInteger();
        List<Future<?>> producers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int p = 0; p < 8; p++) {
                int producer = p;
                producers.add(threads.submit(() -> {
                    for (int i = 0; ; i++) {
                        try {
                            batcher.recordHeartbeat("M" + producer + "-" + (i % 500), "ip", sub);
                            accepted.incrementAndGet();
                        } catch (IllegalStateException closed) {
                            return;
                        }
                    }
                }));
            }
            Thread.sleep(300);
            batcher.close();
            for (Future<?> f : producers) {
                f.get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(batcher.stats().recorded()).isEqualTo(accepted.get());
        long expectedRows = 0;
        for (int p = 0; p < 8; p++) {
            for (int i = 0; i < 500; i++) {
                if (db.heartbeat("M" + p + "-" + i, sub) != null) {
                    expectedRows++;
                }
            }
        }
        assertThat(db.heartbeatRows).hasSize((int) expectedRows);
        assertThat(expectedRows).isPositive();
        assertThat(batcher.stats().cached()).isZero();
        assertThat(batcher.stats().lost()).isZero();
        assertThatThrownBy(() -> batcher.recordHeartbeat("late", "ip", sub)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeReportsWhatItCouldNotFlush() throws Exception {
        HeartbeatBatcher batcher = batcher(manual.withShutdownTimeout(Duration.ofMillis(300)));
        batcher.recordHeartbeat("A", "ip", sub);
        db.writeFailure = FakeCollectorDatabase::unavailable;
        assertThatThrownBy(batcher::close).isInstanceOf(StorageException.class).hasMessageContaining("1 heartbeats");
        assertThat(batcher.stats().lost()).isEqualTo(1);
    }

    @Test
    void closeRetriesTheFinalFlushUntilTheDatabaseReturns() throws Exception {
        HeartbeatBatcher batcher = batcher(manual.withShutdownTimeout(Duration.ofSeconds(10)));
        batcher.recordHeartbeat("A", "ip", sub);
        db.writeFailure = FakeCollectorDatabase::unavailable;
        Thread restore = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                return;
            }
            db.writeFailure = null;
        });
        batcher.close();
        restore.join();
        assertThat(db.heartbeat("A", sub)).isNotNull();
    }
}
