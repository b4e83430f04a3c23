package org.openwec.adapters.wef.http;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.net.Socket;
import java.security.Principal;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
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
import org.bouncycastle.util.io.pem.PemObject;

/** Test CAs and certificates made with BouncyCastle, and the PEM text and TLS contexts built from them. */
final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(1);

    /** A certificate with its key, and the chain that goes with it (the certificate first). */
    record Issued(X509Certificate certificate, KeyPair keys, List<X509Certificate> chain) {
        PrivateKey key() {
            return keys.getPrivate();
        }
    }

    private TestPki() {}

    static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Issued ca(String dn) {
        KeyPair keys = ec("secp384r1");
        X509Certificate certificate = build(new X500Name(dn), keys, new X500Name(dn), keys.getPrivate(),
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)), Role.CA);
        return new Issued(certificate, keys, List.of(certificate));
    }

    /** An intermediate CA issued by {@code issuer}. */
    static Issued intermediate(Issued issuer, String dn) {
        KeyPair keys = ec("secp256r1");
        X509Certificate certificate = build(new X500Name(dn), keys, subjectOf(issuer), issuer.key(),
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)), Role.CA);
        return new Issued(certificate, keys, chain(certificate, issuer));
    }

    static Issued client(Issued issuer, String dn) {
        return client(issuer, dn, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
    }

    static Issued client(Issued issuer, String dn, Instant notBefore, Instant notAfter) {
        KeyPair keys = ec("secp256r1");
        X509Certificate certificate = build(new X500Name(dn), keys, subjectOf(issuer), issuer.key(), notBefore,
                notAfter, Role.CLIENT);
        return new Issued(certificate, keys, chain(certificate, issuer));
    }

    static Issued server(Issued issuer, KeyPair keys) {
        X509Certificate certificate = build(new X500Name("CN=localhost,O=openwec tests"), keys, subjectOf(issuer),
                issuer.key(), Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)),
                Role.SERVER);
        return new Issued(certificate, keys, chain(certificate, issuer));
    }

    /** Certificates in PEM, one block each. */
    static String pem(List<X509Certificate> certificates) {
        return write(new ArrayList<>(certificates));
    }

    /**
     * PKCS#1 for RSA ({@code RSA PRIVATE KEY}); SEC1 for EC ({@code EC PRIVATE KEY}) with its curve inside, as
     * openssl writes it (BouncyCastle's writer would leave the curve out of a JDK key).
     */
    static String traditionalPem(PrivateKey key) {
        if (!(key instanceof java.security.interfaces.ECPrivateKey ec)) {
            return write(List.of(key));
        }
        return write(List.of(new PemObject("EC PRIVATE KEY", sec1(ec, true))));
    }

    /** SEC1 without the curve, after an {@code EC PARAMETERS} block naming it (openssl ecparam -genkey -param_enc named_curve). */
    static String sec1AfterEcParameters(java.security.interfaces.ECPrivateKey key) {
        try {
            byte[] curve = PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm().getParameters()
                    .toASN1Primitive().getEncoded();
            return write(List.of(new PemObject("EC PARAMETERS", curve), new PemObject("EC PRIVATE KEY", sec1(key, false))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SEC1 without the curve and nothing to name it. */
    static String sec1WithoutCurve(java.security.interfaces.ECPrivateKey key) {
        return write(List.of(new PemObject("EC PRIVATE KEY", sec1(key, false))));
    }

    private static byte[] sec1(java.security.interfaces.ECPrivateKey key, boolean withCurve) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            int orderBits = key.getParams().getOrder().bitLength();
            org.bouncycastle.asn1.sec.ECPrivateKey sec1 = withCurve
                    ? new org.bouncycastle.asn1.sec.ECPrivateKey(orderBits, key.getS(),
                            info.getPrivateKeyAlgorithm().getParameters())
                    : new org.bouncycastle.asn1.sec.ECPrivateKey(orderBits, key.getS());
            return sec1.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PKCS#8 ({@code PRIVATE KEY}). */
    static String pkcs8Pem(PrivateKey key) {
        try {
            return write(List.of(new JcaPKCS8Generator(key, null).generate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a machine holds: its certificate and key, and the CA that issued the server's certificate. */
    static SSLContext clientContext(Issued client, X509Certificate serverCa) {
        return clientContext(client, serverCa, "TLSv1.3");
    }

    static SSLContext clientContext(Issued client, X509Certificate serverCa, String protocol) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("server-ca", serverCa);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SSLContext context = SSLContext.getInstance(protocol);
            context.init(new KeyManager[] {new AlwaysPresented(client)}, trustManagers.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Presents the machine's certificate whatever CAs the server asks for: the JDK's own key manager would keep
     * quiet about a certificate of another CA, and the server's refusal of it would go untested.
     */
    private static final class AlwaysPresented extends X509ExtendedKeyManager {
        private final Issued client;

        AlwaysPresented(Issued client) {
            this.client = client;
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
            return client.chain().subList(0, Math.max(1, client.chain().size() - 1)).toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return client.key();
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
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                }
                case SERVER -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
                }
            }
            String algorithm = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X500Name subjectOf(Issued issued) {
        return X500Name.getInstance(issued.certificate().getSubjectX500Principal().getEncoded());
    }

    private static List<X509Certificate> chain(X509Certificate certificate, Issued issuer) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(issuer.chain());
        return List.copyOf(chain);
    }

    private static String write(List<Object> objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
