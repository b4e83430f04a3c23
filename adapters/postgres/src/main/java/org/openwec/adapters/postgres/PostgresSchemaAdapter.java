package org.openwec.adapters.postgres;

import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.openwec.adapters.sql.DowngradeCheck;
import org.openwec.adapters.sql.MigrationRegistry;
import org.openwec.adapters.sql.SqlMigration;
import org.openwec.core.migration.SchemaNotInitialisedException;
import org.openwec.core.model.DowngradeLoss;
import org.openwec.core.model.Migration;
import org.openwec.core.port.out.SchemaPort;

/** The {@code __schema_migrations} bookkeeping, each migration run with its row in one (retried) transaction. */
final class PostgresSchemaAdapter implements SchemaPort {
    private final PostgresDatabase db;
    private final String location;
    private final MigrationRegistry migrations;

    PostgresSchemaAdapter(PostgresDatabase db, String location, List<SqlMigration> migrations) {
        this.db = db;
        this.location = location;
        this.migrations = new MigrationRegistry(migrations);
    }

    @Override
    public void setupSchema() {
        db.withHandle("create the schema bookkeeping table",
                h -> h.execute("CREATE TABLE IF NOT EXISTS __schema_migrations (version BIGINT PRIMARY KEY)"));
    }

    @Override
    public boolean isInitialised() {
        // information_schema rather than to_regclass: CockroachDB has it too.
        return db.withHandle("read the schema", h -> h.createQuery("""
                        SELECT count(*) FROM information_schema.tables
                        WHERE table_schema = current_schema() AND table_name = '__schema_migrations'""")
                .mapTo(Long.class).one() > 0);
    }

    @Override
    public SortedSet<Long> appliedVersions() {
        if (!isInitialised()) {
            throw new SchemaNotInitialisedException(location);
        }
        return db.withHandle("read the applied migrations", h -> h.createQuery("SELECT version FROM __schema_migrations")
                .mapTo(Long.class).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Override
    public SortedMap<Long, Migration> registeredMigrations() {
        return migrations.registered();
    }

    /**
     * The bookkeeping row is written first and is the lock: a concurrent upgrade inserting the same
     * version waits on its primary key until this transaction ends, then finds it taken (or, on
     * CockroachDB, is restarted with 40001 and finds it on retry) and skips the migration. No advisory
     * lock, which CockroachDB lacks, and no extra table, so the schema stays the reference's.
     */
    @Override
    public boolean apply(long version) {
        SqlMigration migration = migrations.get(version);
        return db.inTransaction("apply migration " + version, h -> {
            int claimed = h.createUpdate("INSERT INTO __schema_migrations (version) VALUES (:version) ON CONFLICT (version) DO NOTHING")
                    .bind("version", version).execute();
            if (claimed == 0) {
                return false;
            }
            migration.up().run(h);
            return true;
        });
    }

    @Override
    public boolean revert(long version) {
        SqlMigration migration = migrations.get(version);
        return db.inTransaction("revert migration " + version, h -> {
            int claimed = h.createUpdate("DELETE FROM __schema_migrations WHERE version = :version")
                    .bind("version", version).execute();
            if (claimed == 0) {
                return false;
            }
            migration.down().run(h);
            return true;
        });
    }

    @Override
    public List<DowngradeLoss> downgradeLosses(List<Long> versionsDescending) {
        return db.withHandle("check what a downgrade would lose", h -> DowngradeCheck.losses(h, versionsDescending));
    }
}
