package org.openwec.adapters.sql;

import java.util.List;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.Subscription;

/**
 * What differs between the SQL backends, and only that: how a failure is classified, how booleans are
 * stored, where the schema table is looked up, and how the two hot batch writes reach the database. The
 * adapters in this package do everything else once for both.
 */
public interface SqlDialect {

    SqlFailure classify(Throwable failure);

    /** SQLite stores booleans as 0 and 1, as the reference's schema declares them INTEGER there. */
    boolean booleansAsIntegers();

    /** A query counting the tables named {@code __schema_migrations} where the adapter works. */
    String schemaTableQuery();

    /** Refuses, with a message for the user, a subscription the backend's columns cannot hold. */
    default void checkStorable(Subscription subscription) {}

    /**
     * Writes a batch of bookmarks all or nothing: in key order, one per key (the last one given), so that
     * concurrent batches lock rows in the same order and a statement never updates a row twice.
     */
    void storeBookmarks(SqlDatabase db, List<Bookmark> keyOrdered);

    /**
     * Upserts heartbeat rows given in key order, one per key, never moving a timestamp backwards; rows whose
     * subscription no longer exists are skipped, not failed, and returned.
     */
    List<HeartbeatRow> storeHeartbeats(SqlDatabase db, List<HeartbeatRow> keyOrdered);
}
