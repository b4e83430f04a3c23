package org.openwec.core.service;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.port.out.Storage;

/**
 * The storage side of a running collector, started in one call: the start-up schema check, then the
 * enumerate path, the bookmark write path and the heartbeat batcher over one {@link Storage}. Closing it
 * stops them in the order that loses nothing: no more reloads, every queued bookmark committed, every cached
 * heartbeat flushed. (Request handlers must have stopped before: the server's shutdown stops its listeners first.)
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

        /** The reference's defaults (5 s sync, 5 s flush, queue of 2048) and ours for the rest. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), BookmarkGroupCommit.Settings.defaults(),
                    HeartbeatBatcher.Settings.defaults());
        }
    }

    private final EnumerateSubscriptions subscriptions;
    private final BookmarkGroupCommit bookmarks;
    private final HeartbeatBatcher heartbeats;
    private final RecordEventsBatch events;

    private Collector(Storage storage, Settings settings, Clock clock) {
        this.bookmarks = new BookmarkGroupCommit(storage.bookmarks(), storage.subscriptions(), settings.bookmarks());
        this.heartbeats = new HeartbeatBatcher(storage.heartbeats(), settings.heartbeats(), clock);
        this.subscriptions = new EnumerateSubscriptions(storage.subscriptions(), storage.bookmarks(),
                settings.dbSyncInterval(), bookmarks.known());
        this.events = new RecordEventsBatch(bookmarks, heartbeats);
    }

    /**
     * Refuses a schema this binary does not know exactly (outdated: the reference's message asking for
     * {@code openwec db upgrade}), then starts.
     *
     * @throws org.openwec.core.model.UserError when the schema is not the one this binary knows
     */
    public static Collector start(Storage storage, Settings settings, Clock clock) {
        new SchemaService(storage.schema(), storage.location(), MigrationEngine.Listener.SILENT).requireUpToDate();
        return new Collector(storage, settings, clock);
    }

    public EnumerateSubscriptions subscriptions() {
        return subscriptions;
    }

    public RecordEventsBatch events() {
        return events;
    }

    public HeartbeatBatcher heartbeats() {
        return heartbeats;
    }

    public BookmarkGroupCommit bookmarks() {
        return bookmarks;
    }

    /** Stops the reloads, commits queued bookmarks, flushes cached heartbeats (see {@link HeartbeatBatcher#close}). */
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
}
