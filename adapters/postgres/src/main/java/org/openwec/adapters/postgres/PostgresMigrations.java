package org.openwec.adapters.postgres;

import java.util.List;
import org.openwec.adapters.sql.LegacyOutputs;
import org.openwec.adapters.sql.OutputsRewrite;
import org.openwec.adapters.sql.SqlMigration;
import org.openwec.core.migration.MigrationCatalogue;

/**
 * The reference's PostgreSQL migrations 1 to 15 (OpenWEC common/src/database/schema/postgres at a41b95f). Versions 1-13 are written
 * defensively (IF [NOT] EXISTS) and 14 is not, as in the reference. Version 15 exists on PostgreSQL only:
 * the back-fill SQLite does inside 14 was moved out of it, presumably because CockroachDB does not let a
 * transaction write to a column it added.
 */
final class PostgresMigrations {
    /**
     * Bookmarks and heartbeats are rewritten in place all day and never on an indexed column: with room
     * left in each page PostgreSQL keeps the new row version beside the old one (a HOT update) instead of
     * adding index entries and spreading the table. Measured (docs/benchmarks.md, "PostgreSQL: room for
     * updates"): after the flush benchmark's 2.8 million heartbeat updates, 96% were HOT instead of 9%, the
     * table held 36 MB instead of 260 MB, and the stats query over it took 22 ms instead of 45 to 50 ms.
     * Not part of the reference's schema: a setting of the table, which OpenWEC ignores.
     */
    static final String ROOM_FOR_UPDATES = "ALTER TABLE %s SET (fillfactor = 70)";

    private PostgresMigrations() {}

