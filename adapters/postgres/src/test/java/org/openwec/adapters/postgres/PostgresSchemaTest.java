package org.openwec.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.openwec.adapters.sql.SqlMigration;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.model.Migration;
import org.openwec.core.service.SchemaService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code db init} on an empty database yields exactly the reference's latest PostgreSQL schema
 * (OpenWEC common/src/database/schema/postgres at a41b95f), as the server's catalogue describes it: columns with their order, types,
 * nullability and defaults, the constraints with their names and cascades, and nothing else.
 */
class PostgresSchemaTest {
    private static PostgresStorage storage;
    private static Jdbi raw;

    /** One column as information_schema.columns tells it: position, name, type (udt_name), nullable, default. */
    record Column(int position, String name, String type, boolean nullable, String defaultValue) {}

    /** One constraint as pg_constraint tells it; the cascade actions are pg's one-letter codes ('c' = CASCADE). */
    record Constraint(String table, String name, String type, String definition) {}

    @BeforeAll
    static void initialise() {
        // db init for real, on an empty database.
        storage = TestPostgres.initialise(TestPostgres.freshStorage("schema"));
        raw = TestPostgres.jdbi(TestPostgres.databaseOf(storage));
    }

    @AfterAll
    static void close() {
        storage.close();
    }

    @Test
    void subscriptionsTableHasTheReferenceColumns() {
        assertThat(columns("subscriptions")).containsExactly(
                new Column(1, "uuid", "text", false, null),
                new Column(2, "version", "text", false, null),
                new Column(3, "name", "text", false, null),
                new Column(4, "query", "text", false, null),
                new Column(5, "heartbeat_interval", "int4", true, null),
                new Column(6, "connection_retry_count", "int4", true, null),
                new Column(7, "connection_retry_interval", "int4", true, null),
                new Column(8, "max_time", "int4", true, null),
                new Column(9, "max_envelope_size", "int4", true, null),
                new Column(10, "enabled", "bool", true, null),
                new Column(11, "read_existing_events", "bool", true, null),
                new Column(12, "outputs", "text", false, null),
                new Column(13, "uri", "text", true, null),
                new Column(14, "content_format", "text", true, "'RenderedText'::text"),
                new Column(15, "ignore_channel_error", "bool", true, "true"),
                new Column(16, "client_filter_op", "text", true, null),
                new Column(17, "client_filter_targets", "text", true, null),
                new Column(18, "revision", "text", true, null),
                new Column(19, "locale", "text", true, null),
                new Column(20, "data_locale", "text", true, null),
                new Column(21, "max_elements", "int4", true, null),
                new Column(22, "client_filter_kind", "text", true, null),
                new Column(23, "client_filter_flags", "int4", true, null));
    }

    @Test
    void bookmarksTableHasTheReferenceColumns() {
        assertThat(columns("bookmarks")).containsExactly(
                new Column(1, "machine", "text", false, null),
                new Column(2, "subscription", "text", false, null),
                new Column(3, "bookmark", "text", false, null));
    }

    @Test
    void heartbeatsTableHasTheReferenceColumns() {
        assertThat(columns("heartbeats")).containsExactly(
                new Column(1, "machine", "text", false, null),
                new Column(2, "ip", "text", false, null),
                new Column(3, "subscription", "text", false, null),
                new Column(4, "first_seen", "int8", true, null),
                new Column(5, "last_seen", "int8", true, null),
                new Column(6, "last_event_seen", "int8", true, null));
    }

    @Test
    void bookkeepingTableHasOneBigintKey() {
        assertThat(columns("__schema_migrations")).containsExactly(new Column(1, "version", "int8", false, null));
    }

    @Test
    void constraintsHaveTheReferenceNamesKeysAndCascades() {
        assertThat(constraints()).containsExactlyInAnyOrder(
                new Constraint("__schema_migrations", "__schema_migrations_pkey", "p", "PRIMARY KEY (version)"),
                new Constraint("bookmarks", "bookmarks_pkey", "p", "PRIMARY KEY (machine, subscription)"),
                new Constraint("bookmarks", "fk_subscription", "f", "FOREIGN KEY (subscription) REFERENCES "
                        + "subscriptions(uuid) ON UPDATE CASCADE ON DELETE CASCADE"),
                new Constraint("heartbeats", "heartbeats_pkey", "p", "PRIMARY KEY (machine, subscription)"),
                new Constraint("heartbeats", "fk_subscription", "f", "FOREIGN KEY (subscription) REFERENCES "
                        + "subscriptions(uuid) ON UPDATE CASCADE ON DELETE CASCADE"),
                new Constraint("subscriptions", "subscriptions_pkey", "p", "PRIMARY KEY (uuid)"),
                new Constraint("subscriptions", "subscriptions_version_key", "u", "UNIQUE (version)"),
                new Constraint("subscriptions", "subscriptions_name_key", "u", "UNIQUE (name)"));
    }

