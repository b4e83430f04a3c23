package org.openwec.adapters.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.UserError;

/**
 * {@code openwec db backup}: a consistent copy of a live SQLite database in one file.
 *
 * <p>{@code VACUUM INTO} reads the source in a single read transaction, so the copy is the database as
 * of one instant even while collectors keep writing (in WAL mode writers are not blocked), and it holds
 * every transaction committed before that instant. The copy is written to a temporary file next to the
 * target, synced (SQLite does not sync a {@code VACUUM INTO} output), opened and checked
 * ({@code PRAGMA integrity_check}, schema versions, row counts), and only then renamed to the target
 * name: a backup file that exists is complete. The file is readable by its owner only, like the database.
 */
public final class SqliteBackup {

    /**
     * What was written and found in it when it was opened again.
     *
     * @param versions the applied schema versions; empty when the database was never initialised
     */
    public record Result(Path file, long bytes, SortedSet<Long> versions, long subscriptions, long bookmarks,
                         long heartbeats) {
        public Result {
            Objects.requireNonNull(file, "file");
            versions = Collections.unmodifiableSortedSet(new TreeSet<>(versions));
        }
    }

    private SqliteBackup() {}

    /**
     * Backs up the database of {@code settings} (which must exist) to {@code target}.
     *
     * @param replace whether an existing {@code target} may be replaced (atomically, once the new copy is verified)
     * @throws UserError when the target exists (and not {@code replace}), is a directory, is the database
     *                   itself, or its directory is missing; or when the copy does not verify
     */
    public static Result backup(SqliteSettings settings, Path target, boolean replace) {
        Path database = settings.path().toAbsolutePath().normalize();
        Path file = target.toAbsolutePath().normalize();
        checkTarget(database, file, replace);
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            createOwnerOnly(temporary);
            try (SqliteDatabase db = SqliteDatabase.open(settings, false)) {
                db.write("back up the database", s -> s.handle().execute("VACUUM INTO ?", temporary.toString()));
            }
            sync(temporary);
            Result verified = verify(temporary, file);
            moveIntoPlace(temporary, file, replace);
            return verified;
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static void checkTarget(Path database, Path file, boolean replace) {
        if (file.equals(database)) {
            throw new UserError("The backup file " + file + " is the database itself: choose another file.");
        }
        if (Files.isDirectory(file)) {
            throw new UserError("The backup file " + file + " is a directory: name a file in it, e.g. "
                    + file.resolve("openwec-backup.sqlite") + ".");
        }
        if (Files.exists(file) && !replace) {
            throw new UserError("The backup file " + file + " already exists: choose another name, or add --force "
                    + "to replace it (the new backup replaces it only once it is complete and verified).");
        }
        Path parent = file.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserError("Cannot write the backup " + file + ": the directory " + parent
                    + " does not exist. Create it first.");
        }
    }

    private static void createOwnerOnly(Path temporary) {
        try {
            boolean posix = temporary.getFileSystem().supportedFileAttributeViews().contains("posix");
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            // VACUUM INTO writes into an existing empty file and keeps its permissions.
            Files.createFile(temporary, attributes);
        } catch (IOException e) {
            throw new UserError("Cannot write the backup in " + temporary.getParent() + ": " + e.getMessage()
                    + ". Choose a writable directory.");
        }
    }

    private static void sync(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            throw new StorageException("Failed to sync the backup " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens the copy as SQLite will when it is restored, and reads what it holds. */
    private static Result verify(Path temporary, Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + temporary);
             Statement s = c.createStatement()) {
            List<String> problems = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                while (rs.next()) {
                    problems.add(rs.getString(1));
                }
            }
            if (!problems.equals(List.of("ok"))) {
                throw new StorageException("The backup written to " + temporary + " fails its integrity check ("
                        + String.join("; ", problems) + "); nothing was written to " + file + ".");
            }
            SortedSet<Long> versions = new TreeSet<>();
            if (hasTable(s, "__schema_migrations")) {
                try (ResultSet rs = s.executeQuery("SELECT version FROM __schema_migrations")) {
                    while (rs.next()) {
                        versions.add(rs.getLong(1));
                    }
                }
            }
            return new Result(file, Files.size(temporary), versions, count(s, "subscriptions"), count(s, "bookmarks"),
                    count(s, "heartbeats"));
        } catch (SQLException | IOException e) {
            throw new StorageException("Failed to verify the backup written to " + temporary + ": "
                    + SqliteErrors.rootMessage(e), e);
        }
    }

    private static boolean hasTable(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
            return rs.next() && rs.getLong(1) > 0;
        }
    }

    /** Reads every row (count(*) walks the table), so an unreadable page would fail here too. */
    private static long count(Statement s, String table) throws SQLException {
        if (!hasTable(s, table)) {
            return 0;
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void moveIntoPlace(Path temporary, Path file, boolean replace) {
        try {
            if (replace) {
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                Files.move(temporary, file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new UserError("The backup file " + file + " appeared while the backup was written: choose another"
                    + " name, or add --force to replace it.");
        } catch (IOException e) {
            throw new StorageException("Failed to move the backup into place as " + file + ": " + e.getMessage(), e);
        }
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true); // makes the rename itself durable
        } catch (IOException ignored) {
            // Not every platform can sync a directory; the file itself is synced.
        }
    }

    private static void deleteQuietly(Path temporary) {
        for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
            try {
                Files.deleteIfExists(temporary.resolveSibling(temporary.getFileName() + suffix));
            } catch (IOException ignored) {
                // Best effort: a hidden temporary file next to the backup.
            }
        }
    }
}
