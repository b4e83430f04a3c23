package org.openwec.adapters.postgres;

import java.util.List;
import org.openwec.adapters.sql.SqlMigration;
import org.openwec.core.port.Storage;

/**
 * An opened PostgreSQL-compatible database: the {@link Storage} the core uses, plus the retry count
 * (transient failures ridden through), observable for tests now and metrics later.
 */
public final class PostgresStorage implements AutoCloseable {
    private final PostgresDatabase db;
    private final Storage storage;

    private PostgresStorage(PostgresDatabase db, List<SqlMigration> migrations) {
        this.db = db;
        String location = db.settings().location();
        this.storage = new Storage(location,
                new PostgresSubscriptionAdapter(db),
                new PostgresBookmarkAdapter(db),
                new PostgresHeartbeatAdapter(db),
                new PostgresSchemaAdapter(db, location, migrations),
                db);
    }

    /** Opens the pool lazily: a server that is down or refuses us is reported by the first operation. */
    public static PostgresStorage open(PostgresSettings settings) {
        return new PostgresStorage(new PostgresDatabase(settings), PostgresMigrations.all());
    }

    static PostgresStorage open(PostgresSettings settings, List<SqlMigration> migrations) {
        return new PostgresStorage(new PostgresDatabase(settings), migrations);
    }

    public Storage storage() {
        return storage;
    }

    public long retries() {
        return db.retries();
    }

    @Override
    public void close() {
        storage.close();
    }
}
