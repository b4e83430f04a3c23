package org.openwec.adapters.wef.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.adapters.wef.http.Messages.ENUMERATE_PATH;
import static org.openwec.adapters.wef.http.Messages.HEARTBEAT_PATH;
import static org.openwec.adapters.wef.http.Messages.HEARTBEAT_SUBSCRIPTION;
import static org.openwec.adapters.wef.http.TestCollector.CA;
import static org.openwec.adapters.wef.http.TestCollector.SERVER;

import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Mutual TLS as OpenWEC does it (server/src/tls.rs, doc/tls.md at a41b95f): the files, the machines' certificates. */
class ServerTlsTest {

    private final TestPorts ports = new TestPorts().with(TestPorts.activeSubscription(HEARTBEAT_SUBSCRIPTION, "security"));
    private TestCollector collector;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    static Stream<Arguments> serverKeys() {
        KeyPair rsa = TestPki.rsa();
        KeyPair p256 = TestPki.ec("secp256r1");
        KeyPair p384 = TestPki.ec("secp384r1");
        Function<KeyPair, String> pkcs1OrSec1 = keys -> TestPki.traditionalPem(keys.getPrivate());
        Function<KeyPair, String> pkcs8 = keys -> TestPki.pkcs8Pem(keys.getPrivate());
        Function<KeyPair, String> sec1AfterParameters = keys -> TestPki.sec1AfterEcParameters((ECPrivateKey) keys.getPrivate());
        return Stream.of(
                Arguments.of("RSA, PKCS#1", rsa, pkcs1OrSec1),
                Arguments.of("RSA, PKCS#8", rsa, pkcs8),
                Arguments.of("P-256, SEC1", p256, pkcs1OrSec1),
                Arguments.of("P-256, PKCS#8", p256, pkcs8),
                Arguments.of("P-256, SEC1 after EC PARAMETERS", p256, sec1AfterParameters),
                Arguments.of("P-384, SEC1", p384, pkcs1OrSec1),
                Arguments.of("P-384, PKCS#8", p384, pkcs8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverKeys")
    void server_keys_in_every_supported_form_serve_machines(String form, KeyPair keys, Function<KeyPair, String> pem)
            throws IOException {
        TestPki.Issued server = TestPki.server(CA, keys);
        Path key = write("server.key", pem.apply(keys));
        Path certificate = write("server.pem", TestPki.pem(List.of(server.certificate())));
        Path ca = write("ca.pem", TestPki.pem(List.of(CA.certificate())));
        start(new CollectorListener.Tls(Pem.file(ca), Pem.file(certificate), Pem.file(key)));

        try (WefClient machine = collector.connect()) {
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat())).status()).isEqualTo(200);
        }
    }

