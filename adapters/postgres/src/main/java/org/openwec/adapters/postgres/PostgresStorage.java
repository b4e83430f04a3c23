package org.openwec.adapters.postgres;

import java.util.List;
import java.util.Map;
import org.openwec.adapters.sql.SqlMigration;
import org.openwec.core.port.out.Storage;

/**
 * An opened PostgreSQL-compatible database: the {@link Storage} the core uses, plus the retry count
 * (transient failures ridden through), observable for tests now and metrics later.
 */
public final class PostgresStorage implements AutoCloseable {
    private final PostgresDatabase db;
    private final Storage storage;

    private PostgresStorage(PostgresDatabase db, List<SqlMigration> migrations) {
        this.db = db;
        this.storage = db.storage(db.dialect(), migrations);
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

    /**
     * The retries by the SQLSTATE of the failure retried (40001 serialization failure, 40P01 deadlock, 57P01
     * terminated by an administrator, 08xxx connection failures), or "I/O" for a connection lost without one.
     */
    public Map<String, Long> retriesByCause() {
        return db.retriesByCause();
    }

    @Override
    public void close() {
        storage.close();
    }
}
