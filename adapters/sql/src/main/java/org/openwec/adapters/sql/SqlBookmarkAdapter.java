package org.openwec.adapters.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.RowKey;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.out.BookmarkPort;

/**
 * Bookmarks on either SQL backend. The lookup and the store are the collector's hot path: each runs one
 * statement prepared once per connection, bound by position; the rest goes through Jdbi.
 */
public final class SqlBookmarkAdapter implements BookmarkPort {
    private static final String SELECT = "SELECT bookmark FROM bookmarks WHERE machine = ? AND subscription = ?";
    /** The upsert of one bookmark: ?1 machine, ?2 subscription (stored key), ?3 bookmark. */
    public static final String UPSERT = """
            INSERT INTO bookmarks (machine, subscription, bookmark) VALUES (?, ?, ?)
            ON CONFLICT (machine, subscription) DO UPDATE SET bookmark = excluded.bookmark
            """;

    private final SqlDatabase db;
    private final SqlDialect dialect;

    public SqlBookmarkAdapter(SqlDatabase db, SqlDialect dialect) {
        this.db = db;
        this.dialect = dialect;
    }

    @Override
    public Optional<String> bookmark(String machine, UUID subscription) {
        String key = SqlTypes.storedKey(subscription);
        return db.read("read a bookmark", s -> {
            PreparedStatement select = s.prepared(SELECT);
            select.setString(1, machine);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        });
    }

    @Override
    public List<Bookmark> bookmarks(UUID subscription) {
        return db.read("list bookmarks", s -> s.handle().createQuery("""
                        SELECT machine, subscription, bookmark FROM bookmarks WHERE subscription = :subscription
                        ORDER BY machine""")
                .bind("subscription", subscription)
                .mapTo(Bookmark.class).list());
    }

    /** One autocommitted upsert: repeating it after an ambiguous commit leaves the same row. */
    @Override
    public void storeBookmark(String machine, UUID subscription, String bookmark) {
        String key = SqlTypes.storedKey(subscription);
        try {
            db.write("store a bookmark", s -> {
                PreparedStatement upsert = s.prepared(UPSERT);
                upsert.setString(1, machine);
                upsert.setString(2, key);
                upsert.setString(3, bookmark);
                return upsert.executeUpdate();
            });
        } catch (RuntimeException e) {
            if (dialect.classify(e) == SqlFailure.MISSING_SUBSCRIPTION) {
                throw new UserError("Cannot store a bookmark for subscription " + Uuids.lowerCase(subscription)
                        + ": it does not exist.", e);
            }
            throw e;
        }
    }

    @Override
    public void storeBookmarks(Collection<Bookmark> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            dialect.storeBookmarks(db, KeyOrder.bookmarks(batch));
        } catch (RuntimeException e) {
            if (dialect.classify(e) == SqlFailure.MISSING_SUBSCRIPTION) {
                throw new UserError("Cannot store these " + batch.size()
                        + " bookmarks: one of their subscriptions does not exist. Nothing was stored.", e);
            }
            throw e;
        }
    }

    @Override
    public List<Bookmark> bookmarkPage(RowKey after, int limit) {
        return db.read("read bookmarks", s -> s.handle().createQuery("""
                        SELECT machine, subscription, bookmark FROM bookmarks
                        WHERE CAST(:machine AS TEXT) IS NULL
                           OR machine > :machine OR (machine = :machine AND subscription > :subscription)
                        ORDER BY machine, subscription
                        LIMIT :limit""")
                .bindByType("subscription", after == null ? null : after.subscription(), UUID.class)
                .bind("machine", after == null ? null : after.machine())
                .bind("limit", limit)
                .mapTo(Bookmark.class).list());
    }

    @Override
    public void deleteBookmarks(String machine, UUID subscription) {
        db.write("delete bookmarks", s -> s.handle().createUpdate("""
                        DELETE FROM bookmarks
                        WHERE (CAST(:machine AS TEXT) IS NULL OR machine = :machine)
                          AND (CAST(:subscription AS TEXT) IS NULL OR subscription = :subscription)
                        """)
                .bind("machine", machine)
                .bindByType("subscription", subscription, UUID.class)
                .execute());
    }
}
