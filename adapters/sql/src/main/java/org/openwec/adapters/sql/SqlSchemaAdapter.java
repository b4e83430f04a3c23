package org.openwec.adapters.sql;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import org.openwec.core.migration.SchemaNotInitialisedException;
import org.openwec.core.model.DowngradeLoss;
import org.openwec.core.model.Migration;
import org.openwec.core.port.out.SchemaPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code __schema_migrations} bookkeeping, each migration run with its row in one (retried) transaction. */
public final class SqlSchemaAdapter implements SchemaPort {
    private static final Logger LOG = LoggerFactory.getLogger(SqlSchemaAdapter.class);
    private final SqlDatabase db;
    private final SqlDialect dialect;
    private final MigrationRegistry migrations;

    public SqlSchemaAdapter(SqlDatabase db, SqlDialect dialect, List<SqlMigration> migrations) {
        this.db = db;
        this.dialect = dialect;
        this.migrations = new MigrationRegistry(migrations);
    }

    @Override
    public void setupSchema() {
        db.write("create the schema bookkeeping table",
                s -> s.handle().execute("CREATE TABLE IF NOT EXISTS __schema_migrations (version BIGINT PRIMARY KEY)"));
    }

    /*
     * The two reads below are every command's start-up check and all of `db status`: plain JDBC, so that
     * such a command never sets Jdbi up (Session opens its handle on first use).
     */

    @Override
    public boolean isInitialised() {
        return db.read("read the schema", s -> {
            try (Statement statement = s.connection().createStatement();
                 ResultSet rows = statement.executeQuery(dialect.schemaTableQuery())) {
                return rows.next() && rows.getLong(1) > 0;
            }
        });
    }

    @Override
    public SortedSet<Long> appliedVersions() {
        if (!isInitialised()) {
            throw new SchemaNotInitialisedException(db.location());
        }
        return db.read("read the applied migrations", s -> {
            SortedSet<Long> versions = new TreeSet<>();
            try (Statement statement = s.connection().createStatement();
                 ResultSet rows = statement.executeQuery("SELECT version FROM __schema_migrations")) {
                while (rows.next()) {
                    versions.add(rows.getLong(1));
                }
            }
            return versions;
        });
    }

    @Override
    public SortedMap<Long, Migration> registeredMigrations() {
        return migrations.registered();
    }

    /**
     * The bookkeeping row is written first and is the lock: a concurrent upgrade inserting the same
     * version waits on its primary key until this transaction ends, then finds it taken (or, on
     * CockroachDB, is restarted with 40001 and finds it on retry) and skips the migration. No advisory
     * lock, which CockroachDB lacks, and no extra table, so the schema stays the reference's. On SQLite
     * the IMMEDIATE transaction already holds the only write lock.
     */
    @Override
    public boolean apply(long version) {
        SqlMigration migration = migrations.get(version);
        boolean applied = db.inTransaction("apply migration " + version, s -> {
            int claimed = s.handle().createUpdate(
                            "INSERT INTO __schema_migrations (version) VALUES (:version) ON CONFLICT (version) DO NOTHING")
                    .bind("version", version).execute();
            if (claimed == 0) {
                return false;
            }
            migration.up().run(s.handle());
            return true;
        });
        if (applied) {
            applyStorageSettings(migration);
        }
        return applied;
    }

    /** Outside the migration's transaction: a refused setting must not undo the schema change. */
    private void applyStorageSettings(SqlMigration migration) {
        for (String statement : migration.storageSettings()) {
            try {
                db.write("apply a storage setting", s -> s.handle().execute(statement));
            } catch (RuntimeException e) {
                LOG.info("Schema version {}: the database did not take the storage setting \"{}\" ({}); the schema "
                        + "works without it.", migration.version(), statement, e.getMessage());
            }
        }
    }

    @Override
    public boolean revert(long version) {
        SqlMigration migration = migrations.get(version);
        return db.inTransaction("revert migration " + version, s -> {
            int claimed = s.handle().createUpdate("DELETE FROM __schema_migrations WHERE version = :version")
                    .bind("version", version).execute();
            if (claimed == 0) {
                return false;
            }
            migration.down().run(s.handle());
            return true;
        });
    }

    @Override
    public List<DowngradeLoss> downgradeLosses(List<Long> versionsDescending) {
        return db.read("check what a downgrade would lose", s -> DowngradeCheck.losses(s.handle(), versionsDescending));
    }
}
