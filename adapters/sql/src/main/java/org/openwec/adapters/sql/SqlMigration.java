package org.openwec.adapters.sql;

import org.jdbi.v3.core.Handle;
import org.openwec.core.model.Migration;

/** One schema version's SQL: its up and down steps, each run inside the migration's transaction. */
public record SqlMigration(Migration migration, Step up, Step down) {

    @FunctionalInterface
    public interface Step {
        void run(Handle handle);
    }

    public long version() {
        return migration.version();
    }
}
