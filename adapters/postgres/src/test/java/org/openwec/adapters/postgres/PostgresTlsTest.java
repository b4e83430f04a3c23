package org.openwec.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.core.model.UserError;

/**
 * TLS against a real server with a certificate from a CA made at test time, for host name "localhost"
 * (and 127.0.0.1): with a CA file the adapter verifies the chain and the host name, so the right CA
 * connects, encrypted; another CA, or a certificate for another host, is refused at once, in words that
 * point at the TLS settings; Disable talks in clear.
 */
class PostgresTlsTest {
    /** Well under the 30 s retry window: a refused certificate must not be retried. */
    private static final Duration FAST = Duration.ofSeconds(5);
    private static final String IS_ENCRYPTED = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()";

    @TempDir
    static Path files;
    private static TestCertificates.Issued ca;
    private static Path caFile;
    private static Path otherCaFile;
    private static EmbeddedPostgres server;

    @BeforeAll
    static void startServerWithTls() {
        ca = TestCertificates.certificateAuthority("OpenWEC test CA");
        caFile = ca.writeCertificate(files.resolve("ca.pem"));
        otherCaFile = TestCertificates.certificateAuthority("Some other CA").writeCertificate(files.resolve("other-ca.pem"));
        server = tlsServer("localhost", TestCertificates.server(ca, List.of("localhost"), List.of("127.0.0.1")));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** A dedicated server with ssl = on, presenting this certificate. */
    private static EmbeddedPostgres tlsServer(String name, TestCertificates.Issued certificate) {
        Path cert = certificate.writeCertificate(files.resolve(name + ".crt"));
        Path key = certificate.writeKey(files.resolve(name + ".key"));
        return TestPostgres.dedicated(files.resolve("data-" + name), TestPostgres.freePort(), Map.of(
                "ssl", "on",
                "ssl_cert_file", cert.toString(),
                "ssl_key_file", key.toString()), List.of(cert, key));
    }

    private static PostgresSettings settings(EmbeddedPostgres on, PostgresSettings.SslMode mode, Path ca) {
        return PostgresSettings.of("localhost", on.getPort(), "postgres", "postgres", "").withSsl(mode, ca).withPoolSize(2);
    }

    private static boolean encrypted(PostgresSettings settings) {
        try (PostgresDatabase db = new PostgresDatabase(settings)) {
            return db.read("read the TLS state", s -> s.handle().createQuery(IS_ENCRYPTED).mapTo(Boolean.class).one());
        }
    }

    @Test
    void theKeyFileIsReadableByItsOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.resolve("localhost.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void requireWithTheRightCaFileConnectsAndTheSessionIsEncrypted() {
        PostgresSettings settings = settings(server, PostgresSettings.SslMode.Require, caFile);
        assertThat(encrypted(settings)).isTrue();
        try (PostgresStorage storage = PostgresStorage.open(settings)) {
            assertThat(storage.storage().schema().isInitialised()).isFalse();
        }
    }

    @Test
    void preferWithTheRightCaFileVerifiesAndEncryptsToo() {
        assertThat(encrypted(settings(server, PostgresSettings.SslMode.Prefer, caFile))).isTrue();
    }

    @Test
    void disableConnectsInClear() {
        assertThat(encrypted(settings(server, PostgresSettings.SslMode.Disable, null))).isFalse();
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedAtOnceWithAUserError() {
        assertRefused(settings(server, PostgresSettings.SslMode.Require, otherCaFile));
    }

    @Test
    void requireWithoutCaFileTrustsOnlyTheJvmTrustStoreWhichDoesNotKnowTheTestCa() {
        assertRefused(settings(server, PostgresSettings.SslMode.Require, null));
    }

    @Test
    void aCertificateForAnotherHostNameIsRefusedAtOnceWithAUserError() throws Exception {
        // Signed by the right CA, but for db.example.org while we connect to localhost.
        EmbeddedPostgres elsewhere = tlsServer("elsewhere",
                TestCertificates.server(ca, List.of("db.example.org"), List.of("192.0.2.10")));
        try {
            UserError refused = assertRefused(settings(elsewhere, PostgresSettings.SslMode.Require, caFile));
            assertThat(refused.getMessage()).contains("localhost");
            // The same server, in clear: it was the certificate, not the server.
            assertThat(encrypted(settings(elsewhere, PostgresSettings.SslMode.Disable, null))).isFalse();
        } finally {
            elsewhere.close();
        }
    }

    private static UserError assertRefused(PostgresSettings settings) {
        try (PostgresStorage storage = PostgresStorage.open(settings)) {
            long start = System.nanoTime();
            Throwable failure = catchThrowable(() -> storage.storage().schema().isInitialised());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(failure).isInstanceOf(UserError.class)
                    .hasMessageContaining("TLS")
                    .hasMessageContaining("ca_file")
                    .hasMessageContaining("localhost:" + settings.port());
            assertThat(elapsed).as("time to report the refusal").isLessThan(FAST);
            assertThat(storage.retries()).as("retries of a refused certificate").isZero();
            return (UserError) failure;
        }
    }
}
