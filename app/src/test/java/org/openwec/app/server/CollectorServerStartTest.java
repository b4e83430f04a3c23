package org.openwec.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.adapters.wef.http.CollectorListenerException;
import org.openwec.app.config.ConfigError;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.CheckSchema;
import org.openwec.core.port.in.MigrateSchema;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.SchemaService;

/**
 * What keeps openwecd from starting is refused with one line naming the thing and the fix, and nothing is left
 * half-started: no periodic task, no port, no database handle. On SQLite: the backend does not matter here.
 */
class CollectorServerStartTest {
    @TempDir
    Path dir;
    private ServerFixture fixture;
    private Subscription security;

    @BeforeEach
    void prepare() {
        fixture = ServerFixture.sqlite(dir);
        security = fixture.subscription("security", OutputFormat.Raw);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void assertNothingLeft() {
        assertThat(fixture.scheduler.repeating()).as("periodic tasks left running").isEmpty();
    }

    @Test
    void a_kerberos_collector_without_a_keytab_is_refused_before_anything_is_opened() {
        fixture.config("", """
                [[collectors]]
                hostname = "wec.test"
                listen_address = "127.0.0.1"
                listen_port = 5985
                [collectors.authentication]
                type = "Kerberos"
                service_principal_name = "http/wec.test@TEST"
                """);

        assertThatThrownBy(fixture::start).isInstanceOf(ConfigError.class)
                .hasMessage("Configuration file " + fixture.config + ": [[collectors]] entry 2 (127.0.0.1:5985) uses"
                        + " Kerberos authentication, which needs the service principal's keys: set keytab ="
                        + " \"/path/to/wec.keytab\" in [server], the keytab exported for http/wec.test@TEST.");
        assertThat(dir.resolve("db.sqlite")).as("not even opened").doesNotExist();
        assertNothingLeft();
    }

    @Test
    void an_enabled_kafka_or_redis_output_of_an_active_subscription_is_refused_by_name() throws Exception {
        Subscription kafka = Subscription.create("to kafka", ServerFixture.QUERY).withOutputs(List.of(
                new Output(OutputFormat.Json, new OutputDriver.Kafka("events", Map.of()), true)));
        Subscription redis = Subscription.create("to redis", ServerFixture.QUERY).withOutputs(List.of(
                new Output(OutputFormat.Raw, new OutputDriver.Redis("127.0.0.1:6379", "events"), true)));
        Subscription disabled = Subscription.create("disabled kafka", ServerFixture.QUERY).withEnabled(false)
                .withOutputs(kafka.outputs());
        fixture.database(security, kafka, redis, disabled);

        assertThatThrownBy(fixture::start).isInstanceOf(UserError.class)
                .hasMessageStartingWith("openwecd cannot write to 2 output(s) of active subscriptions: subscription"
                        + " \"to kafka\" (" + kafka.storedKey() + "), output 0 (Kafka, Json): the Kafka driver is not"
                        + " implemented by this collector")
                .hasMessageContaining("subscription \"to redis\" (" + redis.storedKey() + "), output 0 (Redis, Raw)")
                .hasMessageNotContaining("disabled kafka")
                .hasMessageEndingWith("Fix, disable or remove them with `openwec subscriptions edit`, then start again.");
        assertNothingLeft();

        // The database was closed: it can be changed, and the next start goes through.
        Storage storage = fixture.storage();
        storage.subscriptions().deleteSubscription(kafka.uuid());
        storage.subscriptions().deleteSubscription(redis.uuid());
        fixture.start();
        assertThat(fixture.server.collectorAddresses()).hasSize(1);
    }

    @Test
    void an_outdated_schema_is_refused_with_the_cli_message() {
        fixture.database(security);
        Storage storage = fixture.storage();
        MigrateSchema schema = new SchemaService(storage.schema(), storage.location(), MigrationEngine.Listener.SILENT);
        schema.execute(schema.planDowngrade(OptionalLong.empty()), true);

        assertThatThrownBy(fixture::start).isInstanceOf(UserError.class).hasMessage(CheckSchema.OUTDATED);
        assertNothingLeft();
    }

    @Test
    void a_missing_database_is_refused_and_not_created() {
        assertThatThrownBy(fixture::start).isInstanceOf(UserError.class)
                .hasMessage("There is no SQLite database at " + dir.resolve("db.sqlite")
                        + ": run `openwec db init` to create it, or fix [database] path.");
        assertThat(dir.resolve("db.sqlite")).doesNotExist();
        assertNothingLeft();
    }

    @Test
    void an_unusable_key_file_is_refused_naming_the_setting_and_the_file() throws IOException {
        fixture.database(security);
        Files.writeString(dir.resolve("server.key"), "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(fixture::start).isInstanceOf(CollectorListenerException.class)
                .hasMessageContaining("server_private_key").hasMessageContaining(dir.resolve("server.key").toString());
        assertNothingLeft();
    }

    @Test
    void a_port_in_use_is_refused_and_the_collectors_already_listening_are_closed() throws IOException {
        fixture.database(security);
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            fixture.config("", """
                    [[collectors]]
                    listen_address = "127.0.0.1"
                    listen_port = %d
                    [collectors.authentication]
                    type = "Tls"
                    ca_certificate = "%s"
                    server_certificate = "%s"
                    server_private_key = "%s"
                    """.formatted(taken.getLocalPort(), dir.resolve("ca.pem"), dir.resolve("server.pem"),
                    dir.resolve("server.key")));
            // The first collector on a known free port, to see it released.
            Files.writeString(fixture.config, Files.readString(fixture.config)
                    .replaceFirst("listen_port = 0\n", "listen_port = " + free + "\n"));

            assertThatThrownBy(fixture::start).isInstanceOf(CollectorListenerException.class)
                    .hasMessageStartingWith("Cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageEndingWith("free the port or change listen_address / listen_port");
        }
        try (ServerSocket again = new ServerSocket(free, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).as("the first collector's port was released").isEqualTo(free);
        }
        assertNothingLeft();
    }

    @Test
    void a_metrics_port_in_use_is_refused() throws IOException {
        fixture.database(security);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            fixture.config("", "");
            Files.writeString(fixture.config, Files.readString(fixture.config).replaceAll("(?s)(\\[monitoring\\]\\s*listen_address = \"127.0.0.1\"\\s*)listen_port = 0",
                            "$1listen_port = " + taken.getLocalPort()));

            assertThatThrownBy(fixture::start).isInstanceOf(UserError.class)
                    .hasMessageStartingWith("Cannot listen on 127.0.0.1:" + taken.getLocalPort() + " for [monitoring]");
        }
        assertNothingLeft();
    }

    @Test
    void settings_the_server_cannot_use_are_configuration_errors() throws IOException {
        fixture.database(security);

        fixture.config("", "");
        Files.writeString(fixture.config, Files.readString(fixture.config).replace("advertized_port = 5986\n", ""));
        assertThatThrownBy(fixture::start).isInstanceOf(ConfigError.class).hasMessage("Configuration file "
                + fixture.config + ": [[collectors]] entry 1 (127.0.0.1:0) has listen_port = 0, which picks a free"
                + " port: set advertized_port to the port machines must use.");

        fixture.config("max_content_length = 4294967296", "");
        assertThatThrownBy(fixture::start).isInstanceOf(ConfigError.class)
                .hasMessageContaining("has max_content_length 4294967296, more than this collector accepts (2147483647)");

        fixture.config("", "[outputs]\ngarbage_collect_interval = 0\n");
        assertThatThrownBy(fixture::start).isInstanceOf(ConfigError.class)
                .hasMessageContaining("[outputs] garbage_collect_interval must be at least 1 second");

        fixture.config("", "http_request_duration_buckets = []\n");
        assertThatThrownBy(fixture::start).isInstanceOf(ConfigError.class)
                .hasMessageContaining("[monitoring] http_request_duration_buckets must hold at least one bound");
        assertNothingLeft();
    }

    @Test
    void keepalive_values_the_system_refuses_are_refused_at_start() {
        fixture.database(security);
        fixture.config("", "");
        try {
            Files.writeString(fixture.config, Files.readString(fixture.config)
                    .replace("node_name = \"test-node\"", "node_name = \"test-node\"\ntcp_keepalive_time = 100000"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThatThrownBy(fixture::start).isInstanceOf(CollectorListenerException.class)
                .hasMessageStartingWith("tcp_keepalive_time = 100000 is refused by this system");
        assertNothingLeft();
    }

    @Test
    void an_output_that_becomes_unwritable_at_a_periodic_reload_is_logged_once() throws Exception {
        fixture.database(security).start();
        Subscription kafka = Subscription.create("kafka later", ServerFixture.QUERY).withOutputs(List.of(
                new Output(OutputFormat.Json, new OutputDriver.Kafka("events", Map.of()), true)));
        fixture.storage().subscriptions().storeSubscription(kafka);

        try (LogRecorder log = new LogRecorder("org.openwec.app.wiring")) {
            fixture.advance(Duration.ofSeconds(5));
            fixture.advance(Duration.ofSeconds(5));
            assertThat(log.lines()).filteredOn(line -> line.contains("cannot be written")).containsExactly(
                    "WARN Output that cannot be written: subscription \"kafka later\" (" + kafka.storedKey()
                            + "), output 0 (Kafka, Json): the Kafka driver is not implemented by this collector;"
                            + " disable the output or remove it");
        }
    }
}
