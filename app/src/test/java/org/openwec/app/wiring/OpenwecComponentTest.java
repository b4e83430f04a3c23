package org.openwec.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.adapters.memory.InMemoryStorage;
import org.openwec.app.cli.Cli;
import org.openwec.app.cli.Environment;
import org.openwec.app.config.DatabaseSettings;
import org.openwec.app.config.ServerSettings;
import org.openwec.app.config.Settings;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.ManageSubscriptions;
import org.openwec.core.port.out.BackupPort;
import org.openwec.core.port.out.Storage;
import org.openwec.core.port.out.StorageOpener;

/**
 * The wiring opens the database only for the use cases that need it, once per component, and closing the
 * component closes what it opened; commands that need no database never open one.
 */
class OpenwecComponentTest {
    @TempDir
    Path dir;

    /** In-memory databases whose openings and closings are counted. */
    private static final class Counting implements Backends {
        final List<String> events = new ArrayList<>();

        @Override
        public StorageOpener opener(DatabaseSettings settings) {
            return new StorageOpener() {
                @Override
                public String location() {
                    return "in-memory database";
                }

                @Override
                public boolean exists() {
                    return true;
                }

                @Override
                public Storage open(boolean create) {
                    events.add("open");
                    Storage s = InMemoryStorage.create();
                    return new Storage(location(), s.subscriptions(), s.bookmarks(), s.heartbeats(), s.schema(),
                            () -> events.add("close"));
                }

                @Override
                public Optional<BackupPort> backups() {
                    return Optional.empty();
                }
            };
        }
    }

    private OpenwecComponent component(Counting backends, boolean readOnly) {
        Settings settings = new Settings(null, new DatabaseSettings.Sqlite(dir.resolve("db.sqlite"),
                DatabaseSettings.Synchronous.FULL), readOnly, ServerSettings.DEFAULTS, 0);
        return OpenwecComponent.open(settings, OpenMode.CREATE_IF_MISSING, MigrationEngine.Listener.SILENT,
                Clock.systemUTC(), backends);
    }

    @Test
    void theDatabaseIsOpenedOnceByTheFirstUseCaseThatNeedsItAndClosedWithTheComponent() {
        Counting backends = new Counting();
        try (OpenwecComponent component = component(backends, false)) {
            assertThat(backends.events).isEmpty();
            component.migrateSchema().init();
            component.checkSchema().requireUpToDate();
            component.manageSubscriptions().subscriptions();
            component.manageBookmarks();
            component.machineStatistics();
            assertThat(backends.events).containsExactly("open");
        }
        assertThat(backends.events).containsExactly("open", "close");
    }

    @Test
    void backupOpensNothingAndABackendWithoutOneIsRefused() {
        Counting backends = new Counting();
        try (OpenwecComponent component = component(backends, false)) {
            assertThatThrownBy(() -> component.backupDatabase().backup(dir.resolve("b.sqlite"), false))
                    .isInstanceOf(UserError.class).hasMessageContaining("SQLite databases only");
        }
        assertThat(backends.events).isEmpty();
    }

    @Test
    void theReadOnlySettingReachesTheUseCase() {
        try (OpenwecComponent component = component(new Counting(), true)) {
            assertThatThrownBy(component.manageSubscriptions()::requireEditable)
                    .isInstanceOf(UserError.class).hasMessage(ManageSubscriptions.READ_ONLY);
        }
        try (OpenwecComponent component = component(new Counting(), false)) {
            assertThat(component.manageSubscriptions().editable()).isTrue();
        }
    }

    @Test
    void commandsThatNeedNoDatabaseOpenNone() {
        Counting backends = new Counting();
        Cli cli = new Cli(new BufferedReader(new StringReader("")), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                new Environment(dir.resolve("absent.toml"), dir.resolve("default.sqlite"), null), backends);

        assertThat(cli.run("subscriptions", "skell", "--minimal")).isZero();
        assertThat(cli.run("completion", "bash")).isZero();
        assertThat(cli.run("subscriptions", "--help")).isZero();
        assertThat(backends.events).isEmpty();

        assertThat(cli.run("db", "init")).isZero();
        assertThat(backends.events).containsExactly("open", "close");
    }
}
