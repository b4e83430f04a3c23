package org.openwec.adapters.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.openwec.core.model.Migration;

/**
 * One schema version's SQL: its up and down steps, each run inside the migration's transaction, and the
 * storage settings its tables get once that transaction has committed ({@link #storageSettings}).
 *
 * @param storageSettings statements that tune how the server stores a table the up step created (a
 *                        PostgreSQL {@code fillfactor}, say) without changing the schema: each is run on
 *                        its own after the migration, and one the server refuses (CockroachDB has no use
 *                        for some) is logged and skipped, never failing the migration
 */
public record SqlMigration(Migration migration, Step up, Step down, List<String> storageSettings) {

    @FunctionalInterface
    public interface Step {
        void run(Handle handle);
    }

    public SqlMigration {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(down, "down");
        storageSettings = List.copyOf(storageSettings);
    }

    public SqlMigration(Migration migration, Step up, Step down) {
        this(migration, up, down, List.of());
    }

    public SqlMigration withStorageSetting(String statement) {
        List<String> all = new ArrayList<>(storageSettings);
        all.add(statement);
        return new SqlMigration(migration, up, down, all);
    }

    public long version() {
        return migration.version();
    }
}
