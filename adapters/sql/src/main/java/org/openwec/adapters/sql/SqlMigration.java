package org.openwec.adapters.sqlite;

import org.jdbi.v3.core.Handle;
import org.openwec.core.migration.Migration;

/** One schema version's SQL: its up and down steps, each run inside the migration's transaction. */
record SqliteMigration(Migration migration, Step up, Step down) {

    @FunctionalInterface
    interface Step {
        void run(Handle handle);
    }

    long version() {
        return migration.version();
    }
}
