package org.openwec.adapters.postgres;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.openwec.adapters.sql.SqlMigration;
import org.openwec.adapters.testkit.MigrationEngineContract;
import org.openwec.core.model.Migration;
import org.openwec.core.port.out.SchemaPort;
import org.openwec.core.port.out.Storage;

class PostgresMigrationEngineTest extends MigrationEngineContract {
    private final List<PostgresStorage> registerStorages = new ArrayList<>();

    @AfterEach
    void closeRegisterStorages() {
        registerStorages.forEach(PostgresStorage::close);
    }

    @Override
    protected Storage newStorage() {
        return TestPostgres.contractStorage("engine", TestPostgres.Isolation.DEFAULT, TestPostgres.Content.INITIALISED);
    }

    @Override
    protected Storage newUninitialisedStorage() {
        return TestPostgres.contractStorage("engine", TestPostgres.Isolation.DEFAULT, TestPostgres.Content.EMPTY);
    }

    @Override
    protected void markApplied(Storage storage, long version) {
        TestPostgres.execute(TestPostgres.databaseOf(storage.location()), "INSERT INTO __schema_migrations (version) VALUES (" + version + ")");
    }

    /** A second node on the same database: a pool of its own. */
    @Override
    protected Storage reopen(Storage storage) {
        return PostgresStorage.open(TestPostgres.settings(TestPostgres.databaseOf(storage.location()))).storage();
    }

    /** The reference's test_register migration. */
    @Override
    protected SchemaPort newSchemaWithOnlyUsersTableMigration() {
        SqlMigration users = new SqlMigration(new Migration(1, "create users table"),
                h -> h.execute("CREATE TABLE users (id BIGINT PRIMARY KEY)"),
                h -> h.execute("DROP TABLE users"));
        PostgresStorage storage = PostgresStorage.open(TestPostgres.settings(TestPostgres.newDatabase("register")), List.of(users));
        registerStorages.add(storage);
        return storage.storage().schema();
    }
}
