package org.openwec.adapters.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.openwec.core.model.UserError;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One SQLite database file behind a small connection pool. Every connection is opened with the pragmas
 * the adapter relies on: foreign keys on (the cascade deletes of bookmarks and heartbeats depend on it,
 * and SQLite leaves it off by default), WAL, a busy timeout, the configured synchronous level, and
 * IMMEDIATE transactions so that a writer waits for the lock up front instead of failing on upgrade.
 */
final class SqliteDatabase implements AutoCloseable {
    private final Path path;
    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private SqliteDatabase(Path path, HikariDataSource pool) {
        this.path = path;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
    }

    /**
     * Opens the database. With {@code create}, a missing file (and its directory) is created readable by
     * its owner only; without it, a missing file is an error, so that no command but {@code db init}
     * leaves a file behind.
     */
    static SqliteDatabase open(SqliteSettings settings, boolean create) {
        Path path = settings.path().toAbsolutePath().normalize();
        boolean created = prepareFile(path, create);
        SQLiteDataSource raw = new SQLiteDataSource(connectionConfig(settings));
        raw.setUrl("jdbc:sqlite:" + path);
        try {
            probe(raw);
        } catch (SQLException | RuntimeException e) {
            if (created) {
                deleteQuietly(path);
            }
            throw SqliteErrors.translate(path, "open the database", e);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(raw);
        hikari.setPoolName("sqlite:" + path.getFileName());
        hikari.setMaximumPoolSize(settings.poolSize());
        hikari.setMinimumIdle(1);
        return new SqliteDatabase(path, new HikariDataSource(hikari));
    }

    private static SQLiteConfig connectionConfig(SqliteSettings settings) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(settings.synchronous().name()));
        config.setBusyTimeout((int) settings.busyTimeout().toMillis());
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    /** Opening runs the pragmas, and reading the schema makes SQLite check that the file is a database. */
    private static void probe(SQLiteDataSource raw) throws SQLException {
        try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT count(*) FROM sqlite_master");
        }
    }

    private static boolean prepareFile(Path path, boolean create) {
        if (Files.isDirectory(path)) {
            throw new UserError("The SQLite database path " + path + " is a directory: set [database] path to a file.");
        }
        if (Files.exists(path)) {
            return false;
        }
        if (!create) {
            throw new UserError("There is no SQLite database at " + path
                    + ": run `openwec db init` to create it, or fix [database] path.");
        }
        try {
            Path parent = path.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent, ownerOnly(parent, "rwx------"));
            }
            Files.createFile(path, ownerOnly(path, "rw-------"));
            return true;
        } catch (FileAlreadyExistsException e) {
            // A parent component is a regular file, or another process created the database meanwhile.
            if (Files.isRegularFile(path)) {
                return false;
            }
            throw cannotCreate(path, "a component of that path is a file, not a directory");
        } catch (AccessDeniedException e) {
            throw cannotCreate(path, "permission denied on " + e.getFile());
        } catch (NoSuchFileException e) {
            throw cannotCreate(path, "a component of that path is missing or not a directory");
        } catch (IOException e) {
            throw cannotCreate(path, e.getMessage());
        }
    }

    private static UserError cannotCreate(Path path, String why) {
        return new UserError("Cannot create the SQLite database " + path + ": " + why
                + ". Choose a writable location in [database] path.");
    }

    private static FileAttribute<?>[] ownerOnly(Path path, String permissions) {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // Best effort: the file is empty and harmless.
        }
    }

    Path path() {
        return path;
    }

    <R> R withHandle(String doing, HandleCallback<R, Exception> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (Exception e) {
            throw SqliteErrors.translate(path, doing, e);
        }
    }

    /** Runs the callback in one IMMEDIATE transaction: all of it commits, or none of it. */
    <R> R inTransaction(String doing, HandleCallback<R, Exception> callback) {
        try {
            return jdbi.inTransaction(callback);
        } catch (Exception e) {
            throw SqliteErrors.translate(path, doing, e);
        }
    }

    <R> R read(String doing, Function<Handle, R> query) {
        return withHandle(doing, query::apply);
    }

    @Override
    public void close() {
        pool.close();
    }
}
