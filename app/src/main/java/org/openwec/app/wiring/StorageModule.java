package org.openwec.app.wiring;

import dagger.Module;
import dagger.Provides;
import java.nio.file.Path;
import java.time.Duration;
import javax.inject.Singleton;
import org.openwec.adapters.postgres.PostgresSettings;
import org.openwec.adapters.postgres.PostgresStorage;
import org.openwec.adapters.postgres.RetrySettings;
import org.openwec.adapters.sqlite.SqliteSettings;
import org.openwec.adapters.sqlite.SqliteStorage;
import org.openwec.app.config.DatabaseSettings;
import org.openwec.app.config.Settings;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.CheckSchema;
import org.openwec.core.service.MigrateSchema;

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
            case DatabaseSettings.Postgres postgres -> PostgresStorage.open(postgresSettings(postgres)).storage();
        };
    }

    static PostgresSettings postgresSettings(DatabaseSettings.Postgres pg) {
        DatabaseSettings.Tuning t = pg.tuning();
        return new PostgresSettings(pg.host(), pg.port(), pg.dbname(), pg.user(), pg.password(),
                PostgresSettings.SslMode.valueOf(pg.sslMode().name()), pg.caFile() == null ? null : Path.of(pg.caFile()),
                pg.maxChunkSize(),
                new RetrySettings(t.retryMaxAttempts(), Duration.ofMillis(t.retryInitialBackoffMs()),
                        Duration.ofMillis(t.retryMaxBackoffMs()), Duration.ofMillis(t.retryMaxElapsedMs())),
                t.poolSize(), Duration.ofMillis(t.connectTimeoutMs()));
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
