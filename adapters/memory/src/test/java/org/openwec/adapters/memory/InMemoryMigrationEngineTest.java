package org.openwec.adapters.memory;

import java.util.TreeMap;
import org.openwec.adapters.testkit.MigrationEngineContract;
import org.openwec.core.model.Migration;
import org.openwec.core.port.out.SchemaPort;
import org.openwec.core.port.out.Storage;

class InMemoryMigrationEngineTest extends MigrationEngineContract {
    @Override
    protected Storage newStorage() {
        return Fresh.migratedStorage();
    }

    @Override
    protected Storage newUninitialisedStorage() {
        return InMemoryStorage.create();
    }

    @Override
    protected void markApplied(Storage storage, long version) {
        ((InMemorySchema) storage.schema()).markApplied(version);
    }

    @Override
    protected SchemaPort newSchemaWithOnlyUsersTableMigration() {
        TreeMap<Long, Migration> migrations = new TreeMap<>();
        migrations.put(1L, new Migration(1, "create users table"));
        return InMemoryStorage.create(migrations).schema();
    }

    /** The in-memory adapter has no second connection: a second node would share the same object. */
    @Override
    protected Storage reopen(Storage storage) {
        return new Storage(storage.location(), storage.subscriptions(), storage.bookmarks(), storage.heartbeats(),
                storage.schema(), () -> { });
    }
}
