package org.openwec.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.core.port.out.Storage;

/**
 * {@code db init} on an empty file yields exactly the reference's latest SQLite schema
 * (OpenWEC common/src/database/schema/sqlite at a41b95f): columns with their order, declared types, nullability, defaults and keys,
 * the autoindexes, the foreign keys with their cascades, and nothing else.
 */
class SqliteSchemaTest {
    @TempDir
    Path directory;
    private SqliteTestDatabases databases;
    private Jdbi raw;

    /** One {@code PRAGMA table_info} row: position, name, declared type, NOT NULL, default, primary-key rank. */
    record Column(int cid, String name, String type, boolean notNull, String defaultValue, int pk) {}

    @BeforeEach
    void initialise() {
        databases = new SqliteTestDatabases(directory);
        Storage storage = databases.initialised();
        raw = SqliteTestDatabases.raw(SqliteTestDatabases.pathOf(storage));
    }

    @AfterEach
    void close() throws Exception {
        databases.close();
    }

    @Test
    void subscriptionsTableHasTheReferenceColumns() {
        assertThat(columns("subscriptions")).containsExactly(
                new Column(0, "uuid", "TEXT", true, null, 1),
                new Column(1, "version", "TEXT", true, null, 0),
                new Column(2, "name", "TEXT", true, null, 0),
                new Column(3, "query", "TEXT", true, null, 0),
                new Column(4, "heartbeat_interval", "INTEGER", false, null, 0),
                new Column(5, "connection_retry_count", "INTEGER", false, null, 0),
                new Column(6, "connection_retry_interval", "INTEGER", false, null, 0),
                new Column(7, "max_time", "INTEGER", false, null, 0),
                new Column(8, "max_envelope_size", "INTEGER", false, null, 0),
                new Column(9, "enabled", "INTEGER", false, null, 0),
                new Column(10, "read_existing_events", "INTEGER", false, null, 0),
                new Column(11, "outputs", "TEXT", true, null, 0),
                new Column(12, "uri", "TEXT", false, null, 0),
                new Column(13, "content_format", "TEXT", false, "'RenderedText'", 0),
                new Column(14, "ignore_channel_error", "INTEGER", false, "1", 0),
                new Column(15, "client_filter_op", "TEXT", false, null, 0),
                new Column(16, "client_filter_targets", "TEXT", false, null, 0),
                new Column(17, "revision", "TEXT", false, null, 0),
                new Column(18, "locale", "TEXT", false, null, 0),
                new Column(19, "data_locale", "TEXT", false, null, 0),
                new Column(20, "max_elements", "INTEGER", false, null, 0),
                new Column(21, "client_filter_kind", "TEXT", false, null, 0),
                new Column(22, "client_filter_flags", "INTEGER", false, null, 0));
    }

    @Test
    void bookmarksTableHasTheReferenceColumns() {
        assertThat(columns("bookmarks")).containsExactly(
                new Column(0, "machine", "TEXT", true, null, 1),
                new Column(1, "subscription", "TEXT", true, null, 2),
                new Column(2, "bookmark", "TEXT", true, null, 0));
    }

    @Test
    void heartbeatsTableHasTheReferenceColumns() {
        assertThat(columns("heartbeats")).containsExactly(
                new Column(0, "machine", "TEXT", true, null, 1),
                new Column(1, "ip", "TEXT", true, null, 0),
                new Column(2, "subscription", "TEXT", true, null, 2),
                new Column(3, "first_seen", "INTEGER", false, null, 0),
                new Column(4, "last_seen", "INTEGER", false, null, 0),
                new Column(5, "last_event_seen", "INTEGER", false, null, 0));
    }

    @Test
    void bookkeepingTableHasOneBigintKey() {
        assertThat(columns("__schema_migrations")).containsExactly(new Column(0, "version", "BIGINT", false, null, 1));
    }

    @Test
    void theSchemaHoldsOnlyTheReferenceTablesAndAutoindexes() {
        List<String> objects = raw.withHandle(h -> h.createQuery(
                        "SELECT type || ' ' || name FROM sqlite_master ORDER BY type, name")
                .mapTo(String.class).list());
        assertThat(objects).containsExactly(
                "index sqlite_autoindex___schema_migrations_1",
                "index sqlite_autoindex_bookmarks_1",
                "index sqlite_autoindex_heartbeats_1",
                "index sqlite_autoindex_subscriptions_1",
                "index sqlite_autoindex_subscriptions_2",
                "index sqlite_autoindex_subscriptions_3",
                "table __schema_migrations",
                "table bookmarks",
                "table heartbeats",
                "table subscriptions");
    }

    @Test
    void uniqueIndexesCoverUuidVersionAndName() {
        assertThat(indexedColumn("sqlite_autoindex_subscriptions_1")).isEqualTo("uuid");
        assertThat(indexedColumn("sqlite_autoindex_subscriptions_2")).isEqualTo("version");
        assertThat(indexedColumn("sqlite_autoindex_subscriptions_3")).isEqualTo("name");
    }

    @Test
    void bookmarksAndHeartbeatsCascadeFromSubscriptions() {
        for (String table : List.of("bookmarks", "heartbeats")) {
            List<Map<String, Object>> keys = raw.withHandle(h -> h.createQuery(
                    "SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(:t)")
                    .bind("t", table).mapToMap().list());
            assertThat(keys).containsExactly(Map.of("table", "subscriptions", "from", "subscription", "to", "uuid",
                    "on_update", "CASCADE", "on_delete", "CASCADE"));
        }
    }

    @Test
    void currentVersionIsFourteenWithEveryVersionRecorded() {
        List<Long> versions = raw.withHandle(h -> h.createQuery("SELECT version FROM __schema_migrations ORDER BY version")
                .mapTo(Long.class).list());
        assertThat(versions)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L);
    }

    private List<Column> columns(String table) {
        return raw.withHandle(h -> h.createQuery(
                        "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(:t) ORDER BY cid")
                .bind("t", table)
                .map((rs, ctx) -> new Column(rs.getInt("cid"), rs.getString("name"), rs.getString("type"),
                        rs.getInt("notnull") == 1, rs.getString("dflt_value"), rs.getInt("pk")))
                .list());
    }

    private String indexedColumn(String index) {
        return raw.withHandle(h -> h.createQuery("SELECT name FROM pragma_index_info(:i)")
                .bind("i", index).mapTo(String.class).one());
    }
}
