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
    /** The same upsert as both bookmark adapters. */
    String UPSERT_BOOKMARK = """
            INSERT INTO bookmarks (machine, subscription, bookmark)
            VALUES (?, ?, ?)
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
     * Ways of writing 100 bookmarks in one transaction from one writer: the ceiling a group commit can
     * approach. The first is the adapters' SQL (a JDBC batch of the upsert); others, if any, are what-ifs.
     */
    List<RawBookmarkBatch> bookmarkCeilings();

    interface RawBookmarkBatch {
        String name();

        /** Writes the batch in one transaction (autocommit is on when called and must be on after). */
        void write(Connection connection, List<org.openwec.core.model.Bookmark> batch) throws SQLException;
    }

    /** The adapters' way: a JDBC batch of {@link #UPSERT_BOOKMARK} in one transaction. */
    static void jdbcBatch(Connection c, List<org.openwec.core.model.Bookmark> batch) throws SQLException {
        c.setAutoCommit(false);
        try (java.sql.PreparedStatement ps = c.prepareStatement(UPSERT_BOOKMARK)) {
            for (org.openwec.core.model.Bookmark b : batch) {
                ps.setString(1, b.machine());
                ps.setString(2, org.openwec.core.model.Uuids.storedKey(b.subscription()));
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

    RawBookmarkBatch JDBC_BATCH = new RawBookmarkBatch() {
        @Override
        public String name() {
            return "JDBC batch of 100, 1 txn";
        }

        @Override
        public void write(Connection connection, List<org.openwec.core.model.Bookmark> batch) throws SQLException {
            jdbcBatch(connection, batch);
        }
    };

    /** Ways of writing a heartbeat flush with the adapter's SQL, by name; the fastest one is the baseline. */
    List<RawFlush> rawFlushes();

    interface RawFlush {
        String name();

        void flush(Connection connection, List<HeartbeatUpdate> updates) throws SQLException;
    }

    @Override
    void close() throws Exception;
}
