package org.openwec.adapters.wef.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Certificates and private keys from PEM, with BouncyCastle's parser, turned into the JDK's own key and
 * certificate objects (the JDK's TLS provider serves them). Every failure is a {@link CollectorListenerException}
 * naming the setting, the file and what to do.
 */
final class PemReader {

    /** The curves Windows machines negotiate with (OpenWEC doc/tls.md at a41b95f names P-256 and P-384). */
    private static final Map<String, String> CURVES =
            Map.of("secp256r1", "P-256", "secp384r1", "P-384", "secp521r1", "P-521");

    private PemReader() {}

    /**
     * Every certificate of a PEM file, in file order; other PEM blocks are skipped.
     *
     * @param setting the configuration key, for messages
     */
    static List<X509Certificate> certificates(Pem pem, String setting) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = parser(pem, setting)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw fail(setting, pem, "cannot be read as PEM certificates (" + reason(e)
                    + "); give a file of '-----BEGIN CERTIFICATE-----' blocks", e);
        }
        if (certificates.isEmpty()) {
            throw fail(setting, pem, "holds no certificate; give a file with at least one "
                    + "'-----BEGIN CERTIFICATE-----' block", null);
        }
        return List.copyOf(certificates);
    }

    /**
     * The first private key of a PEM file: PKCS#1 ({@code RSA PRIVATE KEY}), PKCS#8 ({@code PRIVATE KEY}) or SEC1
     * ({@code EC PRIVATE KEY}, an {@code EC PARAMETERS} block before it is allowed); RSA, or EC on P-256, P-384 or
     * P-521.
     */
    static PrivateKey privateKey(Pem pem, String setting) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        PrivateKey key = null;
        ASN1ObjectIdentifier curve = null; // from an EC PARAMETERS block (openssl ecparam -genkey writes one first)
        try (PEMParser parser = parser(pem, setting)) {
            for (Object item = parser.readObject(); item != null && key == null; item = parser.readObject()) {
                key = switch (item) {
                    case PEMKeyPair pair -> converter.getPrivateKey(withCurve(pair.getPrivateKeyInfo(), curve, pem, setting));
                    case PrivateKeyInfo info -> converter.getPrivateKey(info);
                    case PEMEncryptedKeyPair ignored -> throw encrypted(setting, pem);
                    case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted(setting, pem);
                    case ASN1ObjectIdentifier named -> {
                        curve = named;
                        yield null;
                    }
                    default -> null; // certificates bundled with the key, explicit EC parameters
                };
            }
        } catch (CollectorListenerException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw fail(setting, pem, "cannot be read as a PEM private key (" + reason(e)
                    + "); give an unencrypted PKCS#1, PKCS#8 or SEC1 key", e);
        }
        if (key == null) {
            throw fail(setting, pem, "holds no private key; give an unencrypted 'RSA PRIVATE KEY', 'PRIVATE KEY' "
                    + "or 'EC PRIVATE KEY' block", null);
        }
        checkSupported(key, pem, setting);
        return key;
    }

    /**
     * A SEC1 key names its curve inside itself, optionally: when it does not, the curve comes from an
     * {@code EC PARAMETERS} block before it, or the key cannot be used.
     */
    private static PrivateKeyInfo withCurve(PrivateKeyInfo info, ASN1ObjectIdentifier curve, Pem pem, String setting)
            throws IOException {
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        boolean ec = algorithm.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey);
        ASN1Encodable parameters = algorithm.getParameters();
        if (!ec || (parameters != null && !(parameters instanceof ASN1Null))) {
            return info;
        }
        if (curve == null) {
            throw fail(setting, pem, "holds an EC PRIVATE KEY that does not name its curve; write it with its "
                    + "curve (openssl ec -in KEY -out KEY.full) or as PKCS#8 (openssl pkey -in KEY -out KEY.p8)", null);
        }
        return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve),
                info.parsePrivateKey());
    }

    /**
     * Fails unless the certificate carries the key's public half: a mismatch would otherwise only show as every
     * handshake failing. Checked by signing with the key and verifying with the certificate, which works the
     * same for RSA and EC.
     */
    static void checkPair(PrivateKey key, X509Certificate certificate, Pem keyPem, Pem certificatePem) {
        PublicKey publicKey = certificate.getPublicKey();
        boolean matches;
        try {
            String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new CollectorListenerException("server_private_key " + keyPem.name()
                    + " does not match the certificate " + certificate.getSubjectX500Principal().getName()
                    + " of server_certificate " + certificatePem.name()
                    + ": give the key the certificate was issued for (the certificate comes first in its file)");
        }
    }

    private static void checkSupported(PrivateKey key, Pem pem, String setting) {
        if (key.getAlgorithm().equals("RSA")) {
            return;
        }
        if (key instanceof ECPrivateKey ec) {
            if (curveOf(ec.getParams()) != null) {
                return;
            }
            throw fail(setting, pem, "holds an EC key on a curve TLS clients do not accept; use P-256 or P-384", null);
        }
        throw fail(setting, pem, "holds a key of type " + key.getAlgorithm()
                + "; use an RSA key or an EC key on P-256 or P-384", null);
    }

    /** The NIST name of a supported curve, null for any other. */
    private static String curveOf(ECParameterSpec spec) {
        for (Map.Entry<String, String> curve : CURVES.entrySet()) {
            try {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec(curve.getKey()));
                ECParameterSpec known = parameters.getParameterSpec(ECParameterSpec.class);
                if (known.getCurve().equals(spec.getCurve()) && known.getGenerator().equals(spec.getGenerator())
                        && known.getOrder().equals(spec.getOrder())) {
                    return curve.getValue();
                }
            } catch (GeneralSecurityException e) {
                // this JDK lacks the curve: no key can be on it
            }
        }
        return null;
    }

    private static PEMParser parser(Pem pem, String setting) {
        byte[] bytes;
        try {
            bytes = pem.read();
        } catch (IOException e) {
            throw fail(setting, pem, "cannot be read (" + reason(e) + "); check the path and its permissions", e);
        }
        Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
        return new PEMParser(reader);
    }

    private static CollectorListenerException encrypted(String setting, Pem pem) {
        return fail(setting, pem, "holds an encrypted key, which the server cannot unlock; store it unencrypted "
                + "(openssl pkey -in KEY -out KEY.clear) and restrict the file's permissions", null);
    }

    private static CollectorListenerException fail(String setting, Pem pem, String what, Throwable cause) {
        return new CollectorListenerException(setting + " " + pem.name() + " " + what, cause);
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        String type = e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName();
        return message == null || e instanceof java.nio.file.NoSuchFileException ? type : type + ": " + message;
    }
}
