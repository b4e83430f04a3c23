package org.openwec.app.cli;

import org.openwec.app.wiring.DatabaseCopies;
import org.openwec.app.wiring.OpenwecComponent;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.BackupDatabase;
import org.openwec.core.port.in.MachineStatistics;
import org.openwec.core.port.in.ManageBookmarks;
import org.openwec.core.port.in.ManageSubscriptions;
import org.openwec.core.port.in.MigrateSchema;

/**
 * One command's use cases, on the database of one configuration. The database is opened by the first use case
 * that needs it; closing the session closes whatever was opened.
 */
final class Session implements AutoCloseable {
    private final OpenwecComponent component;

    Session(OpenwecComponent component) {
        this.component = component;
    }

    ManageSubscriptions subscriptions() {
        return component.manageSubscriptions();
    }

    ManageBookmarks bookmarks() {
        return component.manageBookmarks();
    }

    MachineStatistics machines() {
        return component.machineStatistics();
    }

    MigrateSchema schema() {
        return component.migrateSchema();
    }

    BackupDatabase backup() {
        return component.backupDatabase();
    }

    DatabaseCopies copies() {
        return component.databaseCopies();
    }

    /** The start-up check: the database must carry exactly this binary's schema. */
    void requireUpToDate() {
        component.checkSchema().requireUpToDate();
    }

    /** The subscription an identifier names (its name, else its UUID), or {@code notFound} as the error. */
    Subscription subscription(String identifier, String notFound) {
        return subscriptions().find(identifier).orElseThrow(() -> new UserError(notFound));
    }

    @Override
    public void close() {
        component.close();
    }
}
