package org.openwec.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.openwec.adapters.postgres.PostgresSettings;
import org.openwec.adapters.postgres.PostgresStorage;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.out.Storage;

/**
 * An embedded PostgreSQL 17 with durable commits. The embedded server's defaults turn fsync and
 * synchronous_commit off (zonky starts postgres with -F); both are turned on again here, and checked.
 */
final class PostgresBackend implements Backend {
    /** PostgresDialect's upsert of one chunk of heartbeats, the six arrays as positional parameters. */
    private static final String UPSERT_CHUNK = """
            WITH stored AS (
            INSERT INTO heartbeats AS h (machine, ip, subscription, first_seen, last_seen, last_event_seen)
            SELECT v.machine, v.ip, v.subscription, v.first_seen, v.last_seen, v.last_event_seen
            FROM unnest(?, ?, ?, ?, ?, ?) AS v(machine, ip, subscription, first_seen, last_seen, last_event_seen)
            WHERE EXISTS (SELECT 1 FROM subscriptions s WHERE s.uuid = v.subscription)
            ORDER BY v.machine, v.subscription
            ON CONFLICT (machine, subscription) DO UPDATE SET
                ip = CASE WHEN h.last_seen IS NULL OR excluded.last_seen >= h.last_seen
                          THEN excluded.ip ELSE h.ip END,
                first_seen = LEAST(h.first_seen, excluded.first_seen),
                last_seen = GREATEST(h.last_seen, excluded.last_seen),
                last_event_seen = CASE WHEN excluded.last_event_seen IS NULL THEN h.last_event_seen
                                       ELSE GREATEST(h.last_event_seen, excluded.last_event_seen) END
            RETURNING h.subscription
            )
            SELECT DISTINCT subscription FROM stored
            """;

    /** SqlHeartbeatAdapter's stats: since five times, then the subscription. */
    private static final String STATS = """
            SELECT count(*) AS total,
                   coalesce(sum(CASE WHEN last_event_seen > ? THEN 1 ELSE 0 END), 0) AS active,
                   coalesce(sum(CASE WHEN last_seen > ?
                                      AND (last_event_seen IS NULL OR last_event_seen <= ?)
                                     THEN 1 ELSE 0 END), 0) AS alive,
                   coalesce(sum(CASE WHEN last_seen <= ?
                                      AND (last_event_seen IS NULL OR last_event_seen <= ?)
                                     THEN 1 ELSE 0 END), 0) AS dead
            FROM heartbeats WHERE subscription = ?
            """;

    private static final String DATABASE = "openwec_bench";
    private final EmbeddedPostgres server;
    private final PostgresStorage storage;
    private final int chunkSize;

