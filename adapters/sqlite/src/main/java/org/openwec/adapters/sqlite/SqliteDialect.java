package org.openwec.adapters.sqlite;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openwec.adapters.sql.HeartbeatRow;
import org.openwec.adapters.sql.SqlBookmarkAdapter;
import org.openwec.adapters.sql.SqlDatabase;
import org.openwec.adapters.sql.SqlDialect;
import org.openwec.adapters.sql.SqlFailure;
import org.openwec.adapters.sql.SqlTypes;
import org.openwec.core.model.Bookmark;
import org.sqlite.SQLiteException;

/**
 * SQLite's side of the shared adapters. Both batch writes are a plain JDBC batch in one IMMEDIATE
 * transaction: SQLite runs in-process, so a statement per row costs microseconds, and one commit (one
 * sync of the WAL) is what a batch saves.
 */
final class SqliteDialect implements SqlDialect {
    static final SqliteDialect INSTANCE = new SqliteDialect();

    /**
     * One upsert per row: ?1 machine, ?2 ip, ?3 subscription, ?4 first_seen, ?5 last_seen, ?6 last_event_seen.
     * The EXISTS guard turns a row whose subscription was deleted meanwhile into a no-op (reported as
     * skipped) instead of a foreign-key failure that would roll back the whole flush. The last sightings
     * never move backwards, so an older flush from another node cannot undo a newer one, first_seen keeps
     * the earliest sighting whichever node flushed first, and the IP follows the newest sighting (the
     * reference updates it on PostgreSQL only).
     */
    static final String UPSERT_HEARTBEAT = """
            INSERT INTO heartbeats (machine, ip, subscription, first_seen, last_seen, last_event_seen)
            SELECT ?1, ?2, ?3, ?4, ?5, ?6
            WHERE EXISTS (SELECT 1 FROM subscriptions WHERE uuid = ?3)
            ON CONFLICT (machine, subscription) DO UPDATE SET
                ip = CASE WHEN heartbeats.last_seen IS NULL OR excluded.last_seen >= heartbeats.last_seen
                          THEN excluded.ip ELSE heartbeats.ip END,
                first_seen = min(coalesce(heartbeats.first_seen, excluded.first_seen), excluded.first_seen),
                last_seen = max(coalesce(heartbeats.last_seen, excluded.last_seen), excluded.last_seen),
                last_event_seen = CASE WHEN excluded.last_event_seen IS NULL THEN heartbeats.last_event_seen
                                       ELSE max(coalesce(heartbeats.last_event_seen, excluded.last_event_seen),
                                                excluded.last_event_seen) END
            """;

    private SqliteDialect() {}

    /** By the extended result code: sqlite-jdbc reports SQLITE_CONSTRAINT_FOREIGNKEY, _UNIQUE, ... */
    @Override
    public SqlFailure classify(Throwable failure) {
        SQLiteException sqlite = SqliteErrors.find(failure);
        if (sqlite == null || sqlite.getResultCode() == null) {
            return SqlFailure.OTHER;
        }
        return switch (sqlite.getResultCode()) {
            case SQLITE_CONSTRAINT_FOREIGNKEY -> SqlFailure.MISSING_SUBSCRIPTION;
            case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY -> SqlFailure.DUPLICATE;
            default -> SqlFailure.OTHER;
        };
    }

    @Override
    public boolean booleansAsIntegers() {
        return true;
    }

    @Override
    public String schemaTableQuery() {
        return "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__schema_migrations'";
    }

    @Override
    public void storeBookmarks(SqlDatabase db, List<Bookmark> keyOrdered) {
        db.inTransaction("store bookmarks", s -> {
            PreparedStatement upsert = s.prepared(SqlBookmarkAdapter.UPSERT);
            UUID subscription = null;
            String key = null;
            for (Bookmark b : keyOrdered) {
                if (!b.subscription().equals(subscription)) {
                    subscription = b.subscription();
                    key = SqlTypes.storedKey(subscription);
                }
                upsert.setString(1, b.machine());
                upsert.setString(2, key);
                upsert.setString(3, b.bookmark());
                upsert.addBatch();
            }
            return upsert.executeBatch();
        });
    }

    @Override
    public List<HeartbeatRow> storeHeartbeats(SqlDatabase db, List<HeartbeatRow> keyOrdered) {
        int[] counts = db.inTransaction("store heartbeats", s -> {
            PreparedStatement upsert = s.prepared(UPSERT_HEARTBEAT);
            for (HeartbeatRow row : keyOrdered) {
                upsert.setString(1, row.machine());
                upsert.setString(2, row.ip());
                upsert.setString(3, row.subscriptionKey());
                upsert.setLong(4, row.firstSeen());
                upsert.setLong(5, row.lastSeen());
                if (row.lastEventSeen() == null) {
                    upsert.setNull(6, Types.BIGINT);
                } else {
                    upsert.setLong(6, row.lastEventSeen());
                }
                upsert.addBatch();
            }
            return upsert.executeBatch();
        });
        List<HeartbeatRow> skipped = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                skipped.add(keyOrdered.get(i));
            }
        }
        return skipped;
    }
}
