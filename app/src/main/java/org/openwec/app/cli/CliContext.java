package org.openwec.app.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.openwec.app.config.Settings;
import org.openwec.app.config.SettingsLoader;
import org.openwec.app.wiring.OpenMode;
import org.openwec.app.wiring.OpenwecComponent;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.model.Migration;

/** What every command shares: streams, surroundings, global options, and how to reach the database. */
final class CliContext {
    final PrintWriter out;
    final PrintWriter err;
    final Environment environment;
    private final Prompt prompt;
    Path configFile;
    int verbosity;

    CliContext(BufferedReader in, PrintWriter out, PrintWriter err, Environment environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
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

    OpenwecComponent open(OpenMode mode) {
        return OpenwecComponent.open(settings(), mode, progress());
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
        };
    }

    /** Asks unless {@code yes}; a refusal aborts the command with a non-zero exit. */
    void confirmOrAbort(String message, boolean yes) {
        if (!yes && !prompt.confirm(message)) {
            throw new Declined();
        }
    }
}
