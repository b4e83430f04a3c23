package org.openwec.adapters.testkit.released;

import org.openwec.core.migration.MigrationCatalogue;

/** The backends the reference supports, with the latest schema version each registers (docs/reference/schema.md §0). */
public enum Backend {
    SQLITE(MigrationCatalogue.SQLITE_LATEST),
    POSTGRES(MigrationCatalogue.POSTGRES_LATEST);

    private final long latestVersion;

    Backend(long latestVersion) {
        this.latestVersion = latestVersion;
    }

    public long latestVersion() {
        return latestVersion;
    }

    /** SQLite stores booleans as INTEGER 0/1, PostgreSQL as BOOLEAN (docs/reference/schema.md §4.3). */
    public Object encode(Object value) {
        if (this == SQLITE && value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return value;
    }
}
