package org.openwec.app.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.openwec.app.CliHarness;

/**
 * One embedded PostgreSQL for every test class of this JVM that needs one (it takes seconds to start),
 * stopped when the JVM exits. Each test gets a database of its own.
 */
public final class SharedPostgres {
    private static EmbeddedPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private SharedPostgres() {}

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    // the JVM is exiting; the embedded server's directory is temporary anyway
                }
            }));
        }
        return server;
    }

    /** A new database and a configuration file naming it; {@code extra} goes under [database]. */
    static Path newDatabase(CliHarness harness, String prefix, String extra) {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return harness.config("pg-" + name + ".toml", """
                collectors = []
                [database]
                type = "Postgres"
                host = "localhost"
                port = %d
                dbname = "%s"
                user = "postgres"
                password = "not-a-secret-but-hidden"
                ssl_mode = "Disable"
                max_chunk_size = 50
                retry_max_elapsed_ms = 2000
                %s
                """.formatted(server().getPort(), name, extra));
    }
}
