package org.openwec.benchmarks.load;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The run's own certificate authority, made at start with BouncyCastle: the collector's certificate and one
 * client certificate per simulated machine, whose CN is the machine's name (what the collector calls the
 * machine). Every key is on P-256: quick to make (a thousand machines take a second or two) and quick to
 * handshake with.
 */
final class Pki {
    /** A certificate and its key. */
    record Issued(X509Certificate certificate, PrivateKey key) {}

    /** Where the collector's TLS files were written, as a {@code [collectors.authentication]} names them. */
    record ServerFiles(Path caCertificate, Path serverCertificate, Path serverPrivateKey) {}

    private static final AtomicLong SERIAL = new AtomicLong(1);

    private final KeyPairGenerator generator;
    private final Issued ca;
    private final ContentSigner caSigner;

    Pki() {
        try {
            generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=openwec load-run CA,O=openwec benchmarks");
            caSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            X509v3CertificateBuilder builder = builder(name, name, keys);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca = new Issued(sign(builder), keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Cannot make the load run's CA", e);
        }
    }

    X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** The collector's certificate, for localhost and 127.0.0.1. */
    Issued server() {
        try {
            KeyPair keys = generator.generateKeyPair();
            X509v3CertificateBuilder builder = builder(new X500Name("CN=localhost,O=openwec benchmarks"), caName(), keys);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            return new Issued(sign(builder), keys.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A machine's client certificate: CN = {@code machine}. */
    Issued machine(String machine) {
        try {
            KeyPair keys = generator.generateKeyPair();
            X509v3CertificateBuilder builder = builder(new X500Name("CN=" + machine + ",O=openwec benchmarks"), caName(),
                    keys);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            return new Issued(sign(builder), keys.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the CA, the collector's certificate and its key (PKCS#8) as PEM files in {@code directory}. */
    ServerFiles writeServerFiles(Path directory, Issued server) throws IOException {
        Files.createDirectories(directory);
        ServerFiles files = new ServerFiles(directory.resolve("ca.pem"), directory.resolve("server.pem"),
                directory.resolve("server.key"));
        Files.writeString(files.caCertificate(), pem(ca.certificate()));
        Files.writeString(files.serverCertificate(), pem(server.certificate()));
        Files.writeString(files.serverPrivateKey(), pem(new JcaPKCS8Generator(server.key(), null).generate()));
        return files;
    }

    private X500Name caName() {
        return X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    }

    private static X509v3CertificateBuilder builder(X500Name subject, X500Name issuer, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.getAndIncrement()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), subject,
                keys.getPublic());
    }

    private X509Certificate sign(X509v3CertificateBuilder builder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(caSigner));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
