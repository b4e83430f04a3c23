package org.openwec.adapters.sqlite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.openwec.adapters.sql.SqlMigration;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.SchemaService;

/** Real SQLite files in a test's temporary directory, each opened as the application opens them. */
final class SqliteTestDatabases implements AutoCloseable {
    private final Path directory;
    private final AtomicInteger counter = new AtomicInteger();
    private final List<AutoCloseable> opened = new ArrayList<>();

    SqliteTestDatabases(Path directory) {
        this.directory = directory;
    }

    Path newPath() {
        return directory.resolve("db-" + counter.incrementAndGet() + ".sqlite");
    }

    Storage uninitialised() {
        return track(SqliteStorage.open(SqliteSettings.defaults(newPath()), true));
    }

    Storage initialised() {
        Storage storage = uninitialised();
        new SchemaService(storage.schema(), storage.location(), MigrationEngine.Listener.SILENT).init();
        return storage;
    }

    Storage open(Path path, List<SqlMigration> migrations) {
        return track(SqliteStorage.open(SqliteSettings.defaults(path), true, migrations));
    }

    /** A second, plain JDBC view of a database file, for checking what is really stored. */
    static Jdbi raw(Path path) {
        return Jdbi.create("jdbc:sqlite:" + path);
    }

    static Path pathOf(Storage storage) {
        return Path.of(storage.location().substring("SQLite database ".length()));
    }

    private Storage track(Storage storage) {
        opened.add(storage);
        return storage;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }
}
