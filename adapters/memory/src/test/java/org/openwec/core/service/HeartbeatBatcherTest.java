package org.openwec.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.core.service.CollectorFixtures.active;
import static org.openwec.core.service.CollectorFixtures.heartbeat;
import static org.openwec.core.service.CollectorFixtures.heartbeatRows;
import static org.openwec.core.service.CollectorFixtures.until;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openwec.adapters.testkit.FaultyStorage;
import org.openwec.adapters.testkit.FaultyStorage.Call;
import org.openwec.adapters.testkit.FaultyStorage.Invocation;
import org.openwec.adapters.testkit.time.ManualClock;
import org.openwec.adapters.testkit.time.ManualScheduler;
import org.openwec.core.model.HeartbeatRecord;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.service.CollectorFixtures.Row;
import org.openwec.core.service.HeartbeatBatcher.Settings;

@Timeout(60)
class HeartbeatBatcherTest {
    private final FaultyStorage db = CollectorFixtures.faultyStorage();
    private final Subscription security = active("security");
    private final UUID sub = security.uuid();
    private final ManualClock clock = ManualClock.atSeconds(1000);
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<HeartbeatBatcher> opened = new ArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /** Long interval: the tests flush by hand or advance the scheduler. */
    private final Settings manual = Settings.defaults().withFlushInterval(Duration.ofHours(1))
            .withShutdownTimeout(Duration.ofSeconds(2));

    @BeforeEach
    void subscription() {
        db.wrapped().subscriptions().storeSubscription(security);
    }

    @AfterEach
    void closeAll() {
        db.heal();
        for (HeartbeatBatcher b : opened) {
            try {
                b.close();
            } catch (RuntimeException ignored) {
                // the test looked at what it wanted
            }
        }
        threads.shutdownNow();
        db.storage().close();
    }

    private HeartbeatBatcher batcher(Settings settings) {
        HeartbeatBatcher batcher = new HeartbeatBatcher(db.storage().heartbeats(), settings, clock, scheduler);
        opened.add(batcher);
        return batcher;
    }

    private Row row(String machine) {
        return heartbeat(db, machine, sub);
    }

    @SuppressWarnings("unchecked")
    private List<String> machinesOfLastFlush() {
        List<Invocation> flushes = db.invocations(Call.STORE_HEARTBEATS);
        return ((List<HeartbeatUpdate>) flushes.get(flushes.size() - 1).argument(0)).stream()
                .map(HeartbeatUpdate::machine).toList();
    }

    @Test
    void mergesHeartbeatsAndEventsAsTheReferenceDoes() {
        HeartbeatBatcher batcher = batcher(manual);
        batcher.recordEvent("WIN10$", "10.0.0.1", sub);
        clock.setSeconds(1010);
        batcher.recordHeartbeat("WIN10$", "10.0.0.2", sub);
        batcher.recordHeartbeat("DC$", "10.0.0.3", sub);
        assertThat(batcher.flushNow()).isTrue();
        assertThat(row("WIN10$")).isEqualTo(new Row("10.0.0.2", 1010, 1010, 1000L));
        assertThat(row("DC$")).isEqualTo(new Row("10.0.0.3", 1010, 1010, null));
        assertThat(db.invocations(Call.STORE_HEARTBEATS)).extracting(Invocation::rows).containsExactly(2);
    }

    @Test
    void aRecordedMessageIsInTheCacheWhenTheCallReturns() {
        HeartbeatBatcher batcher = batcher(manual);
        batcher.recordHeartbeat("WIN10$", "10.0.0.1", sub);
        assertThat(batcher.stats().recorded()).isEqualTo(1);
        assertThat(batcher.stats().cached()).isEqualTo(1);
        assertThat(db.count(Call.STORE_HEARTBEATS)).as("nothing touches the database on the request path").isZero();
    }

    @Test
    void flushesInPrimaryKeyOrder() {
        HeartbeatBatcher batcher = batcher(manual);
        for (int i = 99; i >= 0; i--) {
            batcher.recordHeartbeat(String.format("M%02d", i), "ip", sub);
        }
        assertThat(batcher.flushNow()).isTrue();
        assertThat(machinesOfLastFlush()).hasSize(100).isSorted();
    }

