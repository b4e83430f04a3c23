package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.app.CliHarness;

/** {@code openwec -c pg.toml db ...} against a real PostgreSQL that the test starts. */
class PostgresCliTest {
    private static EmbeddedPostgres server;
    private static int databases;

    @TempDir
    Path dir;
    private CliHarness harness;
    private Path config;
    private String dbname;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void database() throws Exception {
        harness = new CliHarness(dir);
        dbname = "cli_" + (++databases);
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + dbname);
        }
        config = pgConfig(dbname, "");
    }

    private Path pgConfig(String database, String extra) {
        return harness.config("pg-" + database + ".toml", """
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
                """.formatted(server.getPort(), database, extra));
    }

    private CliHarness.Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of("-c", config.toString()));
        all.addAll(List.of(args));
        return harness.run(all.toArray(String[]::new));
    }

    @Test
    void initStatusDowngradeAndUpgradeWorkOnPostgres() throws Exception {
        assertThat(cli("db", "init").code()).isZero();
        assertThat(versions()).containsExactlyElementsOf(CliHarness.versions(1, 15));

        CliHarness.Result status = cli("db", "status");
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("Database: PostgreSQL database " + dbname + " on localhost:" + server.getPort())
                .contains("Schema: version 15, up to date")
                .contains("15: add default value of client_filter_kind for previously configured filters")
                .doesNotContain("not-a-secret-but-hidden");

        CliHarness.Result downgrade = cli("db", "downgrade", "--to", "5", "--yes");
        assertThat(downgrade.code()).as(downgrade.toString()).isZero();
        assertThat(downgrade.out()).contains("Migrations to remove:").contains("6: add content_format field in subscriptions table");
        assertThat(versions()).containsExactlyElementsOf(CliHarness.versions(1, 5));

        CliHarness.Result outdated = cli("subscriptions");
        assertThat(outdated.code()).isEqualTo(1);
        assertThat(outdated.err()).contains(CliHarness.OUTDATED);

        CliHarness.Result upgrade = cli("db", "upgrade", "--yes");
        assertThat(upgrade.code()).as(upgrade.toString()).isZero();
        assertThat(versions()).containsExactlyElementsOf(CliHarness.versions(1, 15));
        assertThat(cli("subscriptions").code()).isZero();
    }

    @Test
    void aDatabaseThatDoesNotExistIsOneClearLine() {
        config = pgConfig("no_such_database", "");
        CliHarness.Result r = cli("db", "status");
        CliHarness.assertOneLineError(r, "no_such_database", "does not exist", "dbname");
        assertThat(r.err()).doesNotContain("not-a-secret-but-hidden");
    }

    @Test
    void anUnreachableServerIsReportedAfterTheRetryWindow() {
        config = harness.config("down.toml", """
                collectors = []
                [database]
                type = "Postgres"
                host = "127.0.0.1"
                port = 1
                dbname = "x"
                user = "postgres"
                password = "not-a-secret-but-hidden"
                ssl_mode = "Disable"
                retry_max_elapsed_ms = 500
                connect_timeout_ms = 250
                """);
        CliHarness.Result r = cli("db", "status");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("127.0.0.1:1").doesNotContain("not-a-secret-but-hidden").doesNotContain("\tat ");
    }

    private List<Long> versions() throws Exception {
        List<Long> versions = new ArrayList<>();
        try (Connection c = server.getDatabase("postgres", dbname).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM __schema_migrations ORDER BY version")) {
            while (rs.next()) {
                versions.add(rs.getLong(1));
            }
        }
        return versions;
    }
}
