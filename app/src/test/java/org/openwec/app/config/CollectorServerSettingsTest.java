package org.openwec.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.app.CliHarness;

/** {@link SettingsLoader#loadServer}: the sections only openwecd uses, as typed values with the reference's defaults. */
class CollectorServerSettingsTest {
    @TempDir
    Path dir;

    private CollectorServerSettings load(String toml) {
        return SettingsLoader.loadServer(CliHarness.write(dir.resolve("openwec.conf.toml"), toml));
    }

    private static final String DATABASE = """
            [database]
            type = "SQLite"
            path = "/var/db/openwec/db.sqlite"
            """;

    private static final String TLS_COLLECTOR = """
            [[collectors]]
            listen_address = "0.0.0.0"
            [collectors.authentication]
            type = "Tls"
            server_certificate = "/etc/openwec/server.pem"
            server_private_key = "/etc/openwec/server.key"
            ca_certificate = "/etc/openwec/ca.pem"
            """;

    @Test
    void defaults_of_a_minimal_server_file() {
        CollectorServerSettings settings = load(DATABASE + TLS_COLLECTOR);

        assertThat(settings.collectors()).containsExactly(new CollectorSettings(null, "0.0.0.0", 5985, 512_000, false,
                5985, new CollectorSettings.Authentication.Tls(Path.of("/etc/openwec/server.pem"),
                        Path.of("/etc/openwec/server.key"), Path.of("/etc/openwec/ca.pem"))));
        assertThat(settings.settings().collectors()).isEqualTo(1);
        assertThat(settings.server()).isEqualTo(ServerSettings.DEFAULTS);
        assertThat(settings.keytab()).isNull();
        assertThat(settings.tcpKeepalive()).isEqualTo(new TcpKeepalive(7200, null, null));
        assertThat(settings.outputs()).isEqualTo(new OutputSettings(600, 600));
        assertThat(settings.monitoring()).as("off unless [monitoring] is there").isNull();
        assertThat(settings.logging()).isEqualTo(LoggingSettings.DEFAULTS);
    }

    @Test
    void every_server_section_is_read() {
        CollectorServerSettings settings = load("""
                [server]
                db_sync_interval = 10
                flush_heartbeats_interval = 20
                heartbeats_queue_size = 4096
                node_name = "wec-1"
                keytab = "/etc/krb5.keytab"
                tcp_keepalive_time = 600
                tcp_keepalive_intvl = 30
                tcp_keepalive_probes = 4

                [logging]
                verbosity = "debug"
                access_logs = "/var/log/openwec/access.log"
                server_logs = "stdout"

                [outputs]
                garbage_collect_interval = 60
                [outputs.files]
                files_descriptor_close_timeout = 120
                [outputs.kafka.options]
                "bootstrap.servers" = "localhost:9092"

                [monitoring]
                listen_address = "127.0.0.1"
                listen_port = 9090
                http_request_duration_buckets = [0.1, 1, 10]
                count_input_events_per_machine = true
                machines_refresh_interval = 60

                [[collectors]]
                hostname = "wec.windomain.local"
                listen_address = "::"
                listen_port = 5986
                max_content_length = 1000000
                enable_proxy_protocol = true
                advertized_port = 443
                [collectors.authentication]
                type = "Kerberos"
                service_principal_name = "http/wec.windomain.local@WINDOMAIN.LOCAL"
                """ + DATABASE + TLS_COLLECTOR);

        assertThat(settings.server()).isEqualTo(new ServerSettings(10, 20, 4096, "wec-1"));
        assertThat(settings.keytab()).isEqualTo("/etc/krb5.keytab");
        assertThat(settings.tcpKeepalive()).isEqualTo(new TcpKeepalive(600, 30L, 4));
        assertThat(settings.logging()).isEqualTo(new LoggingSettings("debug", "/var/log/openwec/access.log", null,
                "stdout", null));
        assertThat(settings.outputs()).isEqualTo(new OutputSettings(60, 120));
        assertThat(settings.monitoring()).isEqualTo(new MonitoringSettings("127.0.0.1", 9090, List.of(0.1, 1.0, 10.0),
                true, false, false, false, 60));
        assertThat(settings.collectors()).hasSize(2).first().isEqualTo(new CollectorSettings("wec.windomain.local",
                "::", 5986, 1_000_000, true, 443,
                new CollectorSettings.Authentication.Kerberos("http/wec.windomain.local@WINDOMAIN.LOCAL")));
        assertThat(settings.collectors().get(0).label()).isEqualTo("[::]:5986");
    }

    @Test
    void the_server_needs_a_collector_and_the_cli_does_not() {
        Path file = CliHarness.write(dir.resolve("openwec.conf.toml"), DATABASE);
        assertThat(SettingsLoader.load(file).collectors()).isZero();
        assertThatThrownBy(() -> SettingsLoader.loadServer(file)).isInstanceOf(ConfigError.class)
                .hasMessageContaining("declares no [[collectors]] entry");
    }

    @Test
    void hostname_is_optional_as_in_the_reference_and_the_rest_is_still_checked() {
        assertThat(load(DATABASE + TLS_COLLECTOR).collectors().getFirst().hostname()).isNull();
        Path file = CliHarness.write(dir.resolve("openwec.conf.toml"), DATABASE + TLS_COLLECTOR
                .replace("listen_address = \"0.0.0.0\"", "listen_address = \"0.0.0.0\"\nlisten_port = 70000"));
        assertThatThrownBy(() -> SettingsLoader.loadServer(file)).isInstanceOf(ConfigError.class)
                .hasMessageContaining("listen_port must be from 0 to 65535, got 70000");
    }
}
