package org.openwec.app.wiring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.openwec.adapters.postgres.PostgresSettings;
import org.openwec.adapters.postgres.PostgresStorage;
import org.openwec.adapters.postgres.RetrySettings;
import org.openwec.adapters.sqlite.SqliteSettings;
import org.openwec.adapters.sqlite.SqliteStorage;
import org.openwec.app.config.DatabaseSettings;
import org.openwec.core.port.out.BackupPort;
import org.openwec.core.port.out.Storage;
import org.openwec.core.port.out.StorageOpener;

/**
 * Which adapter reaches the database a {@code [database]} section names. The program uses {@link #CONFIGURED}
 * (SQLite or PostgreSQL, as configured); tests of command behaviour hand the wiring the in-memory storage instead.
 */
@FunctionalInterface
public interface Backends {

    /** The database of {@code settings}, not opened. */
    StorageOpener opener(DatabaseSettings settings);

    /** The backend each configuration names. */
    Backends CONFIGURED = settings -> switch (settings) {
        case DatabaseSettings.Sqlite sqlite -> sqlite(sqlite);
        case DatabaseSettings.Postgres postgres -> postgres(postgresSettings(postgres));
    };

    private static StorageOpener sqlite(DatabaseSettings.Sqlite sqlite) {
        SqliteSettings settings = SqliteSettings.defaults(sqlite.path())
                .withSynchronous(SqliteSettings.Synchronous.valueOf(sqlite.synchronous().name()));
        Path path = sqlite.path().toAbsolutePath().normalize();
        return new StorageOpener() {
            @Override
            public String location() {
                return "SQLite database " + path;
            }

            @Override
            public boolean exists() {
                return Files.exists(path);
            }

            @Override
            public Storage open(boolean create) {
                return SqliteStorage.open(settings, create);
            }

            @Override
            public Optional<BackupPort> backups() {
                return Optional.of(SqliteStorage.backups(settings));
            }
        };
    }

    /** Opening connects to nothing: the pool connects at the first operation. */
    private static StorageOpener postgres(PostgresSettings settings) {
        return new StorageOpener() {
            @Override
            public String location() {
                return settings.location();
            }

            @Override
            public boolean exists() {
                return true;
            }

            @Override
            public Storage open(boolean create) {
                return PostgresStorage.open(settings).storage();
            }

            @Override
            public Optional<BackupPort> backups() {
                return Optional.empty();
            }
        };
    }

    private static PostgresSettings postgresSettings(DatabaseSettings.Postgres pg) {
        DatabaseSettings.Tuning t = pg.tuning();
        return new PostgresSettings(pg.host(), pg.port(), pg.dbname(), pg.user(), pg.password(),
                PostgresSettings.SslMode.valueOf(pg.sslMode().name()), pg.caFile() == null ? null : Path.of(pg.caFile()),
                pg.maxChunkSize(),
                new RetrySettings(t.retryMaxAttempts(), Duration.ofMillis(t.retryInitialBackoffMs()),
                        Duration.ofMillis(t.retryMaxBackoffMs()), Duration.ofMillis(t.retryMaxElapsedMs())),
                t.poolSize(), Duration.ofMillis(t.connectTimeoutMs()));
    }
}
