package org.openwec.adapters.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.usecase.MigrateSchema;

/**
 * The PostgreSQL server the tests use: an embedded one started once per test JVM (real binaries from
 * Maven Central, nothing to install), or an external server (e.g. a CockroachDB cluster) named by
 * OPENWEC_TEST_POSTGRES_URL=postgresql://user:password@host:port. Each test gets a database of its own.
 */
final class TestPostgres {
    static final String EXTERNAL_URL = System.getenv("OPENWEC_TEST_POSTGRES_URL");
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres embedded;

    record Server(String host, int port, String user, String password) {}

    private TestPostgres() {}

    static synchronized Server server() {
        if (EXTERNAL_URL != null && !EXTERNAL_URL.isBlank()) {
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
        String name = "openwec_" + purpose + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name);
        return name;
    }

    static void execute(String database, String sql) {
        Server s = server();
        String url = "jdbc:postgresql://" + s.host() + ":" + s.port() + "/" + database + "?sslmode=disable";
        try (Connection c = DriverManager.getConnection(url, s.user(), s.password()); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
    }

    static PostgresSettings settings(String database) {
        Server s = server();
        return PostgresSettings.of(s.host(), s.port(), database, s.user(), s.password())
                .withSsl(PostgresSettings.SslMode.Disable, null)
                .withPoolSize(4);
    }

    static PostgresStorage freshStorage(String purpose) {
        return PostgresStorage.open(settings(newDatabase(purpose)));
    }

    static PostgresStorage initialisedStorage(String purpose) {
        PostgresStorage storage = freshStorage(purpose);
        new MigrateSchema(storage.storage().schema(), storage.storage().location(), MigrationEngine.Listener.SILENT).init();
        return storage;
    }
}
