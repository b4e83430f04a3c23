package org.openwec.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.adapters.testkit.time.PerThreadClock;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.OutputPort;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.BookmarkGroupCommit;
import org.openwec.core.service.Collector;
import org.openwec.core.service.HeartbeatBatcher;
import org.openwec.core.service.Scheduler;

/**
 * The collector engine under load while the database is unavailable: another process holds SQLite's write
 * lock for 30 s, so every write waits for the busy timeout and fails with SQLITE_BUSY. Acknowledged
 * bookmarks must all be stored, failed ones reported to their callers, and no heartbeat lost once the lock
 * is released; closing under load must flush everything.
 */
class SqliteCollectorOutageTest {
    private static final Pattern RECORD_ID = Pattern.compile("RecordId=\"(\\d+)\"");

    @TempDir
    Path directory;
    private SqliteTestDatabases databases;
    private Storage storage;
    private Subscription subscription;

    /** The engine logs through System.Logger (java.util.logging here): kept for assertions, off the console. */
    static final class EngineLog extends java.util.logging.Handler {
        private static final java.util.logging.Logger ENGINE = java.util.logging.Logger.getLogger("org.openwec.core.service");
        final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();

        EngineLog() {
            ENGINE.addHandler(this);
            ENGINE.setUseParentHandlers(false);
        }

        @Override
        public void publish(java.util.logging.LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                warnings.add(record.getMessage());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            ENGINE.removeHandler(this);
            ENGINE.setUseParentHandlers(true);
        }

        boolean has(String fragment) {
            return warnings.stream().anyMatch(w -> w.contains(fragment));
        }
    }

    private EngineLog engineLog;

    @BeforeEach
    void open() {
        engineLog = new EngineLog();
        databases = new SqliteTestDatabases(directory);
        storage = databases.initialised();
        subscription = Subscription.create("outage", "<QueryList/>")
                .withOutputs(List.of(new Output(OutputFormat.Raw, new OutputDriver.Files("/dev/null"), true)));
        storage.subscriptions().storeSubscription(subscription);
    }

    @AfterEach
    void close() throws Exception {
        engineLog.close();
        databases.close();
    }

    /** What one client saw: its last acknowledged bookmark, the last one it tried, and its heartbeats. */
    static final class ClientLog {
        final String machine;
        volatile long lastAcked;
        volatile long lastAttempted;
        volatile long lastSeen = -1;
        volatile long lastEventSeen = -1;

        ClientLog(String machine) {
            this.machine = machine;
        }
    }

    /** Clients storing bookmarks and sending heartbeats until stopped or until the collector refuses them. */
    static final class Load {
        final Map<String, ClientLog> clients = new ConcurrentHashMap<>();
        final AtomicLong acked = new AtomicLong();
        final AtomicLong ackedWhileLocked = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong heartbeats = new AtomicLong();
        volatile boolean locked;
        volatile boolean stop;
        private final List<Thread> threads = new ArrayList<>();

        Load(Collector collector, java.util.UUID subscription, int count) {
            for (int c = 0; c < count; c++) {
                ClientLog log = new ClientLog("WIN-" + c + "$@OUTAGE.LOCAL");
                clients.put(log.machine, log);
                String ip = "10.0.0." + c;
                threads.add(Thread.ofVirtual().start(() -> {
                    long second = 1_735_689_600L;
                    try {
                        while (!stop) {
                            second++;
                            PerThreadClock.setMillis(second * 1000);
                            collector.heartbeats().record(log.machine, null, ip, subscription);
                            log.lastSeen = second;
                            heartbeats.incrementAndGet();
                            long id = log.lastAttempted + 1;
                            log.lastAttempted = id;
                            try {
                                // The events path records the events heartbeat once the bookmark is stored.
                                collector.events().record(new EventsBatch(log.machine, null, ip, subscription, "1", null,
                                        List.of(), bookmark(id), Instant.ofEpochSecond(second)));
                            } catch (IllegalStateException closed) {
                                throw closed;
                            } catch (RuntimeException e) {
                                failed.incrementAndGet();
                                Thread.sleep(50); // the client sends the batch again later
                                continue;
                            }
                            log.lastAcked = id;
                            acked.incrementAndGet();
                            if (locked) {
                                ackedWhileLocked.incrementAndGet();
                            }
                            log.lastSeen = second;
                            log.lastEventSeen = second;
                            Thread.sleep(5);
                        }
                    } catch (IllegalStateException | InterruptedException closedOrStopped) {
                        // The collector shuts down: the client stops.
                    }
                }));
            }
        }

        void stopAndJoin() throws InterruptedException {
            stop = true;
            join();
        }

