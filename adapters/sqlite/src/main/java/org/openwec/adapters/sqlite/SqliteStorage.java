package org.openwec.adapters.sqlite;

import java.util.List;
import org.openwec.adapters.sql.SqlMigration;
import org.openwec.core.port.out.Storage;

/** Opens a SQLite database as a {@link Storage}: the adapter's only public entry point. */
public final class SqliteStorage {
    private SqliteStorage() {}

    /**
     * @param create whether a missing file (and directory) may be created; only {@code db init} should
     */
    public static Storage open(SqliteSettings settings, boolean create) {
        return open(settings, create, SqliteMigrations.all());
    }

    static Storage open(SqliteSettings settings, boolean create, List<SqlMigration> migrations) {
        return SqliteDatabase.open(settings, create).storage(SqliteDialect.INSTANCE, migrations);
    }
}
