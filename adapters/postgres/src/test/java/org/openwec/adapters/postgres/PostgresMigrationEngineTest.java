package org.openwec.adapters.postgres;

import java.util.List;
import org.openwec.adapters.sql.SqlMigration;
import org.openwec.adapters.testkit.MigrationEngineContract;
import org.openwec.core.model.Migration;
import org.openwec.core.port.SchemaPort;
import org.openwec.core.port.Storage;

class PostgresMigrationEngineTest extends MigrationEngineContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.initialisedStorage("engine").storage();
    }

    @Override
    protected Storage newUninitialisedStorage() {
        return TestPostgres.freshStorage("engine").storage();
    }

    @Override
    protected void markApplied(Storage storage, long version) {
        String database = storage.location().substring("PostgreSQL database ".length()).split(" ")[0];
        TestPostgres.execute(database, "INSERT INTO __schema_migrations (version) VALUES (" + version + ")");
    }

    /** The reference's test_register migration. */
    @Override
    protected SchemaPort newSchemaWithOnlyUsersTableMigration() {
        SqlMigration users = new SqlMigration(new Migration(1, "create users table"),
                h -> h.execute("CREATE TABLE users (id BIGINT PRIMARY KEY)"),
                h -> h.execute("DROP TABLE users"));
        return PostgresStorage.open(TestPostgres.settings(TestPostgres.newDatabase("register")), List.of(users))
                .storage().schema();
    }
}
