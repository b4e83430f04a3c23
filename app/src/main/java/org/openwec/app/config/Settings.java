package org.openwec.app.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A loaded, validated configuration.
 *
 * @param source the file it came from, or null for the embedded default
 * @param collectors how many {@code [[collectors]]} entries the file declares (each one checked at load)
 */
public record Settings(Path source, DatabaseSettings database, boolean readOnlySubscriptions, ServerSettings server,
                       int collectors) {
    public Settings {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(server, "server");
        if (collectors < 0) {
            throw new IllegalArgumentException("collectors must not be negative: " + collectors);
        }
    }

    /** What runs when there is no configuration file: the embedded SQLite database at {@code path}. */
    public static Settings embeddedDefault(Path path) {
        return new Settings(null, new DatabaseSettings.Sqlite(path, DatabaseSettings.Synchronous.FULL), false,
                ServerSettings.DEFAULTS, 0);
    }

    /**
     * This configuration, if it declares at least one collector. The CLI needs none, so loading accepts a file
     * without {@code collectors}; the collector server has nothing to listen on without one and calls this.
     */
    public Settings requireCollectors() {
        if (collectors > 0) {
            return this;
        }
        if (source == null) {
            throw new ConfigError("No configuration file was found, and the collector server needs one that declares"
                    + " at least one [[collectors]] entry: give it with -c.");
        }
        throw new ConfigError("Configuration file " + source + " declares no [[collectors]] entry, and the collector"
                + " server needs at least one. Add a [[collectors]] table with hostname, listen_address and its"
                + " [collectors.authentication].");
    }
}