    @Test
    void foreignKeysCascadeOnUpdateAndDeleteToSubscriptionsUuid() {
        List<String> keys = raw.withHandle(h -> h.createQuery("""
                        SELECT c.conrelid::regclass::text || ' -> ' || c.confrelid::regclass::text || ' '
                               || c.confupdtype::text || c.confdeltype::text
                        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                        WHERE n.nspname = current_schema() AND c.contype = 'f'
                        ORDER BY 1""")
                .mapTo(String.class).list());
        assertThat(keys).containsExactly("bookmarks -> subscriptions cc", "heartbeats -> subscriptions cc");
    }

    @Test
    void theSchemaHoldsOnlyTheReferenceTablesAndTheirKeyIndexes() {
        List<String> objects = raw.withHandle(h -> h.createQuery("""
                        SELECT c.relkind::text || ' ' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = current_schema() ORDER BY c.relkind, c.relname""")
                .mapTo(String.class).list());
        assertThat(objects).containsExactly(
                "i __schema_migrations_pkey",
                "i bookmarks_pkey",
                "i heartbeats_pkey",
                "i subscriptions_name_key",
                "i subscriptions_pkey",
                "i subscriptions_version_key",
                "r __schema_migrations",
                "r bookmarks",
                "r heartbeats",
                "r subscriptions");
        List<String> tables = raw.withHandle(h -> h.createQuery("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = current_schema() ORDER BY table_name""")
                .mapTo(String.class).list());
        assertThat(tables).containsExactly("__schema_migrations", "bookmarks", "heartbeats", "subscriptions");
    }

    /** Not the reference's: a setting of the two tables rewritten in place, which OpenWEC ignores. */
    @Test
    void bookmarksAndHeartbeatsLeaveRoomInEachPageForUpdates() {
        List<String> options = raw.withHandle(h -> h.createQuery("""
                        SELECT c.relname || ' ' || coalesce(array_to_string(c.reloptions, ','), '-')
                        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.relname""")
                .mapTo(String.class).list());
        assertThat(options).containsExactly("__schema_migrations -", "bookmarks fillfactor=70", "heartbeats fillfactor=70",
                "subscriptions -");
    }

    @Test
    void aStorageSettingTheServerRefusesLeavesTheMigrationApplied() {
        SqlMigration table = new SqlMigration(new Migration(1, "create a table"),
                h -> h.execute("CREATE TABLE tuned (id BIGINT PRIMARY KEY)"),
                h -> h.execute("DROP TABLE tuned"))
                .withStorageSetting("ALTER TABLE tuned SET (no_such_setting = 1)")
                .withStorageSetting("ALTER TABLE tuned SET (fillfactor = 80)");
        try (PostgresStorage tuned = PostgresStorage.open(TestPostgres.settings(TestPostgres.newDatabase("refused_setting")),
                List.of(table))) {
            new SchemaService(tuned.storage().schema(), tuned.storage().location(), MigrationEngine.Listener.SILENT).init();

            assertThat(tuned.storage().schema().appliedVersions()).containsExactly(1L);
            String options = TestPostgres.jdbi(TestPostgres.databaseOf(tuned)).withHandle(h -> h.createQuery(
                    "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'tuned'").mapTo(String.class).one());
            assertThat(options).isEqualTo("fillfactor=80");
        }
    }

    @Test
    void everyObjectIsCreatedInTheDefaultSchema() {
        String schema = raw.withHandle(h -> h.createQuery("SELECT current_schema()").mapTo(String.class).one());
        assertThat(schema).isEqualTo("public");
    }

    @Test
    void currentVersionIsFifteenWithEveryVersionRecorded() {
        List<Long> versions = raw.withHandle(h -> h.createQuery("SELECT version FROM __schema_migrations ORDER BY version")
                .mapTo(Long.class).list());
        assertThat(versions)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
    }

    private static List<Column> columns(String table) {
        return raw.withHandle(h -> h.createQuery("""
                        SELECT ordinal_position, column_name, udt_name, is_nullable, column_default
                        FROM information_schema.columns
                        WHERE table_schema = current_schema() AND table_name = :t
                        ORDER BY ordinal_position""")
                .bind("t", table)
                .map((rs, ctx) -> new Column(rs.getInt("ordinal_position"), rs.getString("column_name"),
                        rs.getString("udt_name"), "YES".equals(rs.getString("is_nullable")), rs.getString("column_default")))
                .list());
    }

    private static List<Constraint> constraints() {
        return raw.withHandle(h -> h.createQuery("""
                        SELECT c.conrelid::regclass::text AS tbl, c.conname, c.contype::text AS type,
                               pg_get_constraintdef(c.oid) AS def
                        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                        WHERE n.nspname = current_schema() AND c.contype IN ('p', 'u', 'f', 'c', 'x')""")
                .map((rs, ctx) -> new Constraint(rs.getString("tbl"), rs.getString("conname"), rs.getString("type"),
                        rs.getString("def")))
                .list());
    }
}
