package org.openwec.app.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

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

    /** The per-user default follows the XDG base directory convention: $XDG_DATA_HOME/openwec/db.sqlite. */
    public static Environment fromSystem(Map<String, String> env) {
        String dataHome = env.get("XDG_DATA_HOME");
        Path base = dataHome != null && !dataHome.isBlank()
                ? Path.of(dataHome)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return new Environment(SYSTEM_CONFIG, base.resolve("openwec").resolve("db.sqlite"), env.get("OPENWEC_LOG"));
    }
}
