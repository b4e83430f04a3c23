package org.openwec.app.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import org.openwec.app.config.Settings;
import org.openwec.app.config.SettingsLoader;
import org.openwec.app.wiring.Backends;
import org.openwec.app.wiring.OpenMode;
import org.openwec.app.wiring.OpenwecComponent;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.model.Migration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every command shares: streams, surroundings, global options, and how to reach the database. */
final class CliContext {
    private static final Logger LOG = LoggerFactory.getLogger("openwec");

    static final String DEPRECATED = "Using commands to manage subscriptions and there outputs is deprecated and will "
            + "be removed in future releases. Use subscription configuration files instead.";

    final PrintWriter out;
    final PrintWriter err;
    final Environment environment;
    private final Backends backends;
    private final Prompt prompt;
    Path configFile;
    int verbosity;

    CliContext(BufferedReader in, PrintWriter out, PrintWriter err, Environment environment, Backends backends) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.backends = backends;
        this.prompt = new Prompt(in, out);
    }

    /** -c, else the system file if it exists, else the embedded SQLite default (and say where it is). */
    Settings settings() {
        Logging.configure(verbosity, environment.logFilter());
        if (configFile != null) {
            return SettingsLoader.load(configFile);
        }
        Optional<Path> system = SettingsLoader.systemFile(environment.systemConfig());
        if (system.isPresent()) {
            return SettingsLoader.load(system.get());
        }
        err.println("No configuration file (-c, or " + environment.systemConfig() + "): using the embedded SQLite database "
                + environment.defaultDatabase());
        err.flush();
        return Settings.embeddedDefault(environment.defaultDatabase());
    }

    /** The use cases of the configuration; the database is opened by the first one that needs it. */
    Session open(OpenMode mode) {
        Settings settings = settings();
        return new Session(OpenwecComponent.open(settings, mode, progress(), environment.clock(), backends));
    }

    /** What every command but {@code db} opens: an existing database whose schema is exactly up to date. */
    Session session() {
        Session db = open(OpenMode.EXISTING_ONLY);
        try {
            db.requireUpToDate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /**
     * The commands that edit subscriptions one by one (new, edit, import, delete, duplicate, enable,
     * disable) are refused when the settings say subscriptions come from files only, and deprecated
     * otherwise, as in the reference. Refused here before the operator is asked anything; the use case
     * refuses the change itself too.
     */
    void requireEditable(Session db) {
        db.subscriptions().requireEditable();
        warnDeprecated();
    }

    void warnDeprecated() {
        LOG.warn(DEPRECATED);
    }

    /** A warning for the operator, on stderr through the log (OPENWEC_LOG=error silences it). */
    void warn(String message) {
        LOG.warn(message);
    }

    /** The time zone dates are shown in. */
    ZoneId zone() {
        return environment.clock().getZone();
    }

    /** Migration steps as they run, on stderr so that stdout keeps the reference's report format. */
    private MigrationEngine.Listener progress() {
        return new MigrationEngine.Listener() {
            @Override
            public void applying(Migration migration) {
                err.println("Applying migration " + migration);
                err.flush();
            }

            @Override
            public void reverting(Migration migration) {
                err.println("Reverting migration " + migration);
                err.flush();
            }

            @Override
            public void doneElsewhere(Migration migration) {
                err.println("  (another openwec did migration " + migration.version() + " meanwhile: skipped)");
                err.flush();
            }
        };
    }

    /** Asks unless {@code yes}; a refusal aborts the command with a non-zero exit. */
    void confirmOrAbort(String message, boolean yes) {
        out.flush();
        if (!yes && !prompt.confirm(message)) {
            throw new Declined();
        }
    }
}
