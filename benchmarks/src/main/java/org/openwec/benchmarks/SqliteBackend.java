package org.openwec.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.openwec.adapters.sqlite.SqliteSettings;
import org.openwec.adapters.sqlite.SqliteStorage;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.out.Storage;

/** A SQLite file in a temporary directory, opened by the adapter with its defaults: WAL, synchronous FULL. */
final class SqliteBackend implements Backend {
    /** SqliteDialect's upsert: ?1 machine, ?2 ip, ?3 subscription, ?4 first_seen, ?5 last_seen, ?6 last_event_seen. */
    private static final String UPSERT_HEARTBEAT = """
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

    /** SqliteHeartbeatAdapter's stats: ?1 since, ?2 subscription. */
    private static final String STATS = """
            SELECT count(*) AS total,
                   coalesce(sum(CASE WHEN last_event_seen > ?1 THEN 1 ELSE 0 END), 0) AS active,
                   coalesce(sum(CASE WHEN last_seen > ?1
                                      AND (last_event_seen IS NULL OR last_event_seen <= ?1)
                                     THEN 1 ELSE 0 END), 0) AS alive,
                   coalesce(sum(CASE WHEN last_seen <= ?1
                                      AND (last_event_seen IS NULL OR last_event_seen <= ?1)
                                     THEN 1 ELSE 0 END), 0) AS dead
            FROM heartbeats WHERE subscription = ?2
            """;

    private final Path directory;
    private final Path file;
    private final Storage storage;

    SqliteBackend() throws IOException {
        this.directory = Files.createTempDirectory("openwec-bench-sqlite");
        this.file = directory.resolve("db.sqlite");
        this.storage = SqliteStorage.open(SqliteSettings.defaults(file), true);
    }

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public String describe() throws SQLException {
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            return "SQLite " + one(s, "SELECT sqlite_version()") + ", journal_mode=" + one(s, "PRAGMA journal_mode")
                    + ", synchronous=" + one(s, "PRAGMA synchronous") + " (2 = FULL), page_size=" + one(s, "PRAGMA page_size")
                    + ", wal_autocheckpoint=" + one(s, "PRAGMA wal_autocheckpoint") + ", file " + file;
        }
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public org.openwec.core.service.BookmarkGroupCommit.Settings groupCommit() {
        return org.openwec.core.service.BookmarkGroupCommit.Settings.defaults();
    }

    @Override
    public Storage storage() {
        return storage;
    }

    /** The adapter's pragmas (SqliteDatabase): WAL, synchronous FULL, foreign keys, 5 s busy timeout, IMMEDIATE. */
    @Override
    public Connection rawConnection() throws SQLException {
        Properties p = new Properties();
        p.setProperty("journal_mode", "WAL");
        p.setProperty("synchronous", "FULL");
        p.setProperty("foreign_keys", "true");
        p.setProperty("busy_timeout", "5000");
        p.setProperty("transaction_mode", "IMMEDIATE");
        p.setProperty("wal_autocheckpoint", "8000");
        return DriverManager.getConnection("jdbc:sqlite:" + file, p);
    }

    @Override
    public List<RawBookmarkBatch> bookmarkCeilings() {
        return List.of(Backend.jdbcBatch(true));
    }

    @Override
    public String statsSql() {
        return STATS;
    }

    @Override
    public void bindStats(PreparedStatement statement, String subscription, long since) throws SQLException {
        statement.setLong(1, since);
        statement.setString(2, subscription);
    }

    @Override
    public List<RawFlush> rawFlushes() {
        return List.of(
                new RawFlush() {
                    @Override
                    public String name() {
                        return "JDBC batch, 1 txn";
                    }

                    @Override
                    public boolean commitsLikeTheAdapter() {
                        return true;
                    }

                    @Override
                    public void flush(Connection c, List<HeartbeatUpdate> updates) throws SQLException {
                        inOneTransaction(c, updates, true);
                    }
                },
                new RawFlush() {
                    @Override
                    public String name() {
                        return "row by row, 1 txn";
                    }

                    @Override
                    public boolean commitsLikeTheAdapter() {
                        return true;
                    }

                    @Override
                    public void flush(Connection c, List<HeartbeatUpdate> updates) throws SQLException {
                        inOneTransaction(c, updates, false);
                    }
                });
    }

    private static void inOneTransaction(Connection c, List<HeartbeatUpdate> updates, boolean batch) throws SQLException {
        c.setAutoCommit(false);
        java.util.Map<java.util.UUID, String> keys = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(UPSERT_HEARTBEAT)) {
            for (HeartbeatUpdate u : updates) {
                ps.setString(1, u.machine());
                ps.setString(2, u.ip());
                ps.setString(3, keys.computeIfAbsent(u.subscription(), Uuids::storedKey));
                ps.setLong(4, u.lastSeen());
                ps.setLong(5, u.lastSeen());
                if (u.lastEventSeen() == null) {
                    ps.setNull(6, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(6, u.lastEventSeen());
                }
                if (batch) {
                    ps.addBatch();
                } else {
                    ps.executeUpdate();
                }
            }
            if (batch) {
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    @Override
    public void close() throws IOException {
        storage.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
