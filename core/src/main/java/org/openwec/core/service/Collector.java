package org.openwec.core.service;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.in.EnumerateSubscriptions;
import org.openwec.core.port.in.RecordEventsBatch;
import org.openwec.core.port.in.RecordHeartbeat;
import org.openwec.core.port.out.OutputPort;
import org.openwec.core.port.out.Storage;

/**
 * A running collector's core, which the server holds from start to stop: the start-up schema check, then
 * the active subscriptions, the bookmark group commit and the heartbeat batcher over one {@link Storage} and
 * one {@link OutputPort}, seen by request handlers through the three inbound ports. {@link #reload} is what
 * SIGHUP does; {@link #close} stops in the order that loses nothing. The {@code Storage} and the outputs
 * stay the caller's to close, after this.
 */
public final class Collector implements AutoCloseable {

    /**
     * @param dbSyncInterval the reference's {@code server.db_sync_interval}
     */
    public record Settings(Duration dbSyncInterval, BookmarkGroupCommit.Settings bookmarks,
                           HeartbeatBatcher.Settings heartbeats) {
        public Settings {
            Objects.requireNonNull(dbSyncInterval, "dbSyncInterval");
            Objects.requireNonNull(bookmarks, "bookmarks");
            Objects.requireNonNull(heartbeats, "heartbeats");
        }

        /** The reference's defaults (5 s sync, 5 s flush) and ours for the rest (one bookmark lane, for SQLite). */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), BookmarkGroupCommit.Settings.defaults(),
                    HeartbeatBatcher.Settings.defaults());
        }

        public Settings withDbSyncInterval(Duration value) {
            return new Settings(value, bookmarks, heartbeats);
        }

        public Settings withBookmarks(BookmarkGroupCommit.Settings value) {
            return new Settings(dbSyncInterval, value, heartbeats);
        }

        public Settings withHeartbeats(HeartbeatBatcher.Settings value) {
            return new Settings(dbSyncInterval, bookmarks, value);
        }
    }

    /** Counters of the three parts, for metrics and logs. */
    public record Stats(BookmarkGroupCommit.Stats bookmarks, HeartbeatBatcher.Stats heartbeats, int activeSubscriptions,
                        long reloads, long failedReloads) {}

    private final OutputPort outputs;
    private final ActiveSubscriptions subscriptions;
    private final BookmarkGroupCommit bookmarks;
    private final HeartbeatBatcher heartbeats;
    private final RecordEventsBatch events;
    private final RecordHeartbeat heartbeatService;

    private Collector(Storage storage, OutputPort outputs, Settings settings, Clock clock, Scheduler scheduler) {
        this.outputs = outputs;
        this.bookmarks = new BookmarkGroupCommit(storage.bookmarks(), storage.subscriptions(), settings.bookmarks());
        this.heartbeats = new HeartbeatBatcher(storage.heartbeats(), settings.heartbeats(), clock, scheduler);
        ActiveSubscriptions active;
        try {
            active = new ActiveSubscriptions(storage.subscriptions(), storage.bookmarks(), settings.dbSyncInterval(),
                    scheduler, bookmarks.known());
        } catch (RuntimeException | Error e) {
            closeQuietly(heartbeats);
            throw e;
        }
        this.subscriptions = active;
        this.events = new EventsBatchService(subscriptions, outputs, bookmarks, heartbeats);
        this.heartbeatService = new HeartbeatService(subscriptions, heartbeats);
    }

    /**
     * Refuses a schema this binary does not know exactly (outdated: the reference's message asking for
     * {@code openwec db upgrade}), then loads the subscriptions (a database that is away is logged and
     * retried every {@code dbSyncInterval}) and starts the periodic work on {@code scheduler}.
     *
     * @param clock stamps heartbeats (Unix seconds)
     * @throws org.openwec.core.model.UserError when the schema is not the one this binary knows
     */
    public static Collector start(Storage storage, OutputPort outputs, Settings settings, Clock clock,
                                  Scheduler scheduler) {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
        new SchemaService(storage.schema(), storage.location(), MigrationEngine.Listener.SILENT).requireUpToDate();
        return new Collector(storage, outputs, settings, clock, scheduler);
    }

    /** {@link #start(Storage, OutputPort, Settings, Clock, Scheduler)} on the system's clock and scheduler. */
    public static Collector start(Storage storage, OutputPort outputs, Settings settings) {
        return start(storage, outputs, settings, Clock.systemUTC(), Scheduler.system());
    }

    /** Enumerate requests. */
    public EnumerateSubscriptions enumerate() {
        return subscriptions;
    }

    /** Events messages. */
    public RecordEventsBatch events() {
        return events;
    }

    /** Heartbeat messages. */
    public RecordHeartbeat heartbeats() {
        return heartbeatService;
    }

    /**
     * SIGHUP: reads the subscriptions again now and has the outputs reopen their files and connections
     * (log rotation).
     *
     * @return false when the subscriptions could not be read (the previous set is kept, and logged)
     */
    public boolean reload() {
        boolean loaded = subscriptions.reload();
        outputs.reopen();
        return loaded;
    }

    /** The active subscriptions held now, in name order (metrics, and checks of their outputs after a reload). */
    public List<Subscription> activeSubscriptions() {
        return subscriptions.active();
    }

    public Stats stats() {
        return new Stats(bookmarks.stats(), heartbeats.stats(), subscriptions.active().size(), subscriptions.reloads(),
                subscriptions.failedReloads());
    }

    /** Flushes the heartbeat cache now instead of at the next tick (false if that failed); for tools and tests. */
    public boolean flushHeartbeats() {
        return heartbeats.flushNow();
    }

    /**
     * Stops in the order that loses nothing: no more reloads; every bookmark already queued is committed (its
     * caller gets the answer); every cached heartbeat is flushed, retrying for up to the shutdown timeout. The
     * server must have stopped taking requests before; calls made after this fail with
     * {@link IllegalStateException}.
     *
     * @throws org.openwec.core.model.StorageException when heartbeats could not be flushed in time (they are logged)
     */
    @Override
    public void close() {
        try {
            subscriptions.close();
        } finally {
            try {
                bookmarks.close();
            } finally {
                heartbeats.close();
            }
        }
    }

    private static void closeQuietly(HeartbeatBatcher batcher) {
        try {
            batcher.close();
        } catch (RuntimeException ignored) {
            // It holds nothing yet: the start-up failure is what the caller needs to see.
        }
    }
}