    static List<SqlMigration> all() {
        return List.of(
                ddl(1, """
                        CREATE TABLE IF NOT EXISTS subscriptions (
                            uuid TEXT NOT NULL UNIQUE,
                            version TEXT NOT NULL UNIQUE,
                            name TEXT NOT NULL UNIQUE,
                            query TEXT NOT NULL,
                            heartbeat_interval INT4,
                            connection_retry_count INT4,
                            connection_retry_interval INT4,
                            max_time INT4,
                            max_envelope_size INT4,
                            enabled BOOLEAN,
                            read_existing_events BOOLEAN,
                            outputs TEXT NOT NULL,
                            PRIMARY KEY (uuid)
                        )""",
                        "DROP TABLE IF EXISTS subscriptions"),
                ddl(2, """
                        CREATE TABLE IF NOT EXISTS bookmarks (
                            machine TEXT NOT NULL,
                            subscription TEXT NOT NULL,
                            bookmark TEXT NOT NULL,
                            PRIMARY KEY (machine, subscription),
                            CONSTRAINT fk_subscription FOREIGN KEY (subscription)
                                REFERENCES subscriptions(uuid) ON UPDATE CASCADE ON DELETE CASCADE
                        )""",
                        "DROP TABLE IF EXISTS bookmarks").withStorageSetting(ROOM_FOR_UPDATES.formatted("bookmarks")),
                ddl(3, """
                        CREATE TABLE IF NOT EXISTS heartbeats (
                            machine TEXT NOT NULL,
                            ip TEXT NOT NULL,
                            subscription TEXT NOT NULL,
                            first_seen BIGINT,
                            last_seen BIGINT,
                            PRIMARY KEY (machine, subscription),
                            CONSTRAINT fk_subscription FOREIGN KEY (subscription)
                                REFERENCES subscriptions(uuid) ON UPDATE CASCADE ON DELETE CASCADE
                        )""",
                        "DROP TABLE IF EXISTS heartbeats").withStorageSetting(ROOM_FOR_UPDATES.formatted("heartbeats")),
                ddl(4, "ALTER TABLE heartbeats ADD COLUMN IF NOT EXISTS last_event_seen BIGINT",
                        "ALTER TABLE heartbeats DROP COLUMN IF EXISTS last_event_seen"),
                ddl(5, "ALTER TABLE subscriptions ADD COLUMN IF NOT EXISTS uri TEXT",
                        "ALTER TABLE subscriptions DROP COLUMN IF EXISTS uri"),
                // The default back-fills existing rows with what v0.1.0 always asked clients for.
                ddl(6, "ALTER TABLE subscriptions ADD COLUMN IF NOT EXISTS content_format TEXT DEFAULT 'RenderedText'",
                        "ALTER TABLE subscriptions DROP COLUMN IF EXISTS content_format"),
                ddl(7, "ALTER TABLE subscriptions ADD COLUMN IF NOT EXISTS ignore_channel_error BOOLEAN DEFAULT true",
                        "ALTER TABLE subscriptions DROP COLUMN IF EXISTS ignore_channel_error"),
                new SqlMigration(MigrationCatalogue.get(8),
                        h -> {
                            h.execute("ALTER TABLE subscriptions ADD COLUMN IF NOT EXISTS princs_filter_op TEXT");
                            h.execute("ALTER TABLE subscriptions ADD COLUMN IF NOT EXISTS princs_filter_value TEXT");
                        },
                        h -> {
                            h.execute("ALTER TABLE subscriptions DROP COLUMN IF EXISTS princs_filter_op");
                            h.execute("ALTER TABLE subscriptions DROP COLUMN IF EXISTS princs_filter_value");
                        }),
                new SqlMigration(MigrationCatalogue.get(9),
                        h -> OutputsRewrite.apply(h, 9, LegacyOutputs::v9Up),
                        h -> OutputsRewrite.apply(h, 9, LegacyOutputs::v9Down)),
                ddl(10, "ALTER TABLE subscriptions ADD COLUMN IF NOT EXISTS revision TEXT",
                        "ALTER TABLE subscriptions DROP COLUMN IF EXISTS revision"),
                new SqlMigration(MigrationCatalogue.get(11),
                        h -> {
                            h.execute("ALTER TABLE subscriptions ADD COLUMN IF NOT EXISTS locale TEXT");
                            h.execute("ALTER TABLE subscriptions ADD COLUMN IF NOT EXISTS data_locale TEXT");
                        },
                        h -> {
                            h.execute("ALTER TABLE subscriptions DROP COLUMN IF EXISTS locale");
                            h.execute("ALTER TABLE subscriptions DROP COLUMN IF EXISTS data_locale");
                        }),
                new SqlMigration(MigrationCatalogue.get(12),
                        h -> OutputsRewrite.apply(h, 12, LegacyOutputs::v12Up),
                        h -> OutputsRewrite.apply(h, 12, LegacyOutputs::v12Down)),
                ddl(13, "ALTER TABLE subscriptions ADD COLUMN IF NOT EXISTS max_elements INT4",
                        "ALTER TABLE subscriptions DROP COLUMN IF EXISTS max_elements"),
                new SqlMigration(MigrationCatalogue.get(14),
                        h -> {
                            h.execute("ALTER TABLE subscriptions RENAME COLUMN princs_filter_op TO client_filter_op");
                            h.execute("ALTER TABLE subscriptions RENAME COLUMN princs_filter_value TO client_filter_targets");
                            h.execute("ALTER TABLE subscriptions ADD COLUMN client_filter_kind TEXT");
                            h.execute("ALTER TABLE subscriptions ADD COLUMN client_filter_flags INT4");
                        },
                        h -> {
                            h.execute("ALTER TABLE subscriptions RENAME COLUMN client_filter_op TO princs_filter_op");
                            h.execute("ALTER TABLE subscriptions RENAME COLUMN client_filter_targets TO princs_filter_value");
                            h.execute("ALTER TABLE subscriptions DROP COLUMN client_filter_kind");
                            h.execute("ALTER TABLE subscriptions DROP COLUMN client_filter_flags");
                        }),
                new SqlMigration(MigrationCatalogue.get(15),
                        // Legacy filters matched Kerberos principals: the Client kind. Unlike the reference, only
                        // rows without a valid kind are touched, so re-applying 15 after a downgrade to 14 keeps
                        // MachineID filters (OpenWEC's _015_add_default_client_filter_kind_in_subscriptions.rs at a41b95f sets them all); pre-release kinds are repaired as there.
                        h -> h.execute("""
                                UPDATE subscriptions SET client_filter_kind = 'Client'
                                WHERE client_filter_op IS NOT NULL
                                  AND (client_filter_kind IS NULL OR upper(client_filter_kind) NOT IN ('CLIENT', 'MACHINEID'))"""),
                        h -> { }));
    }

    private static SqlMigration ddl(long version, String up, String down) {
        return new SqlMigration(MigrationCatalogue.get(version), h -> h.execute(up), h -> h.execute(down));
    }
}
