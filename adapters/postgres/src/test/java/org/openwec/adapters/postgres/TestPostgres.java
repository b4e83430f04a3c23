package org.openwec.adapters.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.SchemaService;

/**
 * The PostgreSQL server the tests use: an embedded one started once per test JVM (real binaries from
 * Maven Central, nothing to install), or an external server (e.g. a CockroachDB cluster) named by
 * OPENWEC_TEST_POSTGRES_URL=postgresql://user:password@host:port. Each test gets a database of its own.
 *
 * <p>On the embedded server, hundreds of contract tests would otherwise leave hundreds of databases
 * (7 MB each) behind, to be written and then deleted at exit: a database a contract storage used is
 * recycled when that storage is closed (emptied before the next test gets it, see {@link #contractStorage}),
 * and every other database a test creates is dropped when the test (or, for {@code @BeforeAll}, its
 * class) ends, by {@link DropTestDatabases}.
 *
 * <p>Tests that must stop the server or change its TLS settings start a {@linkplain #dedicated dedicated}
 * embedded server instead, whatever OPENWEC_TEST_POSTGRES_URL says.
 */
final class TestPostgres {
    static final String EXTERNAL_URL = System.getenv("OPENWEC_TEST_POSTGRES_URL");
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres embedded;
    /** An initialised database the embedded server copies for each test that starts from the latest schema. */
    private static String template;
    /** Databases of contract storages closed since, ready for another test: by isolation level. */
    private static final Map<Isolation, Deque<String>> SPARE = new EnumMap<>(Isolation.class);
    /** The databases created in each open test scope (class, then test), innermost last; dropped when it closes. */
    private static final Deque<List<String>> SCOPES = new ArrayDeque<>();
    /** The template's schema, to tell whether a recycled database still has exactly it. */
    private static String schemaFingerprint;

    /** What a contract storage starts with. */
    enum Content {
        /** Nothing at all: no bookkeeping table, no business table. */
        EMPTY,
        /** The latest schema, every migration recorded, no rows. */
        INITIALISED
    }

    record Server(String host, int port, String user, String password) {}

    /** The isolation level sessions of a test database start with (set on the database, so every pooled session gets it). */
    enum Isolation {
        DEFAULT, SERIALIZABLE
    }

    private TestPostgres() {}

    static boolean isEmbedded() {
        return EXTERNAL_URL == null || EXTERNAL_URL.isBlank();
    }

