package org.openwec.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openwec.adapters.memory.InMemoryStorage;
import org.openwec.app.config.DatabaseSettings;
import org.openwec.app.wiring.Backends;
import org.openwec.core.model.UserError;
import org.openwec.core.port.out.BackupPort;
import org.openwec.core.port.out.Storage;
import org.openwec.core.port.out.StorageOpener;

/**
 * The in-memory storage in place of SQLite files, handed to the wiring: a configuration's {@code [database]
 * path} names an in-memory database that lives as long as this object, so that successive runs of the CLI in
 * one test see what the previous ones stored. Missing databases are refused as the SQLite adapter refuses
 * them; closing a run leaves the database in place.
 */
final class MemoryDatabases implements Backends {
    private final Map<Path, Storage> databases = new TreeMap<>();

    @Override
    public StorageOpener opener(DatabaseSettings settings) {
        if (!(settings instanceof DatabaseSettings.Sqlite sqlite)) {
            throw new IllegalArgumentException("In-memory tests name their databases with SQLite paths: " + settings);
        }
        Path path = sqlite.path().toAbsolutePath().normalize();
        return new StorageOpener() {
            @Override
            public String location() {
                return "in-memory database " + path;
            }

            @Override
            public boolean exists() {
                synchronized (databases) {
                    return databases.containsKey(path);
                }
            }

            @Override
            public Storage open(boolean create) {
                synchronized (databases) {
                    if (!databases.containsKey(path) && !create) {
                        throw new UserError("There is no SQLite database at " + path
                                + ": run `openwec db init` to create it, or fix [database] path.");
                    }
                    return databases.computeIfAbsent(path, p -> {
                        Storage s = InMemoryStorage.create();
                        return new Storage(location(), s.subscriptions(), s.bookmarks(), s.heartbeats(), s.schema(),
                                () -> { });
                    });
                }
            }

            @Override
            public Optional<BackupPort> backups() {
                return Optional.empty();
            }
        };
    }

    /** The database at {@code path}, which a run created. */
    Storage storage(Path path) {
        synchronized (databases) {
            Storage storage = databases.get(path.toAbsolutePath().normalize());
            if (storage == null) {
                throw new IllegalStateException("No in-memory database at " + path + ": run db init first");
            }
            return storage;
        }
    }

    /** Everything each database holds, as text: what {@link CliHarness#snapshot()} compares. */
    Map<String, String> contents() {
        Map<String, String> contents = new TreeMap<>();
        synchronized (databases) {
            databases.forEach((path, s) -> contents.put("<in-memory> " + path, (s.schema().isInitialised()
                    ? "applied " + s.schema().appliedVersions() + "\n" : "no schema\n")
                    + (s.schema().isInitialised() ? s.subscriptions().subscriptions() + "\n"
                    + s.bookmarks().bookmarkPage(null, Integer.MAX_VALUE) + "\n"
                    + s.heartbeats().heartbeatPage(null, Integer.MAX_VALUE) : "")));
        }
        return contents;
    }
}
