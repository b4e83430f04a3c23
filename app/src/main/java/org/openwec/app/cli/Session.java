package org.openwec.app.cli;

import org.openwec.app.wiring.OpenwecComponent;
import org.openwec.core.port.Storage;
import org.openwec.core.usecase.CheckSchema;
import org.openwec.core.usecase.MigrateSchema;

/** One command's open database: opened eagerly so that a failure to open never reaches the close. */
final class Session implements AutoCloseable {
    private final OpenwecComponent component;
    private final Storage storage;

    Session(OpenwecComponent component) {
        this.component = component;
        this.storage = component.storage();
    }

    Storage storage() {
        return storage;
    }

    MigrateSchema migrateSchema() {
        return component.migrateSchema();
    }

    CheckSchema checkSchema() {
        return component.checkSchema();
    }

    @Override
    public void close() {
        storage.close();
    }
}
