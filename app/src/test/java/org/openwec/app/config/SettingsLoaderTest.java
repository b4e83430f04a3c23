package org.openwec.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openwec.app.CliHarness;

/** {@link SettingsLoader#load} on real files (docs/reference/cli.md §8). */
class SettingsLoaderTest {
    @TempDir
    Path dir;

    private static final String POSTGRES = """
            collectors = []
            [database]
            type = "Postgres"
            host = "db.example.org"
            port = 5432
            dbname = "openwec"
            user = "openwec"
            password = "s3cr3t-Passw0rd"
            """;

    private Settings load(String toml) {
        return SettingsLoader.load(CliHarness.write(dir.resolve("openwec.conf.toml"), toml));
    }

    private void assertRejected(String toml, String... fragments) {
        Path file = CliHarness.write(dir.resolve("openwec.conf.toml"), toml);
        var assertion = assertThatThrownBy(() -> SettingsLoader.load(file)).isInstanceOf(ConfigError.class)
                .hasMessageContaining(file.toString());
        for (String fragment : fragments) {
            assertion.hasMessageContaining(fragment);
        }
    }

    @Test
    void theMinimalFileOfTheSpecificationParses() {
        Settings settings = load("""
                collectors = []
                [database]
                type = "SQLite"
                path = "/var/db/openwec/db.sqlite"
                """);

        assertThat(settings.database()).isEqualTo(
                new DatabaseSettings.Sqlite(Path.of("/var/db/openwec/db.sqlite"), DatabaseSettings.Synchronous.FULL));
        assertThat(settings.readOnlySubscriptions()).isFalse();
        assertThat(settings.server()).isEqualTo(ServerSettings.DEFAULTS);
        assertThat(settings.source()).isEqualTo(dir.resolve("openwec.conf.toml"));
    }

    @Test
    void serverDefaults() {
        assertThat(ServerSettings.DEFAULTS).isEqualTo(new ServerSettings(5, 5, 2048, null));
        Settings settings = load(CliHarness.minimalToml(Path.of("/tmp/x.sqlite")) + "[server]\n");
        assertThat(settings.server()).isEqualTo(new ServerSettings(5, 5, 2048, null));
    }

    @Test
    void serverValues() {
        Settings settings = load(CliHarness.minimalToml(Path.of("/tmp/x.sqlite")) + """
                [server]
                db_sync_interval = 10
                flush_heartbeats_interval = 20
                heartbeats_queue_size = 4096
                node_name = "node-1"
                """);
        assertThat(settings.server()).isEqualTo(new ServerSettings(10, 20, 4096, "node-1"));
    }

    @Test
    void sqliteSynchronousIsOurAdditionAndCaseInsensitive() {
        Settings settings = load(CliHarness.minimalToml(Path.of("/tmp/x.sqlite")) + "synchronous = \"Normal\"\n");
        assertThat(((DatabaseSettings.Sqlite) settings.database()).synchronous()).isEqualTo(DatabaseSettings.Synchronous.NORMAL);
        assertRejected(CliHarness.minimalToml(Path.of("/tmp/x.sqlite")) + "synchronous = \"sometimes\"\n",
                "database.synchronous", "sometimes");
    }

    @Test
    void postgresKeysParseWithDefaults() {
        Settings settings = load(POSTGRES);

        assertThat(settings.database()).isEqualTo(new DatabaseSettings.Postgres("db.example.org", 5432, "openwec",
                "openwec", "s3cr3t-Passw0rd", DatabaseSettings.SslMode.Prefer, null, 500));
    }

    @Test
    void postgresOptionalKeys() {
        Settings settings = load(POSTGRES + """
                ssl_mode = "Require"
                ca_file = "/etc/ssl/ca.pem"
                max_chunk_size = 100
                """);

        DatabaseSettings.Postgres pg = (DatabaseSettings.Postgres) settings.database();
        assertThat(pg.sslMode()).isEqualTo(DatabaseSettings.SslMode.Require);
        assertThat(pg.caFile()).isEqualTo("/etc/ssl/ca.pem");
        assertThat(pg.maxChunkSize()).isEqualTo(100);
    }

    @Test
    void anEmptyPasswordIsAllowed() {
        Settings settings = load(POSTGRES.replace("\"s3cr3t-Passw0rd\"", "\"\""));
        assertThat(((DatabaseSettings.Postgres) settings.database()).password()).isEmpty();
    }

    @Test
    void thePostgresPasswordNeverAppearsInToString() {
        Settings settings = load(POSTGRES);

        assertThat(settings.database().toString()).doesNotContain("s3cr3t-Passw0rd").contains("db.example.org");
        assertThat(settings.toString()).doesNotContain("s3cr3t-Passw0rd");
    }

