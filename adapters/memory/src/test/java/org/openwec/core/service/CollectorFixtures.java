package org.openwec.core.service;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.openwec.adapters.memory.InMemoryStorage;
import org.openwec.adapters.testkit.FaultyStorage;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.model.HeartbeatRecord;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.Storage;

/** What the engine's tests share: an in-memory database behind the fault decorator, and test data. */
final class CollectorFixtures {
    private CollectorFixtures() {}

    /** A heartbeats row as the tests compare it. */
    record Row(String ip, long firstSeen, long lastSeen, Long lastEventSeen) {}

    /** What {@code openwec db init} leaves, in memory, behind a fault decorator with nothing armed. */
    static FaultyStorage faultyStorage() {
        Storage storage = InMemoryStorage.create();
        new SchemaService(storage.schema(), storage.location(), MigrationEngine.Listener.SILENT).init();
        return FaultyStorage.wrap(storage);
    }

    /** An active subscription: enabled, with one enabled output. */
    static Subscription active(String name) {
        return Subscription.create(name, "query")
                .withOutputs(List.of(new Output(OutputFormat.Raw, new OutputDriver.Files("/tmp/{client}"), true)));
    }

    static String bookmark(String channel, long recordId) {
        return "<BookmarkList><Bookmark Channel=\"" + channel + "\" RecordId=\"" + recordId
                + "\" IsCurrent=\"true\"/></BookmarkList>";
    }

    /** The stored bookmark, read past the fault decorator (not counted, never failed). */
    static String storedBookmark(FaultyStorage db, String machine, UUID subscription) {
        return db.wrapped().bookmarks().bookmark(machine, subscription).orElse(null);
    }

    /** The stored heartbeats row, read past the fault decorator; null when there is none. */
    static Row heartbeat(FaultyStorage db, String machine, UUID subscription) {
        for (HeartbeatRecord r : db.wrapped().heartbeats().heartbeatPage(null, Integer.MAX_VALUE)) {
            if (r.machine().equals(machine) && r.subscription().equals(subscription)) {
                return new Row(r.ip(), r.firstSeen(), r.lastSeen(), r.lastEventSeen());
            }
        }
        return null;
    }

    static int heartbeatRows(FaultyStorage db) {
        return db.wrapped().heartbeats().heartbeatPage(null, Integer.MAX_VALUE).size();
    }

    /**
     * Waits until another thread has made {@code condition} true (a caller queued, a caller waiting for
     * room), yielding the processor meanwhile. Waits on those threads, not on time: 30 s only bound a broken test.
     */
    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still waiting for: " + what);
            }
            Thread.yield();
        }
    }

    /** Waits until {@code thread} is parked (waiting for a lock, a commit, or room). */
    static void untilWaiting(Thread thread) {
        until(thread.getName() + " to wait", () -> thread.getState() == Thread.State.WAITING);
    }
}
