package org.openwec.benchmarks.load;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.openwec.adapters.postgres.PostgresSettings;
import org.openwec.adapters.postgres.PostgresStorage;
import org.openwec.adapters.sqlite.SqliteSettings;
import org.openwec.adapters.sqlite.SqliteStorage;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.SchemaService;

/**
 * The database of a load run, made as {@code openwec db init} and {@code subscriptions load} would make it: the
 * schema, and one subscription whose only output writes Raw events to a file per machine. SQLite is a file with
 * the adapter's defaults (WAL, synchronous FULL); PostgreSQL is an embedded server 17 with fsync and
 * synchronous_commit on (the embedded server's defaults turn both off), checked after start.
 */
abstract sealed class LoadDatabase implements AutoCloseable {
    static final String DATABASE = "openwec_load";

    abstract String name();

    /** Settings that matter for the figures, read from the live database. */
    abstract String describe() throws SQLException;

    abstract Storage open();

    /** The arguments of {@link LoadServer} that name this database. */
    abstract List<String> serverArguments();

    /** The {@code [database]} section of openwecd's settings. */
    abstract String settingsToml();

    /** The PostgreSQL server's process (the postmaster, parent of the backends); -1 for SQLite. */
    long serverPid() {
        return -1;
    }

    /** Creates the schema and the subscription; returns it. */
    Subscription prepare(Path eventsDirectory) {
        try (Storage storage = open()) {
            new SchemaService(storage.schema(), storage.location(), MigrationEngine.Listener.SILENT).init();
            Subscription subscription = Subscription.create("load",
                            "<QueryList><Query Id=\"0\"><Select Path=\"Security\">*</Select></Query></QueryList>")
                    .withOutputs(List.of(new Output(OutputFormat.Raw,
                            new OutputDriver.Files(eventsDirectory.resolve("{client}.log").toString()), true)));
            storage.subscriptions().storeSubscription(subscription);
            return subscription;
        }
    }

    /** The stored bookmark's RecordId of each machine. */
    Map<String, Long> recordIds(UUID subscription) {
        Map<String, Long> ids = new TreeMap<>();
        try (Storage storage = open()) {
            for (Bookmark bookmark : storage.bookmarks().bookmarks(subscription)) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("RecordId=\"(\\d+)\"").matcher(bookmark.bookmark());
                ids.put(bookmark.machine(), m.find() ? Long.parseLong(m.group(1)) : -1);
            }
        }
        return ids;
    }

    static final class Sqlite extends LoadDatabase {
        private final Path file;

        Sqlite(Path file) {
            this.file = file;
        }

        @Override
        String name() {
            return "SQLite";
        }

        @Override
        String describe() throws SQLException {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                return "SQLite " + one(s, "SELECT sqlite_version()") + ", journal_mode=" + one(s, "PRAGMA journal_mode")
                        + ", synchronous=FULL (the adapter's default, set per connection), file " + file;
            }
        }

        @Override
        Storage open() {
            return SqliteStorage.open(SqliteSettings.defaults(file), !Files.exists(file));
        }

        @Override
        List<String> serverArguments() {
            return List.of("backend=sqlite", "path=" + file);
        }

        @Override
        String settingsToml() {
            return "[database]\ntype = \"SQLite\"\npath = \"" + file + "\"\n";
        }

        @Override
        public void close() {
            // the run's directory goes with the file
        }
    }

    static final class Postgres extends LoadDatabase {
        private final EmbeddedPostgres server;
        private final long postmaster;

        Postgres() throws Exception {
            this.server = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "100")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
                String fsync = one(s, "SELECT current_setting('fsync')");
                String synchronousCommit = one(s, "SELECT current_setting('synchronous_commit')");
                if (!fsync.equals("on") || !synchronousCommit.equals("on")) {
                    throw new IllegalStateException("The embedded PostgreSQL runs with fsync=" + fsync
                            + " and synchronous_commit=" + synchronousCommit + ": the figures would not be durable ones.");
                }
                Path pidFile = Path.of(one(s, "SHOW data_directory"), "postmaster.pid");
                this.postmaster = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
            }
        }

        private String url(String database) {
            return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database + "?sslmode=disable";
        }

        @Override
        String name() {
            return "PostgreSQL";
        }

        @Override
        String describe() throws SQLException {
            try (Connection c = DriverManager.getConnection(url(DATABASE), "postgres", "");
                 Statement s = c.createStatement()) {
                return "PostgreSQL " + one(s, "SHOW server_version") + " (embedded), fsync=" + one(s, "SHOW fsync")
                        + ", synchronous_commit=" + one(s, "SHOW synchronous_commit") + ", full_page_writes="
                        + one(s, "SHOW full_page_writes") + ", wal_sync_method=" + one(s, "SHOW wal_sync_method");
            }
        }

        @Override
        Storage open() {
            return PostgresStorage.open(settings()).storage();
        }

        private PostgresSettings settings() {
            return PostgresSettings.of("localhost", server.getPort(), DATABASE, "postgres", "")
                    .withSsl(PostgresSettings.SslMode.Disable, null);
        }

        @Override
        List<String> serverArguments() {
            return List.of("backend=postgres", "host=localhost", "port=" + server.getPort(), "database=" + DATABASE,
                    "user=postgres");
        }

        @Override
        String settingsToml() {
            return "[database]\ntype = \"Postgres\"\nhost = \"localhost\"\nport = " + server.getPort()
                    + "\ndbname = \"" + DATABASE + "\"\nuser = \"postgres\"\npassword = \"\"\nssl_mode = \"Disable\"\n";
        }

        @Override
        long serverPid() {
            return postmaster;
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
