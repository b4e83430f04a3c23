package org.openwec.adapters.memory;

import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.SchemaService;

/** The databases the contracts ask for. */
final class Fresh {
    private Fresh() {}

    /** What {@code openwec db init} leaves. */
    static Storage migratedStorage() {
        Storage storage = InMemoryStorage.create();
        new SchemaService(storage.schema(), storage.location(), MigrationEngine.Listener.SILENT).init();
        return storage;
    }
}
