package org.openwec.adapters.sqlite;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.adapters.sql.SqlMigration;
import org.openwec.adapters.testkit.MigrationEngineContract;
import org.openwec.core.model.Migration;
import org.openwec.core.port.out.SchemaPort;
import org.openwec.core.port.out.Storage;

class SqliteMigrationEngineTest extends MigrationEngineContract {
    @TempDir
    Path directory;
    private SqliteTestDatabases databases;

    @BeforeEach
    void openDatabases() {
        databases = new SqliteTestDatabases(directory);
    }

    @AfterEach
    void closeDatabases() throws Exception {
        databases.close();
    }

    @Override
    protected Storage newStorage() {
        return databases.initialised();
    }

    @Override
    protected Storage newUninitialisedStorage() {
        return databases.uninitialised();
    }

    @Override
    protected void markApplied(Storage storage, long version) {
        SqliteTestDatabases.raw(SqliteTestDatabases.pathOf(storage))
                .useHandle(h -> h.execute("INSERT INTO __schema_migrations (version) VALUES (?)", version));
    }

    /** The reference's test_register migration. */
    @Override
    protected SchemaPort newSchemaWithOnlyUsersTableMigration() {
        SqlMigration users = new SqlMigration(new Migration(1, "create users table"),
                h -> h.execute("CREATE TABLE users (id BIGINT PRIMARY KEY)"),
                h -> h.execute("DROP TABLE users"));
        return databases.open(databases.newPath(), List.of(users)).schema();
    }

    @Override
    protected Storage reopen(Storage storage) {
        return databases.open(SqliteTestDatabases.pathOf(storage), SqliteMigrations.all());
    }
}
