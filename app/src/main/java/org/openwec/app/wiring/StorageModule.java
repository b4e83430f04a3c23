package org.openwec.app.wiring;

import dagger.Module;
import dagger.Provides;
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
import org.openwec.core.port.out.Storage;
import org.openwec.core.port.out.StorageOpener;
import org.openwec.core.service.BackupDatabaseService;
import org.openwec.core.service.BookmarkService;
import org.openwec.core.service.MachineStatisticsService;
import org.openwec.core.service.SchemaService;
import org.openwec.core.service.SubscriptionService;

/**
 * The configured database and the use cases on its ports. The database is opened when the first use case that
 * needs it is asked for, not before: {@code db backup} never opens it here, and a command that needs no
 * database never asks.
 */
@Module
final class StorageModule {
    private StorageModule() {}

    @Provides
    @Singleton
    static StorageOpener opener(Backends backends, Settings settings, OpenedDatabases opened) {
        return opened.tracking(backends.opener(settings.database()));
    }

    @Provides
    @Singleton
    static Storage storage(StorageOpener opener, OpenMode mode) {
        return opener.open(mode == OpenMode.CREATE_IF_MISSING);
    }

    @Provides
    @Singleton
    static SchemaService schema(Storage storage, MigrationEngine.Listener listener) {
        return new SchemaService(storage.schema(), storage.location(), listener);
    }

    @Provides
    static MigrateSchema migrateSchema(SchemaService schema) {
        return schema;
    }

    @Provides
    static CheckSchema checkSchema(SchemaService schema) {
        return schema;
    }

    @Provides
    @Singleton
    static ManageSubscriptions subscriptions(Storage storage, Settings settings) {
        return new SubscriptionService(storage.subscriptions(), settings.readOnlySubscriptions());
    }

    @Provides
    @Singleton
    static ManageBookmarks bookmarks(Storage storage) {
        return new BookmarkService(storage.bookmarks());
    }

    @Provides
    @Singleton
    static MachineStatistics machineStatistics(Storage storage, Clock clock) {
        return new MachineStatisticsService(storage.heartbeats(), clock);
    }

    @Provides
    static BackupDatabase backupDatabase(StorageOpener opener) {
        return new BackupDatabaseService(opener.location(), opener.backups());
    }
}