    @Test
    void lastSeenNeverMovesBackwards() {
        HeartbeatBatcher batcher = batcher(manual);
        clock.setSeconds(2000);
        batcher.recordEvent("WIN10$", "10.0.0.1", sub);
        clock.setSeconds(1500); // a message stamped earlier, merged later
        batcher.recordHeartbeat("WIN10$", "10.0.0.9", sub);
        batcher.recordEvent("WIN10$", "10.0.0.9", sub);
        assertThat(batcher.flushNow()).isTrue();
        assertThat(row("WIN10$")).isEqualTo(new Row("10.0.0.1", 2000, 2000, 2000L));
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
    void aFailedFlushKeepsItsBatchAndMergesItWithNewerHeartbeats() {
        HeartbeatBatcher batcher = batcher(manual);
        batcher.recordEvent("WIN10$", "10.0.0.1", sub);
        batcher.recordHeartbeat("DC$", "10.0.0.3", sub);
        db.fail(Call.STORE_HEARTBEATS, FaultyStorage::unavailable);
        assertThat(batcher.flushNow()).isFalse();
        assertThat(batcher.stats().cached()).isEqualTo(2);
        clock.setSeconds(1005);
        batcher.recordHeartbeat("WIN10$", "10.0.0.2", sub);
        db.heal();
        assertThat(batcher.flushNow()).isTrue();
        assertThat(row("WIN10$")).isEqualTo(new Row("10.0.0.2", 1005, 1005, 1000L));
        assertThat(row("DC$")).isEqualTo(new Row("10.0.0.3", 1000, 1000, null));
        assertThat(batcher.stats().failedFlushes()).isEqualTo(1);
        assertThat(batcher.stats().cached()).isZero();
    }

    @Test
    void aFailedBatchMergedBackUnderMoreRecentEntriesKeepsTheNewest() {
        HeartbeatBatcher batcher = batcher(manual);
        for (int i = 0; i < 10; i++) {
            batcher.recordHeartbeat("M" + i, "old", sub);
        }
        db.fail(Call.STORE_HEARTBEATS, FaultyStorage::unavailable);
        assertThat(batcher.flushNow()).isFalse();
        clock.setSeconds(1001);
        batcher.recordHeartbeat("M3", "new", sub); // fewer entries since than in the failed batch
        db.heal();
        assertThat(batcher.flushNow()).isTrue();
        assertThat(row("M3")).isEqualTo(new Row("new", 1001, 1001, null));
        assertThat(row("M4")).isEqualTo(new Row("old", 1000, 1000, null));
        assertThat(heartbeatRows(db)).isEqualTo(10);
    }

    @Test
    void flushesEveryInterval() {
        HeartbeatBatcher batcher = batcher(manual.withFlushInterval(Duration.ofMillis(50)));
        batcher.recordHeartbeat("WIN10$", "10.0.0.1", sub);
        scheduler.advance(Duration.ofMillis(49));
        assertThat(row("WIN10$")).isNull();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(row("WIN10$")).isNotNull();
        batcher.recordHeartbeat("DC$", "10.0.0.2", sub);
        scheduler.advance(Duration.ofMillis(50));
        assertThat(row("DC$")).isNotNull();
        assertThat(batcher.stats().flushes()).isEqualTo(2);
    }

    @Test
    void entriesOfDeletedSubscriptionsAreDroppedAndCounted() {
        HeartbeatBatcher batcher = batcher(manual);
        batcher.recordHeartbeat("WIN10$", "10.0.0.1", UUID.randomUUID());
        batcher.recordHeartbeat("WIN10$", "10.0.0.1", sub);
        assertThat(batcher.flushNow()).isTrue();
        assertThat(batcher.stats().dropped()).isEqualTo(1);
        assertThat(batcher.stats().flushedEntries()).isEqualTo(1);
        assertThat(batcher.stats().cached()).isZero();
    }

    @Test
    void atTheBoundNewClientsWaitUntilAFlushSucceeds() throws Exception {
        HeartbeatBatcher batcher = batcher(manual.withFlushInterval(Duration.ofMillis(100)).withMaxEntries(2));
        db.fail(Call.STORE_HEARTBEATS, FaultyStorage::unavailable);
        batcher.recordHeartbeat("A", "ip", sub);
        batcher.recordHeartbeat("B", "ip", sub);
        Future<?> c = threads.submit(() -> batcher.recordHeartbeat("C", "ip", sub));
        until("C to flush at once, in vain, and wait for room", () -> db.count(Call.STORE_HEARTBEATS) == 1
                && batcher.stats().failedFlushes() == 1 && batcher.stats().waiting() == 1);
        Future<?> d = threads.submit(() -> batcher.recordHeartbeat("D", "ip", sub));
        until("D to wait for room", () -> batcher.stats().waiting() == 2);
        assertThat(db.count(Call.STORE_HEARTBEATS)).as("later ones wait for the next tick").isEqualTo(1);
        assertThat(batcher.offer("E", "ip", sub, false, Duration.ZERO)).as("back-pressure").isFalse();
        batcher.recordHeartbeat("A", "ip2", sub); // a cached client merges in place
        assertThat(batcher.stats().cached() + batcher.stats().flushing()).isLessThanOrEqualTo(2);
        assertThat(batcher.stats().stalls()).isEqualTo(3);
        assertThat(c).isNotDone();
        assertThat(d).isNotDone();

        db.heal();
        scheduler.advance(Duration.ofMillis(100)); // the tick writes A and B: C and D get in
        c.get(10, TimeUnit.SECONDS);
        d.get(10, TimeUnit.SECONDS);
        assertThat(heartbeatRows(db)).isEqualTo(2);
        assertThat(batcher.stats().cached()).isEqualTo(2);
        assertThat(batcher.offer("E", "ip", sub, false, Duration.ofSeconds(10)))
                .as("a new episode: the first caller at the bound flushes at once again").isTrue();
        batcher.close();
        assertThat(heartbeatRows(db)).isEqualTo(5);
        assertThat(row("A").ip()).isEqualTo("ip2");
        assertThat(batcher.stats().lost()).isZero();
    }

    @Test
    void closeFlushesEverythingRecordedUnderLoad() throws Exception {
        HeartbeatBatcher batcher = batcher(manual.withFlushInterval(Duration.ofMillis(20)));
        AtomicInteger accepted = new AtomicInteger();
        List<Future<?>> producers = new ArrayList<>();
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
        for (int tick = 1; tick <= 5; tick++) {
            int atLeast = accepted.get() + 1000;
            until("1000 more heartbeats recorded", () -> accepted.get() >= atLeast);
            scheduler.advance(Duration.ofMillis(20)); // flushes while the producers record
        }
        batcher.close();
        for (Future<?> f : producers) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(batcher.stats().recorded()).isEqualTo(accepted.get());
        assertThat(batcher.stats().flushes()).isGreaterThanOrEqualTo(5);
        Set<String> machines = db.wrapped().heartbeats().heartbeatPage(null, Integer.MAX_VALUE).stream()
                .map(HeartbeatRecord::machine).collect(Collectors.toSet());
        long expectedRows = 0;
        for (int p = 0; p < 8; p++) {
            for (int i = 0; i < 500; i++) {
                if (machines.contains("M" + p + "-" + i)) {
                    expectedRows++;
                }
            }
        }
        assertThat(heartbeatRows(db)).isEqualTo((int) expectedRows);
        assertThat(expectedRows).isPositive();
        assertThat(batcher.stats().cached()).isZero();
        assertThat(batcher.stats().lost()).isZero();
        assertThatThrownBy(() -> batcher.recordHeartbeat("late", "ip", sub)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeReportsWhatItCouldNotFlush() throws Exception {
        HeartbeatBatcher batcher = batcher(manual.withShutdownTimeout(Duration.ofMillis(300)));
        batcher.recordHeartbeat("A", "ip", sub);
        db.fail(Call.STORE_HEARTBEATS, FaultyStorage::unavailable);
        Future<?> closing = threads.submit(batcher::close);
        scheduler.awaitSleeping(1);
        scheduler.advance(Duration.ofMillis(300));
        assertThatThrownBy(closing::get).hasCauseInstanceOf(StorageException.class).hasMessageContaining("1 heartbeats");
        assertThat(batcher.stats().lost()).isEqualTo(1);
        assertThat(db.count(Call.STORE_HEARTBEATS)).as("tried at once, then after 300 ms").isEqualTo(2);
    }

    @Test
    void closeRetriesTheFinalFlushEverySecondUntilTheDatabaseReturns() throws Exception {
        HeartbeatBatcher batcher = batcher(manual.withShutdownTimeout(Duration.ofSeconds(10)));
        batcher.recordHeartbeat("A", "ip", sub);
        db.fail(Call.STORE_HEARTBEATS, FaultyStorage::unavailable);
        Future<?> closing = threads.submit(batcher::close);
        scheduler.awaitSleeping(1);
        scheduler.advance(Duration.ofSeconds(1));
        scheduler.awaitSleeping(1);
        assertThat(db.count(Call.STORE_HEARTBEATS)).isEqualTo(2);
        db.heal();
        scheduler.advance(Duration.ofSeconds(1));
        closing.get(10, TimeUnit.SECONDS);
        assertThat(row("A")).isNotNull();
        assertThat(batcher.stats().lost()).isZero();
    }

    @Test
    void aCallerWaitingForRoomAtShutdownGetsInAndIsFlushed() throws Exception {
        HeartbeatBatcher batcher = batcher(manual.withMaxEntries(1));
        db.fail(Call.STORE_HEARTBEATS, FaultyStorage::unavailable);
        batcher.recordHeartbeat("A", "ip", sub);
        Future<?> b = threads.submit(() -> batcher.recordHeartbeat("B", "ip", sub));
        until("B to flush in vain and wait for room", () -> batcher.stats().failedFlushes() == 1
                && batcher.stats().waiting() == 1);
        db.heal();
        batcher.close();
        b.get(10, TimeUnit.SECONDS);
        assertThat(row("A")).isNotNull();
        assertThat(row("B")).isNotNull();
        assertThat(batcher.stats().lost()).isZero();
    }

    @Test
    void closeStopsTheFlushTicker() {
        HeartbeatBatcher batcher = batcher(manual);
        assertThat(scheduler.repeating()).containsExactly("openwec-heartbeat-flush");
        batcher.close();
        assertThat(scheduler.repeating()).isEmpty();
    }
}
