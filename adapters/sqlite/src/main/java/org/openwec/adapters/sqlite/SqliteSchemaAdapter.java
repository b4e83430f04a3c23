package org.openwec.adapters.sqlite;

import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.openwec.adapters.sql.DowngradeCheck;
import org.openwec.adapters.sql.MigrationRegistry;
import org.openwec.adapters.sql.SqlMigration;
import org.openwec.core.migration.SchemaNotInitialisedException;
import org.openwec.core.model.DowngradeLoss;
import org.openwec.core.model.Migration;
import org.openwec.core.port.out.SchemaPort;

/** The {@code __schema_migrations} bookkeeping, and each migration run with its row in one transaction. */
final class SqliteSchemaAdapter implements SchemaPort {
    private final SqliteDatabase db;
    private final String location;
    private final MigrationRegistry migrations;

    SqliteSchemaAdapter(SqliteDatabase db, String location, List<SqlMigration> migrations) {
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
        return db.read("read the schema", h -> h.createQuery(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__schema_migrations'")
                .mapTo(Integer.class).one() > 0);
    }

    @Override
    public SortedSet<Long> appliedVersions() {
        if (!isInitialised()) {
            throw new SchemaNotInitialisedException(location);
        }
        return db.read("read the applied migrations", h -> h.createQuery("SELECT version FROM __schema_migrations")
                .mapTo(Long.class).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Override
    public SortedMap<Long, Migration> registeredMigrations() {
        return migrations.registered();
    }

    /**
     * Transactions here are IMMEDIATE: the database's write lock is taken at BEGIN, so the check that the
     * version is not applied yet and the migration itself run with no other writer in between.
     */
    @Override
    public boolean apply(long version) {
        SqlMigration migration = migrations.get(version);
        return db.inTransaction("apply migration " + version, h -> {
            if (isRecorded(h, version)) {
                return false;
            }
            migration.up().run(h);
            h.createUpdate("INSERT INTO __schema_migrations (version) VALUES (:version)").bind("version", version).execute();
            return true;
        });
    }

    @Override
    public boolean revert(long version) {
        SqlMigration migration = migrations.get(version);
        return db.inTransaction("revert migration " + version, h -> {
            if (!isRecorded(h, version)) {
                return false;
            }
            migration.down().run(h);
            h.createUpdate("DELETE FROM __schema_migrations WHERE version = :version").bind("version", version).execute();
            return true;
        });
    }

    private static boolean isRecorded(Handle h, long version) {
        return h.createQuery("SELECT count(*) FROM __schema_migrations WHERE version = :version")
                .bind("version", version).mapTo(Integer.class).one() > 0;
    }

    @Override
    public List<DowngradeLoss> downgradeLosses(List<Long> versionsDescending) {
        return db.read("check what a downgrade would lose", h -> DowngradeCheck.losses(h, versionsDescending));
    }
}
