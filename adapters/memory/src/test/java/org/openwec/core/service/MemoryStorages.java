package org.openwec.core.service;

import java.util.Optional;
import org.openwec.adapters.memory.InMemoryStorage;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.port.out.BackupPort;
import org.openwec.core.port.out.Storage;
import org.openwec.core.port.out.StorageOpener;

/** In-memory databases for the services' tests: the reference behaviour of every adapter, and the test double. */
final class MemoryStorages {
    private MemoryStorages() {}

    /** What {@code openwec db init} leaves, named {@code location} (several databases need several names). */
    static Storage migrated(String location) {
        Storage storage = relocated(InMemoryStorage.create(), location);
        new SchemaService(storage.schema(), storage.location(), MigrationEngine.Listener.SILENT).init();
        return storage;
    }

    static Storage relocated(Storage storage, String location) {
        return new Storage(location, storage.subscriptions(), storage.bookmarks(), storage.heartbeats(),
                storage.schema(), storage);
    }

    /** A database that exists and is opened already: opening hands it out. */
    static StorageOpener opener(Storage storage) {
        return new StorageOpener() {
            @Override
            public String location() {
                return storage.location();
            }

            @Override
            public boolean exists() {
                return true;
            }

            @Override
            public Storage open(boolean create) {
                return storage;
            }

            @Override
            public Optional<BackupPort> backups() {
                return Optional.empty();
            }
        };
    }
}
