package org.openwec.core.service;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.openwec.core.model.Backup;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.BackupDatabase;
import org.openwec.core.port.out.BackupPort;

/** {@code db backup}, on the backend's own backup when it has one; the schema may be at any version. */
public final class BackupDatabaseService implements BackupDatabase {
    private final String location;
    private final Optional<BackupPort> backups;

    /**
     * @param location the database, for messages
     * @param backups the backend's backup; empty for a backend without one
     */
    public BackupDatabaseService(String location, Optional<BackupPort> backups) {
        this.location = Objects.requireNonNull(location, "location");
        this.backups = Objects.requireNonNull(backups, "backups");
    }

    @Override
    public Backup backup(Path file, boolean replace) {
        return backups.orElseThrow(() -> new UserError("`openwec db backup` backs up SQLite databases only. For the "
                + location + " use pg_dump (PostgreSQL) or BACKUP (CockroachDB), or `openwec db copy --to sqlite.toml`"
                + " for a portable copy of its subscriptions, bookmarks and heartbeats (docs/database-guide.md, Backups)."))
                .backup(file, replace);
    }
}
