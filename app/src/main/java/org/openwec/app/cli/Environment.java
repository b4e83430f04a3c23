package org.openwec.app.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the CLI reads from its surroundings, injectable so tests never depend on the machine.
 *
 * @param systemConfig the configuration file used when -c is absent, if it exists
 * @param defaultDatabase the embedded SQLite database used when there is no configuration file at all
 * @param logFilter the OPENWEC_LOG value, null when unset (it then overrides -v)
 * @param clock "now" for stats and clients, and the time zone every date is shown in
 */
public record Environment(Path systemConfig, Path defaultDatabase, String logFilter, Clock clock) {
    public static final Path SYSTEM_CONFIG = Path.of("/etc/openwec.conf.toml");

    public Environment {
        Objects.requireNonNull(clock, "clock");
    }

    /** The machine's clock and time zone. */
    public Environment(Path systemConfig, Path defaultDatabase, String logFilter) {
        this(systemConfig, defaultDatabase, logFilter, Clock.systemDefaultZone());
    }

    /**
     * The per-user default follows the XDG base directory convention: {@code $XDG_DATA_HOME/openwec/db.sqlite},
     * where an unset, empty or relative XDG_DATA_HOME means {@code $HOME/.local/share}. $HOME is the user's
     * choice and wins over the account's home directory (Java's user.home, read from the password database),
     * which is used only when HOME is unset or not absolute.
     */
    public static Environment fromSystem(Map<String, String> env) {
        Path base = absolute(env.get("XDG_DATA_HOME"))
                .orElseGet(() -> absolute(env.get("HOME")).orElseGet(() -> Path.of(System.getProperty("user.home")))
                        .resolve(".local").resolve("share"));
        return new Environment(SYSTEM_CONFIG, base.resolve("openwec").resolve("db.sqlite"), env.get("OPENWEC_LOG"));
    }

    /** The variable's value as a path, if it is an absolute one (the XDG specification ignores relative paths). */
    private static Optional<Path> absolute(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        return path.isAbsolute() ? Optional.of(path) : Optional.empty();
    }
}
