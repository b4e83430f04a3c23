package org.openwec.adapters.sqlite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open a SQLite database.
 *
 * @param synchronous FULL makes every commit survive a power loss; NORMAL in WAL mode may lose the last
 *                    commits on power loss (never corrupts). Bookmarks are why FULL is the default.
 * @param poolSize reader connections, opened as needed and kept open; WAL lets them run beside the one writer
 */
public record SqliteSettings(Path path, Synchronous synchronous, Duration busyTimeout, int poolSize) {

    public enum Synchronous { OFF, NORMAL, FULL, EXTRA }

    public SqliteSettings {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(synchronous, "synchronous");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1");
        }
    }

    public static SqliteSettings defaults(Path path) {
        return new SqliteSettings(path, Synchronous.FULL, Duration.ofSeconds(5), 4);
    }

    public SqliteSettings withSynchronous(Synchronous value) {
        return new SqliteSettings(path, value, busyTimeout, poolSize);
    }
}