    PostgresBackend(int poolSize) throws Exception {
        this.server = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
        PostgresSettings settings = PostgresSettings.of("localhost", server.getPort(), DATABASE, "postgres", "")
                .withSsl(PostgresSettings.SslMode.Disable, null)
                .withPoolSize(poolSize);
        this.chunkSize = settings.maxChunkSize();
        this.storage = PostgresStorage.open(settings);
        String fsync = setting("fsync");
        String synchronousCommit = setting("synchronous_commit");
        if (!fsync.equals("on") || !synchronousCommit.equals("on")) {
            throw new IllegalStateException("The embedded PostgreSQL runs with fsync=" + fsync
                    + " and synchronous_commit=" + synchronousCommit + ": the figures would not be durable ones.");
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database + "?sslmode=disable";
    }

    private String setting(String name) throws SQLException {
        try (Connection c = rawConnection(); PreparedStatement ps = c.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String describe() throws SQLException {
        return "PostgreSQL " + setting("server_version") + " (embedded), fsync=" + setting("fsync")
                + ", synchronous_commit=" + setting("synchronous_commit") + ", full_page_writes="
                + setting("full_page_writes") + ", wal_sync_method=" + setting("wal_sync_method")
                + ", max_chunk_size=" + chunkSize;
    }

    @Override
    public org.openwec.core.service.BookmarkGroupCommit.Settings groupCommit() {
        return org.openwec.core.service.BookmarkGroupCommit.Settings.forPostgres();
    }

    @Override
    public Storage storage() {
        return storage.storage();
    }

    @Override
    public Connection rawConnection() throws SQLException {
        return DriverManager.getConnection(url(DATABASE), "postgres", "");
    }

    /** PostgresDialect's batch of bookmarks: one autocommitted multi-row upsert. */
    private static final String UPSERT_BOOKMARKS_UNNEST = """
            INSERT INTO bookmarks (machine, subscription, bookmark)
            SELECT * FROM unnest(?, ?, ?)
            ON CONFLICT (machine, subscription) DO UPDATE SET bookmark = excluded.bookmark
            """;

    @Override
    public List<RawBookmarkBatch> bookmarkCeilings() {
        return List.of(Backend.jdbcBatch(false), new RawBookmarkBatch() {
            @Override
            public String name() {
                return "1 multi-row upsert (unnest), autocommitted";
            }

            @Override
            public boolean adapters() {
                return true;
            }

            @Override
            public void write(Connection c, List<org.openwec.core.model.Bookmark> batch) throws SQLException {
                String[] machines = new String[batch.size()];
                String[] subscriptions = new String[batch.size()];
                String[] texts = new String[batch.size()];
                String key = Uuids.storedKey(batch.get(0).subscription()); // one subscription
                for (int i = 0; i < batch.size(); i++) {
                    machines[i] = batch.get(i).machine();
                    subscriptions[i] = key;
                    texts[i] = batch.get(i).bookmark();
                }
                try (PreparedStatement ps = c.prepareStatement(UPSERT_BOOKMARKS_UNNEST)) {
                    ps.setArray(1, c.createArrayOf("text", machines));
                    ps.setArray(2, c.createArrayOf("text", subscriptions));
                    ps.setArray(3, c.createArrayOf("text", texts));
                    ps.executeUpdate();
                }
            }
        });
    }

    @Override
    public String statsSql() {
        return STATS;
    }

    @Override
    public void bindStats(PreparedStatement statement, String subscription, long since) throws SQLException {
        for (int i = 1; i <= 5; i++) {
            statement.setLong(i, since);
        }
        statement.setString(6, subscription);
    }

    @Override
    public List<RawFlush> rawFlushes() {
        return List.of(
                chunked("chunks of " + chunkSize + ", 1 txn each", chunkSize, false),
                chunked("chunks of " + chunkSize + ", 1 txn for all", chunkSize, true),
                chunked("1 statement, 1 txn", Integer.MAX_VALUE, true));
    }

    private RawFlush chunked(String name, int size, boolean oneTransaction) {
        return new RawFlush() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean commitsLikeTheAdapter() {
                return !oneTransaction;
            }

            @Override
            public void flush(Connection c, List<HeartbeatUpdate> updates) throws SQLException {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(UPSERT_CHUNK)) {
                    for (int from = 0; from < updates.size(); from += size) {
                        List<HeartbeatUpdate> chunk = updates.subList(from, (int) Math.min(updates.size(), (long) from + size));
                        bindChunk(c, ps, chunk);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                rs.getString(1);
                            }
                        }
                        if (!oneTransaction) {
                            c.commit();
                        }
                    }
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        };
    }

    private static void bindChunk(Connection c, PreparedStatement ps, List<HeartbeatUpdate> chunk) throws SQLException {
        int n = chunk.size();
        String[] machines = new String[n];
        String[] ips = new String[n];
        String[] subscriptions = new String[n];
        Long[] firstSeens = new Long[n];
        Long[] lastSeens = new Long[n];
        Long[] lastEventSeens = new Long[n];
        java.util.Map<java.util.UUID, String> keys = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            HeartbeatUpdate u = chunk.get(i);
            machines[i] = u.machine();
            ips[i] = u.ip();
            subscriptions[i] = keys.computeIfAbsent(u.subscription(), Uuids::storedKey);
            firstSeens[i] = u.lastSeen();
            lastSeens[i] = u.lastSeen();
            lastEventSeens[i] = u.lastEventSeen();
        }
        Array[] arrays = {c.createArrayOf("text", machines), c.createArrayOf("text", ips),
                c.createArrayOf("text", subscriptions), c.createArrayOf("bigint", firstSeens),
                c.createArrayOf("bigint", lastSeens), c.createArrayOf("bigint", lastEventSeens)};
        for (int i = 0; i < arrays.length; i++) {
            ps.setArray(i + 1, arrays[i]);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            storage.close();
        } finally {
            server.close();
        }
    }
}
