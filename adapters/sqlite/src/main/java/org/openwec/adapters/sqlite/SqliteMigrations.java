package org.openwec.adapters.sqlite;

import java.util.List;
import org.openwec.adapters.sql.LegacyOutputs;
import org.openwec.adapters.sql.OutputsRewrite;
import org.openwec.adapters.sql.SqlMigration;
import org.openwec.core.migration.MigrationCatalogue;

/**
 * The reference's SQLite migrations 1 to 14 (OpenWEC common/src/database/schema/sqlite at a41b95f). Replaying them yields its exact
 * schema: same columns, declared types, defaults and order, because columns added later are appended.
 * The DDL is not written defensively (no IF EXISTS on ALTERs), like the reference's, so that a step run
 * against an unexpected schema fails and rolls back instead of half-succeeding.
 */
final class SqliteMigrations {
    private SqliteMigrations() {}

    static List<SqlMigration> all() {
        return List.of(
                ddl(1, """
                        CREATE TABLE IF NOT EXISTS subscriptions (
                            uuid TEXT NOT NULL UNIQUE,
                            version TEXT NOT NULL UNIQUE,
                            name TEXT NOT NULL UNIQUE,
                            query TEXT NOT NULL,
                            heartbeat_interval INTEGER,
                            connection_retry_count INTEGER,
                            connection_retry_interval INTEGER,
                            max_time INTEGER,
                            max_envelope_size INTEGER,
                            enabled INTEGER,
                            read_existing_events INTEGER,
                            outputs TEXT NOT NULL,
                            PRIMARY KEY (uuid)
                        )""",
                        "DROP TABLE subscriptions"),
                ddl(2, """
                        CREATE TABLE IF NOT EXISTS bookmarks (
                            machine TEXT NOT NULL,
                            subscription TEXT NOT NULL
                                REFERENCES subscriptions(uuid) ON UPDATE CASCADE ON DELETE CASCADE,
                            bookmark TEXT NOT NULL,
                            PRIMARY KEY (machine, subscription)
                        )""",
                        "DROP TABLE bookmarks"),
                ddl(3, """
                        CREATE TABLE IF NOT EXISTS heartbeats (
                            machine TEXT NOT NULL,
                            ip TEXT NOT NULL,
                            subscription TEXT NOT NULL
                                REFERENCES subscriptions(uuid) ON UPDATE CASCADE ON DELETE CASCADE,
                            first_seen INTEGER,
                            last_seen INTEGER,
                            PRIMARY KEY (machine, subscription)
                        )""",
                        "DROP TABLE heartbeats"),
                ddl(4, "ALTER TABLE heartbeats ADD COLUMN last_event_seen INTEGER",
                        "ALTER TABLE heartbeats DROP COLUMN last_event_seen"),
                ddl(5, "ALTER TABLE subscriptions ADD COLUMN uri TEXT",
                        "ALTER TABLE subscriptions DROP COLUMN uri"),
                // The default back-fills existing rows with what v0.1.0 always asked clients for.
                ddl(6, "ALTER TABLE subscriptions ADD COLUMN content_format TEXT DEFAULT 'RenderedText'",
                        "ALTER TABLE subscriptions DROP COLUMN content_format"),
                ddl(7, "ALTER TABLE subscriptions ADD COLUMN ignore_channel_error INTEGER DEFAULT 1",
                        "ALTER TABLE subscriptions DROP COLUMN ignore_channel_error"),
                new SqlMigration(MigrationCatalogue.get(8),
                        h -> {
                            h.execute("ALTER TABLE subscriptions ADD COLUMN princs_filter_op TEXT");
                            h.execute("ALTER TABLE subscriptions ADD COLUMN princs_filter_value TEXT");
                        },
                        h -> {
                            h.execute("ALTER TABLE subscriptions DROP COLUMN princs_filter_op");
                            h.execute("ALTER TABLE subscriptions DROP COLUMN princs_filter_value");
                        }),
                new SqlMigration(MigrationCatalogue.get(9),
                        h -> OutputsRewrite.apply(h, 9, LegacyOutputs::v9Up),
                        h -> OutputsRewrite.apply(h, 9, LegacyOutputs::v9Down)),
                ddl(10, "ALTER TABLE subscriptions ADD COLUMN revision TEXT",
                        "ALTER TABLE subscriptions DROP COLUMN revision"),
                new SqlMigration(MigrationCatalogue.get(11),
                        h -> {
                            h.execute("ALTER TABLE subscriptions ADD COLUMN locale TEXT");
                            h.execute("ALTER TABLE subscriptions ADD COLUMN data_locale TEXT");
                        },
                        h -> {
                            h.execute("ALTER TABLE subscriptions DROP COLUMN locale");
                            h.execute("ALTER TABLE subscriptions DROP COLUMN data_locale");
                        }),
                new SqlMigration(MigrationCatalogue.get(12),
                        h -> OutputsRewrite.apply(h, 12, LegacyOutputs::v12Up),
                        h -> OutputsRewrite.apply(h, 12, LegacyOutputs::v12Down)),
                ddl(13, "ALTER TABLE subscriptions ADD COLUMN max_elements INTEGER",
                        "ALTER TABLE subscriptions DROP COLUMN max_elements"),
                new SqlMigration(MigrationCatalogue.get(14),
                        h -> {
                            h.execute("ALTER TABLE subscriptions RENAME COLUMN princs_filter_op TO client_filter_op");
                            h.execute("ALTER TABLE subscriptions RENAME COLUMN princs_filter_value TO client_filter_targets");
                            h.execute("ALTER TABLE subscriptions ADD COLUMN client_filter_kind TEXT");
                            // Legacy filters matched Kerberos principals: the Client kind, with no flags.
                            h.execute("UPDATE subscriptions SET client_filter_kind = 'Client' WHERE client_filter_op IS NOT NULL");
                            h.execute("ALTER TABLE subscriptions ADD COLUMN client_filter_flags INTEGER");
                        },
                        h -> {
                            h.execute("ALTER TABLE subscriptions RENAME COLUMN client_filter_op TO princs_filter_op");
                            h.execute("ALTER TABLE subscriptions RENAME COLUMN client_filter_targets TO princs_filter_value");
                            h.execute("ALTER TABLE subscriptions DROP COLUMN client_filter_kind");
                            h.execute("ALTER TABLE subscriptions DROP COLUMN client_filter_flags");
                        }));
    }

    private static SqlMigration ddl(long version, String up, String down) {
        return new SqlMigration(MigrationCatalogue.get(version), h -> h.execute(up), h -> h.execute(down));
    }
}
