package org.openwec.app.server;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test CA made in the test with BouncyCastle: the collector's certificate, machines' certificates (CN = the
 * machine's name), and the bad ones a collector must refuse (another CA's, an expired one, one without CN).
 */
final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(1);

    /** A certificate with its key, and the CA that issued it (null for a CA). */
    record Issued(X509Certificate certificate, KeyPair keys, Issued issuer) {
        PrivateKey key() {
            return keys.getPrivate();
        }

        /** Lower-case hex SHA-1 of the DER bytes: the thumbprint Windows and openwecd use for a CA. */
        String thumbprint() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Writes the certificate and its PKCS#8 key as {@code name.pem} and {@code name.key} in {@code dir}. */
        Path writeTo(Path dir, String name) {
            try {
                Files.writeString(dir.resolve(name + ".key"), pem(new JcaPKCS8Generator(key(), null).generate()));
                return Files.writeString(dir.resolve(name + ".pem"), pem(certificate));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * What a machine holds: this certificate and key, presented whatever CAs the server names (the JDK's own
         * key manager would keep quiet about a certificate of another CA, and its refusal would go untested), and
         * {@code serverCa} to check the collector's certificate.
         */
        SSLContext clientContext(Issued serverCa) {
            try {
                KeyStore trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                trusted.setCertificateEntry("server-ca", serverCa.certificate());
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trusted);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(new KeyManager[] {new AlwaysPresented(this)}, trust.getTrustManagers(), new SecureRandom());
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestPki() {}

    static Issued ca(String cn) {
        KeyPair keys = ec("secp384r1");
        X500Name name = new X500Name("CN=" + cn + ",O=openwec tests");
        return new Issued(build(name, keys, name, keys.getPrivate(), validFrom(), validTo(), Role.CA), keys, null);
    }

    /** The collector's certificate, for localhost and 127.0.0.1. */
    static Issued server(Issued ca) {
        KeyPair keys = ec("secp256r1");
        return new Issued(build(new X500Name("CN=localhost,O=openwec tests"), keys, subject(ca), ca.key(), validFrom(),
                validTo(), Role.SERVER), keys, ca);
    }

    /** A machine's certificate: its CN is the machine's name for the collector. */
    static Issued machine(Issued ca, String cn) {
        return machine(ca, new X500Name("CN=" + cn + ",O=openwec tests"), validFrom(), validTo());
    }

    static Issued expiredMachine(Issued ca, String cn) {
        Instant now = Instant.now();
        return machine(ca, new X500Name("CN=" + cn + ",O=openwec tests"), now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(1)));
    }

    static Issued machineWithoutCn(Issued ca) {
        return machine(ca, new X500Name("O=openwec tests,OU=no common name"), validFrom(), validTo());
    }

    private static Issued machine(Issued ca, X500Name subject, Instant notBefore, Instant notAfter) {
        KeyPair keys = ec("secp256r1");
        return new Issued(build(subject, keys, subject(ca), ca.key(), notBefore, notAfter, Role.CLIENT), keys, ca);
    }

    private static Instant validFrom() {
        return Instant.now().minus(Duration.ofDays(1));
    }

    private static Instant validTo() {
        return Instant.now().plus(Duration.ofDays(30));
    }

    private static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private enum Role { CA, CLIENT, SERVER }

    private static X509Certificate build(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
                                         Instant notBefore, Instant notAfter, Role role) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(notBefore), Date.from(notAfter), subject,
                    keys.getPublic());
            switch (role) {
                case CA -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case CLIENT -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                }
                case SERVER -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
                }
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X500Name subject(Issued issued) {
        return X500Name.getInstance(issued.certificate().getSubjectX500Principal().getEncoded());
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

    private static final class AlwaysPresented extends X509ExtendedKeyManager {
        private final Issued machine;

        AlwaysPresented(Issued machine) {
            this.machine = machine;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return "machine";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return "machine";
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return List.of(machine.certificate()).toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return machine.key();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"machine"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
