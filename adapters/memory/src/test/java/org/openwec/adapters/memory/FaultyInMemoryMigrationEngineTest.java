package org.openwec.adapters.memory;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.openwec.adapters.testkit.FaultyStorage;
import org.openwec.adapters.testkit.MigrationEngineContract;
import org.openwec.core.model.Migration;
import org.openwec.core.port.out.SchemaPort;
import org.openwec.core.port.out.Storage;

/** The fault decorator with nothing armed keeps the contract of what it wraps. */
class FaultyInMemoryMigrationEngineTest extends MigrationEngineContract {
    /** The in-memory storage behind each decorated one, for what only the in-memory schema can do. */
    private final Map<Storage, Storage> wrapped = new ConcurrentHashMap<>();

    private Storage faulty(Storage storage) {
        Storage decorated = FaultyStorage.wrap(storage).storage();
        wrapped.put(decorated, storage);
        return decorated;
    }

    @Override
    protected Storage newStorage() {
        return faulty(Fresh.migratedStorage());
    }

    @Override
    protected Storage newUninitialisedStorage() {
        return faulty(InMemoryStorage.create());
    }

    @Override
    protected void markApplied(Storage storage, long version) {
        ((InMemorySchema) wrapped.get(storage).schema()).markApplied(version);
    }

    @Override
    protected SchemaPort newSchemaWithOnlyUsersTableMigration() {
        TreeMap<Long, Migration> migrations = new TreeMap<>();
        migrations.put(1L, new Migration(1, "create users table"));
        return faulty(InMemoryStorage.create(migrations)).schema();
    }

    /** The in-memory adapter has no second connection: a second node would share the same object. */
    @Override
    protected Storage reopen(Storage storage) {
        Storage inner = wrapped.get(storage);
        return faulty(new Storage(inner.location(), inner.subscriptions(), inner.bookmarks(), inner.heartbeats(),
                inner.schema(), () -> { }));
    }
}
