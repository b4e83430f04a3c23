package org.openwec.adapters.outputs.driver;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA and the certificates it signs, written as PEM files the way an administrator would have them. */
final class TestCertificates {
    final KeyPair caKeys;
    final X509Certificate ca;

    private TestCertificates(KeyPair caKeys, X509Certificate ca) {
        this.caKeys = caKeys;
        this.ca = ca;
    }

    static TestCertificates newCa(String name) throws Exception {
        KeyPair keys = ec();
        X509Certificate ca = sign(new X500Name("CN=" + name), keys, new X500Name("CN=" + name), keys.getPrivate(),
                true, null, null);
        return new TestCertificates(keys, ca);
    }

    record Issued(KeyPair keys, X509Certificate certificate) {}

    Issued server(String... dnsNames) throws Exception {
        KeyPair keys = ec();
        GeneralName[] names = java.util.Arrays.stream(dnsNames).map(n -> new GeneralName(GeneralName.dNSName, n))
                .toArray(GeneralName[]::new);
        return new Issued(keys, sign(new X500Name("CN=" + dnsNames[0]), keys, caName(), caKeys.getPrivate(), false,
                new GeneralNames(names), KeyPurposeId.id_kp_serverAuth));
    }

    Issued client(String name, KeyPair keys) throws Exception {
        return new Issued(keys, sign(new X500Name("CN=" + name), keys, caName(), caKeys.getPrivate(), false, null,
                KeyPurposeId.id_kp_clientAuth));
    }

    private X500Name caName() {
        return new X500Name(ca.getSubjectX500Principal().getName());
    }

    static KeyPair ec() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
                                        boolean ca, GeneralNames names, KeyPurposeId purpose) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(System.nanoTime() & 0xffff)),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject,
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        }
        if (names != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, names);
        }
        String algorithm = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    }

    /** PEM as OpenSSL writes it: certificates, and keys in their legacy form (PKCS#1 for RSA, SEC1 for EC). */
    static Path pem(Path file, Object... objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        }
        return Files.writeString(file, text.toString());
    }

    /**
     * An EC key as OpenSSL's {@code ecparam -genkey} writes it: "EC PRIVATE KEY" (SEC1) naming its curve (the
     * JDK's own encoding leaves the curve out, which only works inside PKCS#8).
     */
    static Path sec1(Path file, KeyPair keys) throws IOException {
        java.security.interfaces.ECPrivateKey key = (java.security.interfaces.ECPrivateKey) keys.getPrivate();
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo publicInfo =
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        org.bouncycastle.asn1.ASN1Encodable curve = publicInfo.getAlgorithm().getParameters();
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(),
                publicInfo.getPublicKeyData(), curve);
        StringWriter text = new StringWriter();
        try (org.bouncycastle.util.io.pem.PemWriter writer = new org.bouncycastle.util.io.pem.PemWriter(text)) {
            writer.writeObject(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        }
        return Files.writeString(file, text.toString());
    }

    /** A key as "-----BEGIN PRIVATE KEY-----" (PKCS#8). */
    static Path pkcs8(Path file, PrivateKey key) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        return Files.writeString(file, text.toString());
    }

    /** A server-side TLS context presenting {@code server}, asking for a client certificate signed by this CA. */
    SSLContext serverContext(Issued server) throws Exception {
        char[] password = "test".toCharArray();
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("server", server.keys().getPrivate(), password,
                List.of(server.certificate(), ca).toArray(X509Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, password);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }
}