    @Test
    void aFullReferenceStyleFileParses() {
        Settings settings = load("""
                [server]
                db_sync_interval = 5
                flush_heartbeats_interval = 5
                heartbeats_queue_size = 2048
                node_name = "wec-1"
                keytab = "/etc/krb5.keytab"
                tcp_keepalive_time = 7200
                tcp_keepalive_intvl = 75
                tcp_keepalive_probes = 9

                [logging]
                verbosity = "info"
                access_logs = "/var/log/openwec/access.log"
                access_logs_pattern = "{X(ip)}:{X(port)} - {X(principal)} [{d}] \\"{X(http_uri)}\\" {X(http_status)} {X(response_time)}{n}"
                server_logs = "/var/log/openwec/server.log"
                server_logs_pattern = "{d} {l} {t} - {m}{n}"

                [cli]
                read_only_subscriptions = true

                [database]
                type = "SQLite"
                path = "/var/db/openwec/db.sqlite"

                [outputs]
                garbage_collect_interval = 600

                [outputs.files]
                files_descriptor_close_timeout = 600

                [outputs.kafka.options]
                "bootstrap.servers" = "localhost:9092"
                "security.protocol" = "ssl"

                [monitoring]
                listen_address = "127.0.0.1"
                listen_port = 9090
                machines_refresh_interval = 30
                http_request_duration_buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0]
                count_input_events_per_machine = false
                count_input_event_bytes_per_machine = false
                count_http_request_body_network_size_per_machine = false
                count_http_request_body_real_size_per_machine = false

                [[collectors]]
                hostname = "wec.windomain.local"
                listen_address = "0.0.0.0"
                listen_port = 5985
                max_content_length = 512000
                enable_proxy_protocol = false
                advertized_port = 80

                [collectors.authentication]
                type = "Kerberos"
                service_principal_name = "http/wec.windomain.local@WINDOMAIN.LOCAL"

                [[collectors]]
                hostname = "wec-tls.windomain.local"
                listen_address = "0.0.0.0"
                listen_port = 5986

                [collectors.authentication]
                type = "Tls"
                server_certificate = "/etc/openwec/server.crt"
                server_private_key = "/etc/openwec/server.key"
                ca_certificate = "/etc/openwec/ca.crt"
                """);

        assertThat(settings.database()).isEqualTo(
                new DatabaseSettings.Sqlite(Path.of("/var/db/openwec/db.sqlite"), DatabaseSettings.Synchronous.FULL));
        assertThat(settings.readOnlySubscriptions()).isTrue();
        assertThat(settings.server()).isEqualTo(new ServerSettings(5, 5, 2048, "wec-1"));
    }

    @Test
    void monitoringBucketsMayMixIntegersAndFloats() {
        Settings settings = load(CliHarness.minimalToml(Path.of("/tmp/x.sqlite")) + """
                [monitoring]
                listen_address = "::"
                listen_port = 9090
                http_request_duration_buckets = [1, 2.5, 10]
                """);
        assertThat(settings.database()).isInstanceOf(DatabaseSettings.Sqlite.class);
        assertRejected(CliHarness.minimalToml(Path.of("/tmp/x.sqlite")) + """
                [monitoring]
                listen_address = "::"
                listen_port = 9090
                http_request_duration_buckets = ["fast"]
                """, "monitoring.http_request_duration_buckets must be an array of numbers");
    }

    @Test
    void collectorsMayBeAbsentForTheCliButTheServerRequiresOne() {
        Settings none = load("[database]\ntype = \"SQLite\"\npath = \"/x\"\n");
        assertThat(none.collectors()).isZero();
        assertThatThrownBy(none::requireCollectors).isInstanceOf(ConfigError.class)
                .hasMessageContaining(dir.resolve("openwec.conf.toml").toString()).hasMessageContaining("[[collectors]]");
        assertThat(load(CliHarness.minimalToml(Path.of("/x"))).collectors()).as("collectors = []").isZero();
        assertThatThrownBy(() -> Settings.embeddedDefault(Path.of("/x")).requireCollectors())
                .isInstanceOf(ConfigError.class).hasMessageContaining("-c");

        Settings one = load("""
                [database]
                type = "SQLite"
                path = "/x"
                [[collectors]]
                hostname = "wec"
                listen_address = "0.0.0.0"
                [collectors.authentication]
                type = "Kerberos"
                service_principal_name = "http/wec@EXAMPLE"
                """);
        assertThat(one.collectors()).isEqualTo(1);
        assertThat(one.requireCollectors()).isSameAs(one);
    }

    @Test
    void systemFileIsOnlyARegularFile() {
        Path file = CliHarness.write(dir.resolve("sys.toml"), "");
        assertThat(SettingsLoader.systemFile(file)).contains(file);
        assertThat(SettingsLoader.systemFile(dir.resolve("absent.toml"))).isEqualTo(Optional.empty());
        assertThat(SettingsLoader.systemFile(dir)).isEmpty();
    }