    @Test
    void a_certificate_file_with_its_chain_is_served_whole() throws IOException {
        TestPki.Issued intermediate = TestPki.intermediate(CA, "CN=WEF Test Servers CA,O=openwec tests");
        KeyPair keys = TestPki.ec("secp256r1");
        TestPki.Issued server = TestPki.server(intermediate, keys);
        start(new CollectorListener.Tls(Pem.text("ca.pem", TestPki.pem(List.of(CA.certificate()))),
                Pem.text("chain.pem", TestPki.pem(server.chain().subList(0, 2))),
                Pem.text("server.key", TestPki.pkcs8Pem(keys.getPrivate()))));

        // The machine trusts the root only: the intermediate must come from the server.
        try (WefClient machine = collector.connect()) {
            assertThat(machine.socket().getSession().getPeerCertificates()).hasSize(2);
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat())).status()).isEqualTo(200);
        }
    }

    @Test
    void machines_of_every_configured_ca_are_accepted_each_told_its_own_issuer() throws IOException {
        TestPki.Issued otherCa = TestPki.ca("CN=WEF Second CA,O=openwec tests");
        start(TestCollector.tls(SERVER, TestPki.traditionalPem(SERVER.key()), List.of(CA.certificate(), otherCa.certificate())));
        TestPki.Issued first = TestPki.client(CA, "CN=first.windomain.local");
        TestPki.Issued second = TestPki.client(otherCa, "CN=second.windomain.local");

        assertThat(enumerate(first)).contains(ClientCertificates.thumbprint(CA.certificate()))
                .doesNotContain(ClientCertificates.thumbprint(otherCa.certificate()));
        assertThat(enumerate(second)).contains(ClientCertificates.thumbprint(otherCa.certificate()))
                .doesNotContain(ClientCertificates.thumbprint(CA.certificate()));
        assertThat(ports.enumerates).extracting(TestPorts.EnumerateCall::machine)
                .containsExactly("first.windomain.local", "second.windomain.local");
    }

    @Test
    void a_machine_certificate_issued_through_an_intermediate_names_the_configured_ca() throws IOException {
        start(TestCollector.tls(SERVER, TestPki.traditionalPem(SERVER.key()), List.of(CA.certificate())));
        TestPki.Issued intermediate = TestPki.intermediate(CA, "CN=WEF Test Machines CA,O=openwec tests");
        TestPki.Issued machine = TestPki.client(intermediate, "CN=deep.windomain.local");

        assertThat(enumerate(machine)).contains(ClientCertificates.thumbprint(CA.certificate()));
    }

    @Test
    void the_machine_is_the_first_cn_of_the_subject() throws IOException {
        start(TestCollector.tls(SERVER, TestPki.traditionalPem(SERVER.key()), List.of(CA.certificate())));

        enumerate(TestPki.client(CA, "O=openwec tests,CN=second-rdn.windomain.local"));
        enumerate(TestPki.client(CA, "CN=first.windomain.local,CN=other.windomain.local"));

        assertThat(ports.enumerates).extracting(TestPorts.EnumerateCall::machine)
                .containsExactly("second-rdn.windomain.local", "first.windomain.local");
    }

    @Test
    void thumbprints_are_lower_case_sha1_of_the_der_bytes() {
        // OpenWEC's vector (server/src/tls.rs, test_thumbprint): SHA-1 over the DER bytes, here of our CA.
        String thumbprint = ClientCertificates.thumbprint(CA.certificate());
        assertThat(thumbprint).matches("[0-9a-f]{40}");
        assertThat(thumbprint).isEqualTo(java.util.HexFormat.of().formatHex(sha1(CA.certificate())));
    }

    static Stream<Arguments> refusedMachines() {
        Instant now = Instant.now();
        TestPki.Issued otherCa = TestPki.ca("CN=Unknown CA,O=elsewhere");
        return Stream.of(
                Arguments.of("issued by another CA", TestPki.client(otherCa, "CN=intruder.example"), "TLSv1.3"),
                Arguments.of("issued by another CA, TLS 1.2", TestPki.client(otherCa, "CN=intruder.example"), "TLSv1.2"),
                Arguments.of("expired", TestPki.client(CA, "CN=old.windomain.local", now.minus(Duration.ofDays(60)),
                        now.minus(Duration.ofDays(1))), "TLSv1.3"),
                Arguments.of("not yet valid", TestPki.client(CA, "CN=early.windomain.local",
                        now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(60))), "TLSv1.3"),
                Arguments.of("without CN", TestPki.client(CA, "O=openwec tests,OU=no name"), "TLSv1.3"),
                Arguments.of("without CN, TLS 1.2", TestPki.client(CA, "O=openwec tests,OU=no name"), "TLSv1.2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedMachines")
    void machine_certificates_the_collector_does_not_trust_are_refused(String why, TestPki.Issued machine,
                                                                       String protocol) throws IOException {
        start(TestCollector.tls(SERVER, TestPki.traditionalPem(SERVER.key()), List.of(CA.certificate())));
        SSLContext context = TestPki.clientContext(machine, CA.certificate(), protocol);

        assertThatThrownBy(() -> {
            try (WefClient client = collector.connect(context)) {
                client.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat()));
            }
        }).isInstanceOf(IOException.class);

        try (WefClient trusted = collector.connect()) {
            assertThat(trusted.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat())).status()).isEqualTo(200);
        }
        assertThat(ports.heartbeats).extracting(TestPorts.HeartbeatCall::machine).containsExactly(TestCollector.MACHINE);
    }

    @Test
    void a_machine_without_a_certificate_is_refused() throws Exception {
        start(TestCollector.tls(SERVER, TestPki.traditionalPem(SERVER.key()), List.of(CA.certificate())));
        SSLContext anonymous = SSLContext.getInstance("TLSv1.3");
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", CA.certificate());
        trust.init(store);
        anonymous.init(null, trust.getTrustManagers(), null);

        assertThatThrownBy(() -> {
            try (WefClient client = collector.connect(anonymous)) {
                client.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat()));
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void tls_1_2_and_1_3_only() throws IOException {
        ServerTls tls = ServerTls.load(TestCollector.tls(SERVER, TestPki.traditionalPem(SERVER.key()), List.of(CA.certificate())));
        SSLEngine engine = tls.context().newEngine(ByteBufAllocator.DEFAULT);
        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        assertThat(engine.getNeedClientAuth()).isTrue();

        start(TestCollector.tls(SERVER, TestPki.traditionalPem(SERVER.key()), List.of(CA.certificate())));
        try (WefClient machine = collector.connect(TestPki.clientContext(TestCollector.MACHINE_CERTIFICATE, CA.certificate(), "TLSv1.2"))) {
            assertThat(machine.socket().getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat())).status()).isEqualTo(200);
        }
    }

    // Bad files: one line that names the setting, the file, and what to do.

    @Test
    void a_missing_file_is_named() {
        Path missing = dir.resolve("no-such-key.pem");
        assertStartRefused(new CollectorListener.Tls(pem("ca.pem", TestPki.pem(List.of(CA.certificate()))),
                        pem("server.pem", TestPki.pem(List.of(SERVER.certificate()))), Pem.file(missing)),
                "server_private_key " + missing + " cannot be read (no such file); check the path");
    }

    @Test
    void a_ca_file_without_certificate_is_refused() {
        assertStartRefused(tlsWith("ca.pem", "not a certificate\n", TestPki.traditionalPem(SERVER.key())),
                "ca_certificate " + dir.resolve("ca.pem") + " holds no certificate");
    }

    @Test
    void a_key_file_without_key_is_refused() {
        assertStartRefused(tlsWith("ca.pem", TestPki.pem(List.of(CA.certificate())), TestPki.pem(List.of(SERVER.certificate()))),
                "server_private_key " + dir.resolve("server.key") + " holds no private key");
    }

    @Test
    void an_encrypted_key_is_refused() throws Exception {
        java.io.StringWriter text = new java.io.StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(SERVER.key(),
                    new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                            .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).setPassword("secret".toCharArray())
                            .build()).generate());
        }
        assertStartRefused(tlsWith("ca.pem", TestPki.pem(List.of(CA.certificate())), text.toString()),
                "server_private_key " + dir.resolve("server.key") + " holds an encrypted key");
    }

    @Test
    void an_unsupported_key_type_is_refused() throws Exception {
        KeyPair ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertStartRefused(tlsWith("ca.pem", TestPki.pem(List.of(CA.certificate())), TestPki.pkcs8Pem(ed25519.getPrivate())),
                "server_private_key " + dir.resolve("server.key") + " holds a key of type EdDSA; use an RSA key or an EC key");
    }

    @Test
    void a_sec1_key_that_does_not_name_its_curve_is_refused() {
        assertStartRefused(tlsWith("ca.pem", TestPki.pem(List.of(CA.certificate())),
                        TestPki.sec1WithoutCurve((ECPrivateKey) SERVER.key())),
                "server_private_key " + dir.resolve("server.key") + " holds an EC PRIVATE KEY that does not name its curve");
    }

    @Test
    void a_key_that_is_not_base64_is_refused() {
        assertStartRefused(tlsWith("ca.pem", TestPki.pem(List.of(CA.certificate())),
                        "-----BEGIN PRIVATE KEY-----\n!!not base64!!\n-----END PRIVATE KEY-----\n"),
                "server_private_key " + dir.resolve("server.key") + " cannot be read as a PEM private key");
    }

    @Test
    void a_key_that_does_not_match_the_certificate_is_refused() {
        assertStartRefused(tlsWith("ca.pem", TestPki.pem(List.of(CA.certificate())),
                        TestPki.pkcs8Pem(TestPki.ec("secp256r1").getPrivate())),
                "server_private_key " + dir.resolve("server.key") + " does not match the certificate");
    }

    @Test
    void a_listen_address_that_is_not_an_ip_is_refused() {
        CollectorListener listener = new CollectorListener(null, "localhost", 0, 5986, 512_000, false,
                TestCollector.tls(SERVER, TestPki.traditionalPem(SERVER.key()), List.of(CA.certificate())));
        assertThatThrownBy(() -> WefServer.start(listener, ports.ports()))
                .isInstanceOf(CollectorListenerException.class)
                .hasMessage("listen_address 'localhost' is not an IP address; give one such as 0.0.0.0 or ::");
    }

    @Test
    void a_port_in_use_is_refused() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            CollectorListener listener = new CollectorListener(null, "127.0.0.1", taken.getLocalPort(), 5986, 512_000,
                    false, TestCollector.tls(SERVER, TestPki.traditionalPem(SERVER.key()), List.of(CA.certificate())));
            assertThatThrownBy(() -> WefServer.start(listener, ports.ports()))
                    .isInstanceOf(CollectorListenerException.class)
                    .hasMessageStartingWith("Cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("free the port or change listen_address / listen_port")
                    .hasMessageNotContaining("\n");
        }
    }

    private void start(CollectorListener.Tls tls) {
        collector = TestCollector.start(ports, TestCollector.listener(null, false, 512_000, tls), TestCollector.options());
    }

    private String enumerate(TestPki.Issued machine) throws IOException {
        try (WefClient client = collector.connect(TestPki.clientContext(machine, CA.certificate()))) {
            WefClient.Response response = client.post(ENUMERATE_PATH, Messages.enumerateCapture());
            assertThat(response.status()).isEqualTo(200);
            return response.text();
        }
    }

    private CollectorListener.Tls tlsWith(String caName, String caPem, String keyPem) {
        return new CollectorListener.Tls(pem(caName, caPem), pem("server.pem", TestPki.pem(List.of(SERVER.certificate()))),
                pem("server.key", keyPem));
    }

    private Pem pem(String name, String text) {
        return Pem.file(write(name, text));
    }

    private Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void assertStartRefused(CollectorListener.Tls tls, String message) {
        assertThatThrownBy(() -> WefServer.start(TestCollector.listener(null, false, 512_000, tls), ports.ports()))
                .isInstanceOf(CollectorListenerException.class)
                .hasMessageStartingWith(message)
                .hasMessageNotContaining("\n");
    }

    private static byte[] sha1(java.security.cert.X509Certificate certificate) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
