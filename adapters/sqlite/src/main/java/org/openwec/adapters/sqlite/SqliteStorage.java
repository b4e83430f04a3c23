package org.openwec.adapters.sqlite;

import java.util.List;
import org.openwec.adapters.sql.SqlMigration;
import org.openwec.core.model.Backup;
import org.openwec.core.port.out.BackupPort;
import org.openwec.core.port.out.Storage;

/** Opens a SQLite database as a {@link Storage}, and offers its backup: the adapter's public entry point. */
public final class SqliteStorage {
    private SqliteStorage() {}

    /**
     * @param create whether a missing file (and directory) may be created; only {@code db init} should
     */
    public static Storage open(SqliteSettings settings, boolean create) {
        SqliteNativeLibrary.prepare();
        return open(settings, create, SqliteMigrations.all());
    }

    /**
     * The backup SQLite offers ({@link SqliteBackup}): a consistent copy of the live database, taken through a
     * connection of its own, so that nothing needs to be opened before.
     */
    public static BackupPort backups(SqliteSettings settings) {
        return (file, replace) -> {
            SqliteNativeLibrary.prepare();
            SqliteBackup.Result r = SqliteBackup.backup(settings, file, replace);
            return new Backup(settings.path(), r.file(), r.bytes(), r.versions(), r.subscriptions(), r.bookmarks(),
                    r.heartbeats());
        };
    }

    static Storage open(SqliteSettings settings, boolean create, List<SqlMigration> migrations) {
        return SqliteDatabase.open(settings, create).storage(SqliteDialect.INSTANCE, migrations);
    }
}