    // ------------------------------------------------------------------ rejections

    @Test
    void malformedTomlGivesLineAndColumn() {
        assertRejected("collectors = []\n[database]\ntype = \"SQLite\"\npath = /var/db\n", "not valid TOML", "line 4, column ");
    }

    @Test
    void aMissingFile() {
        Path file = dir.resolve("absent.toml");
        assertThatThrownBy(() -> SettingsLoader.load(file)).isInstanceOf(ConfigError.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void aFileThatIsNotUtf8() throws IOException {
        Path file = Files.write(dir.resolve("latin1.toml"), new byte[] {'#', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> SettingsLoader.load(file)).isInstanceOf(ConfigError.class)
                .hasMessageContaining("UTF-8");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            collectors not array   | collectors = 1\\n[database]\\ntype = "SQLite"\\npath = "/x"         | collectors must be an array of tables
            no database            | collectors = []                                                    | "database"
            no type                | collectors = []\\n[database]\\npath = "/x"                         | "type"
            unknown type           | collectors = []\\n[database]\\ntype = "MySQL"\\npath = "/x"        | unknown database type "MySQL"
            lower-case type        | collectors = []\\n[database]\\ntype = "postgres"\\npath = "/x"     | unknown database type "postgres"
            no path                | collectors = []\\n[database]\\ntype = "SQLite"                     | "path"
            path not string        | collectors = []\\n[database]\\ntype = "SQLite"\\npath = 3           | database.path must be a string
            database not table     | collectors = []\\ndatabase = "SQLite"                              | database must be a table
            unknown sqlite key     | collectors = []\\n[database]\\ntype = "SQLite"\\npath = "/x"\\nport = 1 | unknown key database.port
            unknown top-level key  | collectors = []\\nverbose = true\\n[database]\\ntype = "SQLite"\\npath = "/x" | unknown key verbose
            unknown cli key        | collectors = []\\n[cli]\\nread_only = true\\n[database]\\ntype = "SQLite"\\npath = "/x" | unknown key cli.read_only
            cli value not bool     | collectors = []\\n[cli]\\nread_only_subscriptions = "yes"\\n[database]\\ntype = "SQLite"\\npath = "/x" | cli.read_only_subscriptions must be true or false
            server zero interval   | collectors = []\\n[server]\\ndb_sync_interval = 0\\n[database]\\ntype = "SQLite"\\npath = "/x" | server.db_sync_interval
            monitoring no port     | collectors = []\\n[monitoring]\\nlisten_address = "::"\\n[database]\\ntype = "SQLite"\\npath = "/x" | "listen_port"
            kafka option not text  | collectors = []\\n[outputs.kafka.options]\\nretries = 3\\n[database]\\ntype = "SQLite"\\npath = "/x" | outputs.kafka.options.retries must be a string
            collector no auth      | [[collectors]]\\nhostname = "h"\\nlisten_address = "0.0.0.0"\\n[database]\\ntype = "SQLite"\\npath = "/x" | "authentication"
            kerberos no spn        | [[collectors]]\\nhostname = "h"\\nlisten_address = "0.0.0.0"\\n[collectors.authentication]\\ntype = "Kerberos"\\n[database]\\ntype = "SQLite"\\npath = "/x" | "service_principal_name"
            """)
    void rejected(String what, String toml, String fragment) {
        assertRejected(toml.replace("\\n", "\n"), fragment);
    }

    @Test
    void postgresRejections() {
        assertRejected(POSTGRES.replace("port = 5432", "port = \"x\""), "database.port must be an integer", "line 5");
        assertRejected(POSTGRES.replace("port = 5432", "port = 65536"), "database.port must be from 0 to 65535");
        assertRejected(POSTGRES.replace("port = 5432\n", ""), "\"port\"");
        assertRejected(POSTGRES.replace("password = \"s3cr3t-Passw0rd\"\n", ""), "\"password\"");
        assertRejected(POSTGRES + "max_chunk_size = 0\n", "database.max_chunk_size", "got 0");
        assertRejected(POSTGRES + "ssl_mode = \"prefer\"\n", "database.ssl_mode must be Disable, Prefer or Require");
        assertRejected(POSTGRES + "path = \"/x\"\n", "unknown key database.path");
    }

    @Test
    void aRejectionNeverQuotesThePassword() {
        Path file = CliHarness.write(dir.resolve("openwec.conf.toml"), POSTGRES + "port2 = 1\n");
        assertThatThrownBy(() -> SettingsLoader.load(file)).isInstanceOf(ConfigError.class)
                .hasMessageNotContaining("s3cr3t-Passw0rd");
    }
}
