package org.openwec.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.core.model.OutputFormat;

/**
 * tools/make-test-ca, as the README walkthrough runs it: the CA, server and machine certificates it writes are
 * the ones openwecd and a machine need, and the thumbprint and subscription manager string it prints are right.
 */
class MakeTestCaTest {
    private static final Path SCRIPT = Path.of("..", "tools", "make-test-ca").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    private ServerFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private record Run(int exitCode, String output) {}

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static boolean hasOpenssl() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void the_pki_it_writes_is_the_one_openwecd_and_a_machine_use() throws Exception {
        assumeThat(hasOpenssl()).as("openssl installed").isTrue();
        Path pki = dir.resolve("pki");

        Run made = run("-o", pki.toString(), "localhost", ServerFixture.MACHINE, "srv2019");

        assertThat(made.exitCode()).as(made.output()).isZero();
        X509Certificate ca = certificate(pki.resolve("ca.pem"));
        X509Certificate server = certificate(pki.resolve("server.pem"));
        X509Certificate machine = certificate(pki.resolve("clients").resolve(ServerFixture.MACHINE + ".pem"));
        String thumbprint = new TestPki.Issued(ca, null, null).thumbprint();
        assertThat(made.output()).contains("CA thumbprint:      " + thumbprint + "\n")
                .contains("Server=HTTPS://localhost:5986/wsman/,Refresh=14400,IssuerCA=" + thumbprint + "\n");
        server.verify(ca.getPublicKey());
        machine.verify(ca.getPublicKey());
        assertThat(server.getSubjectX500Principal().getName()).isEqualTo("O=openwec tests,CN=localhost");
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
        assertThat(machine.getSubjectX500Principal().getName()).isEqualTo("O=openwec tests,CN=" + ServerFixture.MACHINE);
        assertThat(machine.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2"); // clientAuth
        assertThat(pki.resolve("clients").resolve("srv2019.pfx")).isNotEmptyFile();

        // openwecd on the script's files; a machine with its certificate and key from the script.
        fixture = ServerFixture.sqlite(dir);
        for (String name : List.of("ca.pem", "server.pem", "server.key")) {
            Files.copy(pki.resolve(name), dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        fixture.database(fixture.subscription("security", OutputFormat.Raw)).start();
        PrivateKey key = pkcs8(pki.resolve("clients").resolve(ServerFixture.MACHINE + ".key"));
        TestPki.Issued holder = new TestPki.Issued(machine, new KeyPair(machine.getPublicKey(), key), null);
        try (Machine windows = new Machine(holder.clientContext(new TestPki.Issued(ca, null, null)), fixture.port())) {
            Machine.Answer enumerate = windows.enumerate();
            assertThat(enumerate.status()).isEqualTo(200);
            assertThat(enumerate.text()).contains(thumbprint);
        }

        // Run again in the same directory: the CA is kept, a new machine is added.
        Run again = run("-o", pki.toString(), "localhost", "win11");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("Reusing the CA").contains("IssuerCA=" + thumbprint);
        certificate(pki.resolve("clients").resolve("win11.pem")).verify(ca.getPublicKey());
    }

    @Test
    void bad_arguments_are_refused_with_one_line() throws Exception {
        Run noHost = run();
        assertThat(noHost.exitCode()).isEqualTo(2);
        assertThat(noHost.output()).startsWith("usage:");
        Run badName = run("-o", dir.toString(), "wec.example.org", "../escape");
        assertThat(badName.exitCode()).isEqualTo(1);
        assertThat(badName.output()).isEqualTo("make-test-ca: '../escape' is not a host or machine name (letters,"
                + " digits, '.', '_' and '-' only)\n");
    }

    private static X509Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey pkcs8(Path pem) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
