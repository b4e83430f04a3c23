package org.openwec.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.port.out.Storage;

/**
 * One database under test, seen two ways: through the adapter (what the engine uses) and through plain JDBC
 * connections with the same durability settings, for the baselines. The raw SQL is the adapters' SQL,
 * copied with positional parameters.
 */
interface Backend extends AutoCloseable {
    /** The upsert of one bookmark, as SqlBookmarkAdapter runs it on both backends. */
    String UPSERT_BOOKMARK = """
            INSERT INTO bookmarks (machine, subscription, bookmark) VALUES (?, ?, ?)
            ON CONFLICT (machine, subscription) DO UPDATE SET bookmark = excluded.bookmark
            """;

    String SELECT_BOOKMARK = "SELECT bookmark FROM bookmarks WHERE machine = ? AND subscription = ?";

    /** Short name for the table. */
    String name();

    /** Settings that matter for the figures (journal mode, fsync...), checked on the live database. */
    String describe() throws SQLException;

    Storage storage();

    /** The group-commit settings recommended for this backend (docs/engine.md). */
    org.openwec.core.service.BookmarkGroupCommit.Settings groupCommit();

    /** A new connection outside any pool, autocommit on, with the adapter's durability settings. */
    Connection rawConnection() throws SQLException;

    /** The stats statement of the heartbeat adapter; {@link #bindStats} binds it. */
    String statsSql();

    void bindStats(java.sql.PreparedStatement statement, String subscription, long since) throws SQLException;

    /**
     * Ways of writing a batch of bookmarks in one transaction from one writer: the ceiling a group commit can
     * approach. The first is the "batched raw limit" (a JDBC batch of the upsert in one transaction);
     * the one marked {@link RawBookmarkBatch#adapters} is the SQL the adapter's {@code storeBookmarks} runs.
     */
    List<RawBookmarkBatch> bookmarkCeilings();

    interface RawBookmarkBatch {
        String name();

        /** Whether this is the SQL and the commit the adapter's {@code storeBookmarks} uses. */
        boolean adapters();

        /** Writes the batch in one transaction (autocommit is on when called and must be on after). */
        void write(Connection connection, List<org.openwec.core.model.Bookmark> batch) throws SQLException;
    }

    /** A JDBC batch of {@link #UPSERT_BOOKMARK} in one transaction (SQLite's storeBookmarks). */
    static void jdbcBatch(Connection c, List<org.openwec.core.model.Bookmark> batch) throws SQLException {
        c.setAutoCommit(false);
        try (java.sql.PreparedStatement ps = c.prepareStatement(UPSERT_BOOKMARK)) {
            String key = org.openwec.core.model.Uuids.storedKey(batch.get(0).subscription()); // one subscription
            for (org.openwec.core.model.Bookmark b : batch) {
                ps.setString(1, b.machine());
                ps.setString(2, key);
                ps.setString(3, b.bookmark());
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    static RawBookmarkBatch jdbcBatch(boolean adapters) {
        return new RawBookmarkBatch() {
            @Override
            public String name() {
                return "JDBC batch, 1 txn";
            }

            @Override
            public boolean adapters() {
                return adapters;
            }

            @Override
            public void write(Connection connection, List<org.openwec.core.model.Bookmark> batch) throws SQLException {
                jdbcBatch(connection, batch);
            }
        };
    }

    /**
     * Ways of writing a heartbeat flush with the adapter's SQL, by name; the fastest one that commits as
     * the adapter does is the baseline of the target, the fastest of all is shown beside it.
     */
    List<RawFlush> rawFlushes();

    interface RawFlush {
        String name();

        /** Whether it commits as the adapter does (PostgreSQL: one transaction per chunk; SQLite: one for all). */
        boolean commitsLikeTheAdapter();

        void flush(Connection connection, List<HeartbeatUpdate> updates) throws SQLException;
    }

    @Override
    void close() throws Exception;
}