    static synchronized Server server() {
        if (!isEmbedded()) {
            URI uri = URI.create(EXTERNAL_URL);
            String[] userInfo = uri.getUserInfo() == null ? new String[] {"postgres", ""} : uri.getUserInfo().split(":", 2);
            return new Server(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), userInfo[0],
                    userInfo.length > 1 ? userInfo[1] : "");
        }
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // The JVM is exiting.
                }
            }));
        }
        return new Server("localhost", embedded.getPort(), "postgres", "");
    }

    /** A new, empty database on the server. */
    static String newDatabase(String purpose) {
        return newDatabase(purpose, Isolation.DEFAULT);
    }

    static String newDatabase(String purpose, Isolation isolation) {
        return createDatabase(purpose, "", isolation);
    }

    private static String createDatabase(String purpose, String options, Isolation isolation) {
        String name = createUntrackedDatabase(purpose, options, isolation);
        synchronized (TestPostgres.class) {
            if (!SCOPES.isEmpty() && isEmbedded()) {
                SCOPES.peekLast().add(name);
            }
        }
        return name;
    }

    private static String createUntrackedDatabase(String purpose, String options, Isolation isolation) {
        String name = "openwec_" + purpose + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name + options);
        if (isolation == Isolation.SERIALIZABLE) {
            execute("postgres", "ALTER DATABASE " + name + " SET default_transaction_isolation = 'serializable'");
        }
        return name;
    }

    /** A test, or a test class, begins: the databases it creates from now on are its own. */
    static synchronized void openScope() {
        SCOPES.addLast(new ArrayList<>());
    }

    /** A test, or a test class, ended: drops the databases it created, whoever is still connected to them. */
    static void closeScope() {
        List<String> created;
        synchronized (TestPostgres.class) {
            created = SCOPES.pollLast();
        }
        if (created != null) {
            for (String database : created) {
                execute("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    /**
     * A new database already at the latest schema. On the embedded server it is a copy of a database
     * initialised once ({@code CREATE DATABASE ... TEMPLATE}), which saves running the fifteen migrations
     * for each of the hundreds of contract tests; {@code db init} itself is tested by the migration engine
     * contract and PostgresSchemaTest, which run it for real.
     */
    static String newInitialisedDatabase(String purpose, Isolation isolation) {
        if (!isEmbedded()) {
            String name = newDatabase(purpose, isolation);
            initialise(PostgresStorage.open(settings(name))).close();
            return name;
        }
        return createDatabase(purpose, " TEMPLATE " + template(), isolation);
    }

    private static synchronized String template() {
        if (template == null) {
            String name = createUntrackedDatabase("template", "", Isolation.DEFAULT);
            initialise(PostgresStorage.open(settings(name))).close();
            schemaFingerprint = schemaFingerprint(name);
            template = name;
        }
        return template;
    }

    /**
     * A storage for a contract test, on a database of its own while it is open. On the embedded server the
     * database is one a contract storage closed earlier, when there is one: emptied first, of everything
     * ({@link Content#EMPTY}: the public schema dropped and created again), or of its rows only
     * ({@link Content#INITIALISED}, when its schema is still exactly the one db init makes; else emptied and
     * initialised again). Closing the storage hands the database back.
     */
    static Storage contractStorage(String purpose, Isolation isolation, Content content) {
        if (!isEmbedded()) {
            PostgresStorage opened = content == Content.EMPTY ? freshStorage(purpose, isolation)
                    : initialisedStorage(purpose, isolation);
            return opened.storage();
        }
        String database = spare(isolation);
        PostgresStorage opened;
        if (database == null) {
            database = content == Content.EMPTY ? createUntrackedDatabase(purpose, "", isolation)
                    : createUntrackedDatabase(purpose, " TEMPLATE " + template(), isolation);
            opened = PostgresStorage.open(settings(database));
        } else if (content == Content.INITIALISED && hasTheInitialisedSchema(database)) {
            execute(database, "TRUNCATE subscriptions, bookmarks, heartbeats");
            opened = PostgresStorage.open(settings(database));
        } else {
            execute(database, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
            opened = PostgresStorage.open(settings(database));
            if (content == Content.INITIALISED) {
                initialise(opened);
            }
        }
        String recycled = database;
        Storage storage = opened.storage();
        return new Storage(storage.location(), storage.subscriptions(), storage.bookmarks(), storage.heartbeats(),
                storage.schema(), () -> {
                    opened.close();
                    release(isolation, recycled);
                });
    }

    private static synchronized String spare(Isolation isolation) {
        Deque<String> spare = SPARE.get(isolation);
        return spare == null ? null : spare.pollFirst();
    }

    private static synchronized void release(Isolation isolation, String database) {
        SPARE.computeIfAbsent(isolation, i -> new ArrayDeque<>()).addLast(database);
    }

    private static boolean hasTheInitialisedSchema(String database) {
        template();
        return schemaFingerprint.equals(schemaFingerprint(database));
    }

    /** The columns, constraints and recorded versions of a database's public schema, in one string. */
    private static String schemaFingerprint(String database) {
        return jdbi(database).withHandle(h -> h.createQuery("""
                        SELECT coalesce((SELECT string_agg(table_name || '.' || column_name || ' ' || udt_name || ' '
                                                           || is_nullable || ' ' || coalesce(column_default, ''),
                                                           ', ' ORDER BY table_name, ordinal_position)
                                         FROM information_schema.columns WHERE table_schema = 'public'), '')
                            || ' | ' || coalesce((SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), ', '
                                                                    ORDER BY conname)
                                                  FROM pg_constraint WHERE connamespace = 'public'::regnamespace), '')""")
                .mapTo(String.class).one()
                + " | " + (h.createQuery("SELECT to_regclass('public.__schema_migrations') IS NOT NULL")
                        .mapTo(Boolean.class).one()
                        ? h.createQuery("SELECT string_agg(version::text, ',' ORDER BY version) FROM __schema_migrations")
                                .mapTo(String.class).findOne().orElse("")
                        : "no bookkeeping"));
    }

    static void execute(String database, String sql) {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
    }

    /** A plain JDBC connection as the administrator, outside any pool: the test's own view of the database. */
    static Connection connect(String database) throws SQLException {
        Server s = server();
        return DriverManager.getConnection(jdbcUrl(s.host(), s.port(), database), s.user(), s.password());
    }

    static String jdbcUrl(String host, int port, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=disable";
    }

    /** Raw SQL on a test database, for arranging legacy rows and reading what was really stored. */
    static Jdbi jdbi(String database) {
        Server s = server();
        return Jdbi.create(jdbcUrl(s.host(), s.port(), database), s.user(), s.password());
    }

    /** A server setting as a new session on that database sees it. */
    static String show(String database, String setting) {
        return jdbi(database).withHandle(h -> h.createQuery("SELECT current_setting(:name)").bind("name", setting)
                .mapTo(String.class).one());
    }

    /** The database name of a storage opened by this harness. */
    static String databaseOf(PostgresStorage storage) {
        return databaseOf(storage.storage().location());
    }

    static String databaseOf(String location) {
        return location.substring("PostgreSQL database ".length()).split(" ")[0];
    }

    static PostgresSettings settings(String database) {
        Server s = server();
        return PostgresSettings.of(s.host(), s.port(), database, s.user(), s.password())
                .withSsl(PostgresSettings.SslMode.Disable, null)
                .withPoolSize(4);
    }

    static PostgresStorage freshStorage(String purpose) {
        return freshStorage(purpose, Isolation.DEFAULT);
    }

    static PostgresStorage freshStorage(String purpose, Isolation isolation) {
        return PostgresStorage.open(settings(newDatabase(purpose, isolation)));
    }

    static PostgresStorage initialisedStorage(String purpose) {
        return initialisedStorage(purpose, Isolation.DEFAULT);
    }

    static PostgresStorage initialisedStorage(String purpose, Isolation isolation) {
        return PostgresStorage.open(settings(newInitialisedDatabase(purpose, isolation)));
    }

    /** {@code db init}: every migration, through the migration engine. */
    static PostgresStorage initialise(PostgresStorage storage) {
        new SchemaService(storage.storage().schema(), storage.storage().location(), MigrationEngine.Listener.SILENT).init();
        return storage;
    }

    private static void giveToServerAccount(Path dataDirectory, List<Path> files) {
        try {
            UserPrincipal server = Files.getOwner(dataDirectory);
            for (Path file : files) {
                if (!Files.getOwner(file).equals(server)) {
                    Files.setOwner(file, server);
                }
                // The server must be able to reach the file: let everyone through (not read) its directory.
                Path dir = file.getParent();
                Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(dir));
                if (permissions.addAll(EnumSet.of(PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE))) {
                    Files.setPosixFilePermissions(dir, permissions);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot hand the server its files", e);
        }
    }

    /** A TCP port nobody listens on right now, for a dedicated server that must keep its port across a restart. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A dedicated embedded server, independent of the shared one: its data directory and port are fixed so
     * that it can be stopped and started again on the same data. {@code config} adds server settings to
     * zonky's defaults (which turn fsync and synchronous_commit off).
     */
    static EmbeddedPostgres dedicated(Path dataDirectory, int port, Map<String, String> config) {
        return dedicated(dataDirectory, port, config, List.of());
    }

    /**
     * A dedicated server that must read files of ours (TLS certificate and key): they are handed to the
     * account the server runs as. When the tests run as root, zonky's binaries run the server as another
     * account (the data directory's owner after initdb), which PostgreSQL requires to own a key file that
     * only its owner may read.
     */
    static EmbeddedPostgres dedicated(Path dataDirectory, int port, Map<String, String> config, List<Path> serverFiles) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(30))
                .setDataDirectoryCustomizer(data -> giveToServerAccount(data.toPath(), serverFiles));
        config.forEach(builder::setServerConfig);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a dedicated embedded PostgreSQL on port " + port, e);
        }
    }
}