        void join() throws InterruptedException {
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    /** The events go nowhere: this test is about the database. */
    static final OutputPort NO_OUTPUT = new OutputPort() {
        @Override
        public void write(Subscription subscription, Output output, EventsBatch batch) {}

        @Override
        public void reopen() {}
    };

    static String bookmark(long recordId) {
        return "<BookmarkList><Bookmark Channel=\"Security\" RecordId=\"" + recordId + "\" IsCurrent=\"true\"/></BookmarkList>";
    }

    private Collector start(Duration flushInterval) {
        Collector.Settings settings = new Collector.Settings(Duration.ofSeconds(5),
                BookmarkGroupCommit.Settings.defaults(),
                HeartbeatBatcher.Settings.defaults().withFlushInterval(flushInterval)
                        .withShutdownTimeout(Duration.ofSeconds(60)));
        return Collector.start(storage, NO_OUTPUT, settings, new PerThreadClock(), Scheduler.system());
    }

    /** Everything acknowledged is stored; every heartbeat recorded is in its row. */
    private void assertNothingLost(Load load) {
        Jdbi raw = SqliteTestDatabases.raw(SqliteTestDatabases.pathOf(storage));
        Map<String, String> bookmarks = new ConcurrentHashMap<>();
        Map<String, long[]> heartbeats = new ConcurrentHashMap<>();
        raw.useHandle(h -> {
            h.createQuery("SELECT machine, bookmark FROM bookmarks").map((rs, ctx) -> {
                bookmarks.put(rs.getString(1), rs.getString(2));
                return null;
            }).list();
            h.createQuery("SELECT machine, last_seen, last_event_seen FROM heartbeats").map((rs, ctx) -> {
                long lastEvent = rs.getLong(3);
                heartbeats.put(rs.getString(1), new long[] {rs.getLong(2), rs.wasNull() ? -1 : lastEvent});
                return null;
            }).list();
        });
        for (ClientLog client : load.clients.values()) {
            if (client.lastAcked > 0) {
                String stored = bookmarks.get(client.machine);
                assertThat(stored).as("bookmark of %s", client.machine).isNotNull();
                Matcher m = RECORD_ID.matcher(stored);
                assertThat(m.find()).isTrue();
                assertThat(Long.parseLong(m.group(1))).as("stored record id of %s", client.machine)
                        .isBetween(client.lastAcked, client.lastAttempted);
            }
            if (client.lastSeen > 0) {
                long[] row = heartbeats.get(client.machine);
                assertThat(row).as("heartbeat row of %s", client.machine).isNotNull();
                assertThat(row[0]).as("last_seen of %s", client.machine).isEqualTo(client.lastSeen);
                assertThat(row[1]).as("last_event_seen of %s", client.machine).isEqualTo(client.lastEventSeen);
            }
        }
    }

    @Test
    @Timeout(180)
    void aThirtySecondLockLosesNothing() throws Exception {
        Collector collector = start(Duration.ofMillis(200));
        Load load = new Load(collector, subscription.uuid(), 40);
        Thread.sleep(2_000);
        long ackedBefore = load.acked.get();
        long flushesBefore = collector.stats().heartbeats().flushes();

        try (Connection locker = DriverManager.getConnection("jdbc:sqlite:" + SqliteTestDatabases.pathOf(storage));
             Statement s = locker.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            load.locked = true;
            Thread.sleep(30_000);
            load.locked = false;
            s.execute("ROLLBACK");
        }
        long failedFlushes = collector.stats().heartbeats().failedFlushes();
        long failedDuringOutage = load.failed.get();
        long ackedAtRelease = load.acked.get();

        Thread.sleep(3_000);
        load.stopAndJoin();
        collector.close();
        System.out.printf("outage: %d bookmarks acknowledged before, %d during, %d after; %d failed stores reported; "
                        + "%d heartbeats recorded, %d failed flushes, %d flushes, %d lost%n",
                ackedBefore, load.ackedWhileLocked.get(), load.acked.get() - ackedAtRelease, load.failed.get(),
                load.heartbeats.get(), collector.stats().heartbeats().failedFlushes(),
                collector.stats().heartbeats().flushes(), collector.stats().heartbeats().lost());

        assertThat(ackedBefore).as("bookmarks acknowledged before the outage").isPositive();
        assertThat(flushesBefore).as("heartbeat flushes before the outage").isPositive();
        assertThat(failedDuringOutage).as("failed stores, reported to their callers").isPositive();
        assertThat(failedFlushes).as("heartbeat flushes that failed during the outage").isPositive();
        assertThat(load.acked.get()).as("bookmarks acknowledged after the outage").isGreaterThan(ackedAtRelease);
        assertThat(collector.stats().heartbeats().lost()).isZero();
        assertThat(collector.stats().heartbeats().cached()).isZero();
        assertThat(engineLog.has("Failed to commit")).as("failed commits are logged").isTrue();
        assertThat(engineLog.has("kept for the next attempt")).as("failed flushes are logged").isTrue();
        assertNothingLost(load);
    }

    @Test
    @Timeout(60)
    void closingUnderLoadFlushesEverything() throws Exception {
        Collector collector = start(Duration.ofSeconds(1));
        Load load = new Load(collector, subscription.uuid(), 40);
        Thread.sleep(2_500);
        collector.close(); // the clients are still sending: they stop when the collector refuses them
        load.join();
        assertThat(load.acked.get()).isPositive();
        assertThat(collector.stats().heartbeats().lost()).isZero();
        assertNothingLost(load);
    }
}
