package org.openwec.adapters.postgres;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.RowKey;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.out.BookmarkPort;

final class PostgresBookmarkAdapter implements BookmarkPort {
    private static final String UPSERT = """
            INSERT INTO bookmarks (machine, subscription, bookmark)
            VALUES (:machine, :subscription, :bookmark)
            ON CONFLICT (machine, subscription) DO UPDATE SET bookmark = excluded.bookmark
            """;
    private final PostgresDatabase db;

    PostgresBookmarkAdapter(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<String> bookmark(String machine, UUID subscription) {
        return db.withHandle("read a bookmark", h -> h
                .createQuery("SELECT bookmark FROM bookmarks WHERE machine = :machine AND subscription = :subscription")
                .bind("machine", machine)
                .bind("subscription", Uuids.storedKey(subscription))
                .mapTo(String.class).findOne());
    }

    @Override
    public List<Bookmark> bookmarks(UUID subscription) {
        return db.withHandle("list bookmarks", h -> h
                .createQuery("SELECT machine, bookmark FROM bookmarks WHERE subscription = :subscription ORDER BY machine")
                .bind("subscription", Uuids.storedKey(subscription))
                .map((rs, ctx) -> new Bookmark(rs.getString("machine"), subscription, rs.getString("bookmark")))
                .list());
    }

    /** An upsert: repeating it after an ambiguous commit leaves the same row. */
    @Override
    public void storeBookmark(String machine, UUID subscription, String bookmark) {
        try {
            db.withHandle("store a bookmark", h -> h.createUpdate(UPSERT)
                    .bind("machine", machine)
                    .bind("subscription", Uuids.storedKey(subscription))
                    .bind("bookmark", bookmark)
                    .execute());
        } catch (StorageException e) {
            if ("23503".equals(TransientFailures.sqlState(e))) {
                throw new UserError("Cannot store a bookmark for subscription " + Uuids.lowerCase(subscription)
                        + ": it does not exist.", e);
            }
            throw e;
        }
    }

    /**
     * One transaction. Rows are written in key order (a stable sort, so a later entry for the same key still
     * wins): concurrent batches then lock rows in the same order and cannot deadlock each other.
     */
    @Override
    public void storeBookmarks(Collection<Bookmark> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Bookmark> ordered = batch.stream()
                .sorted(Comparator.comparing(Bookmark::machine).thenComparing(b -> Uuids.storedKey(b.subscription())))
                .toList();
        try {
            db.inTransaction("store bookmarks", h -> {
                PreparedBatch statements = h.prepareBatch(UPSERT);
                for (Bookmark b : ordered) {
                    statements.bind("machine", b.machine())
                            .bind("subscription", Uuids.storedKey(b.subscription()))
                            .bind("bookmark", b.bookmark())
                            .add();
                }
                return statements.execute();
            });
        } catch (StorageException e) {
            if ("23503".equals(TransientFailures.sqlState(e))) {
                throw new UserError("Cannot store these " + batch.size()
                        + " bookmarks: one of their subscriptions does not exist. Nothing was stored.", e);
            }
            throw e;
        }
    }

    @Override
    public List<Bookmark> bookmarkPage(RowKey after, int limit) {
        return db.withHandle("read bookmarks", h -> h.createQuery("""
                        SELECT machine, subscription, bookmark FROM bookmarks
                        WHERE CAST(:machine AS TEXT) IS NULL
                           OR machine > :machine OR (machine = :machine AND subscription > :subscription)
                        ORDER BY machine, subscription
                        LIMIT :limit""")
                .bind("subscription", after == null ? null : Uuids.storedKey(after.subscription()))
                .bind("machine", after == null ? null : after.machine())
                .bind("limit", limit)
                .map((rs, ctx) -> new Bookmark(rs.getString("machine"),
                        Uuids.parseOrThrow(rs.getString("subscription"), "bookmarks.subscription"), rs.getString("bookmark")))
                .list());
    }

    @Override
    public void deleteBookmarks(String machine, UUID subscription) {
        db.withHandle("delete bookmarks", h -> h.createUpdate("""
                        DELETE FROM bookmarks
                        WHERE (CAST(:machine AS TEXT) IS NULL OR machine = :machine)
                          AND (CAST(:subscription AS TEXT) IS NULL OR subscription = :subscription)
                        """)
                .bind("machine", machine)
                .bind("subscription", subscription == null ? null : Uuids.storedKey(subscription))
                .execute());
    }
}
