package org.openwec.app.wiring;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import org.openwec.adapters.sqlite.SqliteSettings;
import org.openwec.adapters.sqlite.SqliteStorage;
import org.openwec.app.config.DatabaseSettings;
import org.openwec.app.config.Settings;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.model.UserError;
import org.openwec.core.port.Storage;
import org.openwec.core.usecase.CheckSchema;
import org.openwec.core.usecase.MigrateSchema;

/** Opens the backend the configuration names and builds the use cases on its ports. */
@Module
public final class StorageModule {
    private StorageModule() {}

    @Provides
    @Singleton
    static Storage storage(Settings settings, OpenMode mode) {
        return switch (settings.database()) {
            case DatabaseSettings.Sqlite sqlite -> SqliteStorage.open(
                    SqliteSettings.defaults(sqlite.path())
                            .withSynchronous(SqliteSettings.Synchronous.valueOf(sqlite.synchronous().name())),
                    mode == OpenMode.CREATE_IF_MISSING);
            case DatabaseSettings.Postgres postgres -> throw new UserError(
                    "The PostgreSQL backend is not available in this build yet (configured host " + postgres.host()
                            + "). Use type = \"SQLite\" for now.");
        };
    }

    @Provides
    static MigrateSchema migrateSchema(Storage storage, MigrationEngine.Listener listener) {
        return new MigrateSchema(storage.schema(), storage.location(), listener);
    }

    @Provides
    static CheckSchema checkSchema(MigrateSchema migrateSchema, Storage storage) {
        return new CheckSchema(migrateSchema, storage.location());
    }
}
