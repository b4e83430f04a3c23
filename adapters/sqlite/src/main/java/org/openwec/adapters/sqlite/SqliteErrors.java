package org.openwec.adapters.sqlite;

import java.nio.file.Path;
import java.sql.SQLException;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.UserError;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns SQLite failures the user can fix (wrong file, locked, unwritable) into messages that say how. */
final class SqliteErrors {
    private SqliteErrors() {}

    static RuntimeException translate(Path path, String doing, Throwable failure) {
        SQLiteException sqlite = find(failure);
        if (sqlite != null) {
            SQLiteErrorCode code = sqlite.getResultCode();
            String base = code == null ? "" : code.name();
            if (base.startsWith("SQLITE_NOTADB")) {
                return new UserError("The file " + path + " is not an SQLite database. "
                        + "Point [database] path at an openwec database, or move that file away and run `openwec db init`.");
            }
            if (base.startsWith("SQLITE_CORRUPT")) {
                return new UserError("The SQLite database " + path + " is corrupt. Restore it from a backup.");
            }
            if (base.startsWith("SQLITE_CANTOPEN")) {
                return new UserError("Cannot open the SQLite database " + path
                        + ": check that its directory exists and is writable, or choose another [database] path.");
            }
            if (base.startsWith("SQLITE_READONLY")) {
                return new UserError("The SQLite database " + path + " is read-only: make it writable by this user.");
            }
            if (base.startsWith("SQLITE_BUSY") || base.startsWith("SQLITE_LOCKED")) {
                return new UserError("The SQLite database " + path
                        + " is locked by another process; try again when it is released.");
            }
            if (base.startsWith("SQLITE_FULL")) {
                return new UserError("The disk holding the SQLite database " + path + " is full: free some space.");
            }
        }
        if (failure instanceof RuntimeException runtime && (failure instanceof UserError || failure instanceof StorageException)) {
            return runtime;
        }
        return new StorageException("Failed to " + doing + " in SQLite database " + path + ": " + rootMessage(failure), failure);
    }

    static SQLiteException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                return s;
            }
            if (t instanceof SQLException sql && sql.getNextException() instanceof SQLiteException s) {
                return s;
            }
        }
        return null;
    }

    static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
