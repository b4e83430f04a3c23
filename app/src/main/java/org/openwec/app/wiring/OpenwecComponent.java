package org.openwec.app.wiring;

import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import javax.inject.Singleton;
import org.openwec.app.config.Settings;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.port.in.BackupDatabase;
import org.openwec.core.port.in.CheckSchema;
import org.openwec.core.port.in.MachineStatistics;
import org.openwec.core.port.in.ManageBookmarks;
import org.openwec.core.port.in.ManageSubscriptions;
import org.openwec.core.port.in.MigrateSchema;

/**
 * The use cases of one configuration, for one run of a command. Nothing is opened until a use case that needs
 * the database is asked for; closing the component closes every database it opened.
 */
@Singleton
@Component(modules = StorageModule.class)
public interface OpenwecComponent extends AutoCloseable {
    ManageSubscriptions manageSubscriptions();

    ManageBookmarks manageBookmarks();

    MachineStatistics machineStatistics();

    MigrateSchema migrateSchema();

    CheckSchema checkSchema();

    BackupDatabase backupDatabase();

    DatabaseCopies databaseCopies();

    OpenedDatabases openedDatabases();

    @Override
    default void close() {
        openedDatabases().close();
    }

    @Component.Factory
    interface Factory {
        /**
         * @param listener told of each migration step as it runs
         * @param clock "now" for the machine statistics
         * @param backends the adapters that reach a configured database
         */
        OpenwecComponent create(@BindsInstance Settings settings, @BindsInstance OpenMode mode,
                                @BindsInstance MigrationEngine.Listener listener, @BindsInstance Clock clock,
                                @BindsInstance Backends backends);
    }

    static OpenwecComponent open(Settings settings, OpenMode mode, MigrationEngine.Listener listener, Clock clock,
                                 Backends backends) {
        return DaggerOpenwecComponent.factory().create(settings, mode, listener, clock, backends);
    }
}
