package org.openwec.adapters.sqlite;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.openwec.adapters.sql.Session;
import org.openwec.adapters.sql.SqlDatabase;
import org.openwec.core.model.UserError;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One SQLite database file and the connections the adapter owns on it: one writer, since SQLite has one
 * writer at a time (writes queue on a lock here rather than on SQLite's busy timeout), and up to
 * {@code poolSize} readers, which WAL lets run beside the writer. Each connection keeps its Jdbi handle and
 * its prepared statements for as long as the database is open, so a lookup costs the query itself and
 * little more: no pool, handle or statement per call.
 *
 * <p>Every connection is opened with the pragmas the adapter relies on: foreign keys on (the cascade
 * deletes of bookmarks and heartbeats depend on it, and SQLite leaves it off by default), WAL, a busy
 * timeout (other processes, such as the CLI, write too) and the configured synchronous level. The writer's
 * transactions are IMMEDIATE, so that it waits for the lock up front instead of failing on upgrade.
 */
final class SqliteDatabase extends SqlDatabase {
    /**
     * The page size of the files this adapter creates. The collector's writes are scattered (a bookmark and a
     * heartbeat row per machine, machines in no order), so a commit writes one page per row to the WAL and
     * syncs it: 2 KiB pages halve the bytes of SQLite's default 4 KiB, and still hold a bookmark of some
     * twenty channels without an overflow page. Measured in docs/benchmarks.md, "SQLite: pages and checkpoints".
     * Files created elsewhere (by OpenWEC) keep theirs.
     */
    static final int PAGE_SIZE = 2048;
    /**
     * WAL pages before a commit checkpoints them into the database (SQLite's default is 1,000). A page
     * rewritten by many commits meanwhile is copied once, so the checkpoint's share of a commit of 63
     * scattered bookmarks fell from about 130 to 25 µs ({@code benchmarks/run --sqlite-commits}). The WAL
     * grows to 16 MiB between checkpoints.
     */
    static final int WAL_AUTOCHECKPOINT_PAGES = 8000;
    private final Path path;
    private final SQLiteDataSource readerSource;
    private final ReentrantLock writing = new ReentrantLock();
    private final Session writer;
    /** Idle readers, the last returned first: its page cache is the warmest. */
    private final BlockingDeque<Session> idleReaders;
    private final int maxReaders;
    private final long busyTimeoutMillis;
    private final AtomicInteger readers = new AtomicInteger();
    private final List<Session> sessions = new CopyOnWriteArrayList<>();

    private SqliteDatabase(Path path, Session writer, SQLiteDataSource readerSource, SqliteSettings settings) {
        super("SQLite database " + path);
        this.path = path;
        this.writer = writer;
        this.readerSource = readerSource;
        this.maxReaders = settings.poolSize();
        this.busyTimeoutMillis = settings.busyTimeout().toMillis();
        this.idleReaders = new LinkedBlockingDeque<>(maxReaders);
        sessions.add(writer);
    }

    /**
     * Opens the database. With {@code create}, a missing file (and its directory) is created readable by
     * its owner only; without it, a missing file is an error, so that no command but {@code db init}
     * leaves a file behind.
     */
    static SqliteDatabase open(SqliteSettings settings, boolean create) {
        Path path = settings.path().toAbsolutePath().normalize();
        boolean created = prepareFile(path, create);
        SQLiteDataSource writerSource = dataSource(path, settings, SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection connection = null;
        try {
            if (isEmpty(path)) {
                setPageSize(path);
            }
            connection = writerSource.getConnection();
            // Opening ran the pragmas; reading the schema makes SQLite check that the file is a database.
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT count(*) FROM sqlite_master");
            }
            Session writer = new Session(connection, SqliteDialect.INSTANCE);
            return new SqliteDatabase(path, writer, dataSource(path, settings, SQLiteConfig.TransactionMode.DEFERRED),
                    settings);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (created) {
                deleteQuietly(path);
            }
            throw SqliteErrors.translate(path, "open the database", e);
        }
    }

    private static SQLiteDataSource dataSource(Path path, SqliteSettings settings, SQLiteConfig.TransactionMode mode) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(settings.synchronous().name()));
        config.setBusyTimeout((int) settings.busyTimeout().toMillis());
        config.setTransactionMode(mode);
        config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, Integer.toString(WAL_AUTOCHECKPOINT_PAGES));
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + path);
        return source;
    }

    /** A file with no page yet: just created, or created empty by someone else. */
    private static boolean isEmpty(Path path) {
        try {
            return Files.size(path) == 0;
        } catch (IOException e) {
            return false; // opening it reports the problem
        }
    }

    /**
     * Gives an empty file its page size. The pragmas of {@link #dataSource} switch to WAL before they set a
     * page size, which fixes SQLite's default in the file's header; so a plain connection writes the header
     * first, with the page size and then WAL.
     */
    private static void setPageSize(Path path) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + path); Statement s = c.createStatement()) {
            s.execute("PRAGMA page_size = " + PAGE_SIZE);
            s.execute("PRAGMA journal_mode = WAL");
        }
    }

    Path path() {
        return path;
    }

    @Override
    protected Session acquire(boolean write) throws Exception {
        if (write) {
            writing.lock();
            return writer;
        }
        Session idle = idleReaders.pollFirst();
        if (idle != null) {
            return idle;
        }
        if (readers.incrementAndGet() > maxReaders) {
            readers.decrementAndGet();
            Session freed = idleReaders.pollFirst(busyTimeoutMillis, TimeUnit.MILLISECONDS);
            if (freed == null) {
                throw new SQLException("All " + maxReaders + " reader connections stayed busy for the busy timeout ("
                        + busyTimeoutMillis + " ms)");
            }
            return freed;
        }
        try {
            return openReader();
        } catch (SQLException | RuntimeException e) {
            readers.decrementAndGet();
            throw e;
        }
    }

    private Session openReader() throws SQLException {
        Session reader = new Session(readerSource.getConnection(), SqliteDialect.INSTANCE);
        sessions.add(reader);
        return reader;
    }

    @Override
    protected void release(Session session, Throwable failure) {
        if (session == writer) {
            writing.unlock();
        } else {
            idleReaders.addFirst(session);
        }
    }

    @Override
    protected RuntimeException translate(String doing, Throwable failure) {
        return SqliteErrors.translate(path, doing, failure);
    }

    @Override
    public void close() {
        for (Session session : sessions) {
            session.close();
            closeQuietly(session.connection());
        }
        sessions.clear();
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing is all that is left to do with it.
            }
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
}
