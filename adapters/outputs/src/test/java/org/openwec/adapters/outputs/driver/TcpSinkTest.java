package org.openwec.adapters.outputs.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.time.Duration;
import org.openwec.adapters.outputs.ManualTime;
import org.openwec.adapters.outputs.OutputsAdapter;
import org.openwec.adapters.outputs.OutputsSettings;
import org.openwec.adapters.outputs.driver.LineServer.Line;
import org.openwec.adapters.outputs.event.EventMetadata;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;

/** The Tcp output against real servers on the loopback interface, plain and TLS. */
class TcpSinkTest {
    private static final EventMetadata METADATA = new EventMetadata("10.0.0.1", "m", null, Instant.EPOCH, "U", "V",
            "S", null, null, null);

    @TempDir
    Path dir;

    @Test
    void batches_go_over_one_connection_one_event_a_line() throws Exception {
        try (LineServer server = LineServer.plain(0);
             TcpSink sink = new TcpSink(OutputDriver.Tcp.plain("127.0.0.1", server.port()))) {
            sink.write(METADATA, List.of("a", "b"));
            sink.write(METADATA, List.of("c"));

            assertThat(server.take(3)).containsExactly(new Line(1, "a"), new Line(1, "b"), new Line(1, "c"));
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void a_peer_that_closed_the_connection_gets_the_next_batch_on_a_new_one() throws Exception {
        CountDownLatch peerClosed = new CountDownLatch(1);
        try (LineServer server = LineServer.plain(0);
             TcpSink sink = new TcpSink(OutputDriver.Tcp.plain("127.0.0.1", server.port()), peerClosed::countDown)) {
            sink.write(METADATA, List.of("first"));
            assertThat(server.take(1)).containsExactly(new Line(1, "first"));

            server.dropConnections(); // a receiver restarting
            assertThat(peerClosed.await(10, TimeUnit.SECONDS)).isTrue();
            sink.write(METADATA, List.of("second"));

            assertThat(server.take(1)).containsExactly(new Line(2, "second"));
        }
    }

    @Test
    void a_batch_fails_while_the_peer_is_down_and_goes_through_once_it_is_back() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (TcpSink sink = new TcpSink(OutputDriver.Tcp.plain("127.0.0.1", port))) {
            assertThatThrownBy(() -> sink.write(METADATA, List.of("lost")))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("Failed to connect to 127.0.0.1:" + port + ": ");

            try (LineServer server = LineServer.plain(port)) {
                sink.write(METADATA, List.of("resent"));
                assertThat(server.take(1)).containsExactly(new Line(1, "resent"));
            }
        }
    }

    @Test
    void a_peer_gone_for_good_fails_the_batch_after_the_connection_closed() throws Exception {
        CountDownLatch peerClosed = new CountDownLatch(1);
        LineServer server = LineServer.plain(0);
        int port = server.port();
        try (TcpSink sink = new TcpSink(OutputDriver.Tcp.plain("127.0.0.1", port), peerClosed::countDown)) {
            sink.write(METADATA, List.of("one"));
            server.take(1);
            server.close();
            assertThat(peerClosed.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> sink.write(METADATA, List.of("two")))
                    .hasMessageStartingWith("Failed to connect to 127.0.0.1:" + port);
        }
    }

    @Test
    void close_ends_the_connection() throws Exception {
        try (LineServer server = LineServer.plain(0)) {
            TcpSink sink = new TcpSink(OutputDriver.Tcp.plain("127.0.0.1", server.port()));
            sink.write(METADATA, List.of("x"));
            server.take(1);

            sink.close();

            assertThat(server.awaitClientClose()).isEqualTo(1);
        }
    }

    @Test
    void through_the_port_the_connection_is_reused_then_closed_when_the_output_goes_unused() throws Exception {
        ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
        try (LineServer server = LineServer.plain(0);
             OutputsAdapter outputs = new OutputsAdapter(
                     new OutputsSettings(null, Duration.ofSeconds(600), Duration.ofSeconds(600)), time, time)) {
            Subscription subscription = Subscription.create("Tcp", "query").withOutputs(List.of(new Output(
                    OutputFormat.Raw, OutputDriver.Tcp.plain("127.0.0.1", server.port()), true)));
            for (String event : List.of("<1/>", "<2/>")) {
                outputs.write(subscription, subscription.outputs().get(0), new EventsBatch("m", null, "10.0.0.1",
                        subscription.uuid(), "V", null, List.of(event), null, Instant.EPOCH));
            }
            assertThat(server.take(2)).containsExactly(new Line(1, "<1/>"), new Line(1, "<2/>"));

            time.advance(Duration.ofSeconds(1200));

            assertThat(outputs.outputInstances()).isZero();
            assertThat(server.awaitClientClose()).isEqualTo(1);
        }
    }

    @Test
    void reopen_closes_the_connection_and_the_next_batch_opens_another() throws Exception {
        ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
        try (LineServer server = LineServer.plain(0);
             OutputsAdapter outputs = new OutputsAdapter(OutputsSettings.defaults(null), time, time)) {
            Subscription subscription = Subscription.create("Tcp", "query").withOutputs(List.of(new Output(
                    OutputFormat.Raw, OutputDriver.Tcp.plain("127.0.0.1", server.port()), true)));
            EventsBatch batch = new EventsBatch("m", null, "10.0.0.1", subscription.uuid(), "V", null,
                    List.of("<E/>"), null, Instant.EPOCH);
            outputs.write(subscription, subscription.outputs().get(0), batch);
            server.take(1);

            outputs.reopen();
            assertThat(server.awaitClientClose()).isEqualTo(1);
            outputs.write(subscription, subscription.outputs().get(0), batch);

            assertThat(server.take(1)).containsExactly(new Line(2, "<E/>"));
        }
    }

    // ---- TLS

    @Test
    void tls_with_a_client_certificate_whose_ec_key_is_in_sec1_form() throws Exception {
        TestCertificates ca = TestCertificates.newCa("Test CA");
        TestCertificates.Issued client = ca.client("collector", TestCertificates.ec());
        Path caFile = TestCertificates.pem(dir.resolve("ca.pem"), ca.ca);
        Path certFile = TestCertificates.pem(dir.resolve("client.pem"), client.certificate());
        Path keyFile = TestCertificates.sec1(dir.resolve("client.key"), client.keys());
        assertThat(java.nio.file.Files.readString(keyFile)).startsWith("-----BEGIN EC PRIVATE KEY-----");

        try (LineServer server = LineServer.tls(ca.serverContext(ca.server("localhost")), true);
             TcpSink sink = new TcpSink(new OutputDriver.Tcp("localhost", server.port(), true,
                     List.of(caFile.toString()), certFile.toString(), keyFile.toString()))) {
            sink.write(METADATA, List.of("secret 1", "secret 2"));

            assertThat(server.take(2)).extracting(Line::text).containsExactly("secret 1", "secret 2");
        }
    }

    @Test
    void tls_client_keys_in_pkcs1_and_pkcs8_form() throws Exception {
        TestCertificates ca = TestCertificates.newCa("Test CA");
        KeyPair rsa = TestCertificates.rsa();
        TestCertificates.Issued client = ca.client("collector", rsa);
        Path caFile = TestCertificates.pem(dir.resolve("ca.pem"), ca.ca);
        Path certFile = TestCertificates.pem(dir.resolve("client.pem"), client.certificate(), ca.ca);
        Path pkcs1 = TestCertificates.pem(dir.resolve("pkcs1.key"), rsa);
        Path pkcs8 = TestCertificates.pkcs8(dir.resolve("pkcs8.key"), rsa.getPrivate());
        assertThat(java.nio.file.Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(java.nio.file.Files.readString(pkcs8)).startsWith("-----BEGIN PRIVATE KEY-----");

        try (LineServer server = LineServer.tls(ca.serverContext(ca.server("localhost")), true)) {
            for (Path key : List.of(pkcs1, pkcs8)) {
                try (TcpSink sink = new TcpSink(new OutputDriver.Tcp("localhost", server.port(), true,
                        List.of(caFile.toString()), certFile.toString(), key.toString()))) {
                    sink.write(METADATA, List.of(key.getFileName().toString()));
                }
            }
            assertThat(server.take(2)).extracting(Line::text).containsExactly("pkcs1.key", "pkcs8.key");
        }
    }

    @Test
    void tls_refuses_a_server_whose_certificate_another_ca_signed() throws Exception {
        TestCertificates ca = TestCertificates.newCa("Test CA");
        TestCertificates other = TestCertificates.newCa("Other CA");
        Path otherFile = TestCertificates.pem(dir.resolve("other.pem"), other.ca);

        try (LineServer server = LineServer.tls(ca.serverContext(ca.server("localhost")), false);
             TcpSink sink = new TcpSink(new OutputDriver.Tcp("localhost", server.port(), true,
                     List.of(otherFile.toString()), null, null))) {
            assertThatThrownBy(() -> sink.write(METADATA, List.of("never")))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("Failed to connect to localhost:" + server.port());
        }
    }

    @Test
    void tls_refuses_a_certificate_that_does_not_name_the_host() throws Exception {
        TestCertificates ca = TestCertificates.newCa("Test CA");
        Path caFile = TestCertificates.pem(dir.resolve("ca.pem"), ca.ca);

        try (LineServer server = LineServer.tls(ca.serverContext(ca.server("elsewhere.example")), false);
             TcpSink sink = new TcpSink(new OutputDriver.Tcp("localhost", server.port(), true,
                     List.of(caFile.toString()), null, null))) {
            assertThatThrownBy(() -> sink.write(METADATA, List.of("never")))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("localhost");
        }
    }

    @Test
    void tls_without_certificate_authorities_says_what_is_missing() throws Exception {
        try (LineServer server = LineServer.plain(0);
             TcpSink sink = new TcpSink(new OutputDriver.Tcp("127.0.0.1", server.port(), true, List.of(), null,
                     null))) {
            assertThatThrownBy(() -> sink.write(METADATA, List.of("never")))
                    .hasMessageContaining("tls_enabled needs tls_certificate_authorities");
        }
    }
}
