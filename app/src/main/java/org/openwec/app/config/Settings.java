package org.openwec.app.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A loaded, validated configuration.
 *
 * @param source the file it came from, or null for the embedded default
 */
public record Settings(Path source, DatabaseSettings database, boolean readOnlySubscriptions, ServerSettings server) {
    public Settings {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(server, "server");
    }

    /** What runs when there is no configuration file: the embedded SQLite database at {@code path}. */
    public static Settings embeddedDefault(Path path) {
        return new Settings(null, new DatabaseSettings.Sqlite(path, DatabaseSettings.Synchronous.FULL), false,
                ServerSettings.DEFAULTS);
    }
}
