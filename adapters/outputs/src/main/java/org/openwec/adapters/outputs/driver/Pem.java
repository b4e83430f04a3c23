package org.openwec.adapters.outputs.driver;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files as the reference's TCP output reads them (rustls-pemfile): every CERTIFICATE block of a file,
 * and the first private key, in PKCS#8 ("PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY") or SEC1 ("EC PRIVATE
 * KEY") form; encrypted keys are not supported. The JDK reads PKCS#8 only, so the other two forms are
 * wrapped into PKCS#8 here (their DER is the inner part of a PKCS#8 structure).
 */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final byte[] RSA_ENCRYPTION = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d,
            0x01, 0x01, 0x01};
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Pem() {}

    private record Block(String type, byte[] der) {}

    static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file)) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IOException("reading the certificates of " + file + " failed: " + e.getMessage(), e);
        }
        return certificates;
    }

    static PrivateKey privateKey(Path file) throws IOException {
        for (Block block : blocks(file)) {
            byte[] pkcs8 = switch (block.type()) {
                case "PRIVATE KEY" -> block.der();
                case "RSA PRIVATE KEY" -> pkcs8(RSA_ENCRYPTION, new byte[] {0x05, 0x00}, block.der());
                case "EC PRIVATE KEY" -> pkcs8(EC_PUBLIC_KEY, curveOf(file, block.der()), block.der());
                default -> null;
            };
            if (pkcs8 != null) {
                return keyOf(file, pkcs8);
            }
        }
        throw new IOException("No keys found in " + file + " (encrypted keys not supported)");
    }

    private static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IOException("a " + matcher.group(1) + " block of " + file + " is not valid base64", e);
            }
        }
        return blocks;
    }

    private static PrivateKey keyOf(Path file, byte[] pkcs8) throws IOException {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        throw new IOException("the private key of " + file + " is not an RSA, EC or EdDSA key");
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, SEQUENCE { algorithm OID, parameters }, OCTET STRING key } */
    private static byte[] pkcs8(byte[] algorithm, byte[] parameters, byte[] key) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] identifier = der(0x30, concat(algorithm, parameters));
        return der(0x30, concat(version, identifier, der(0x04, key)));
    }

    /**
     * The named curve of a SEC1 key: ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING,
     * [0] parameters, [1] publicKey }; the JDK needs the curve in the PKCS#8 algorithm identifier.
     */
    private static byte[] curveOf(Path file, byte[] sec1) throws IOException {
        Der sequence = Der.read(sec1, 0);
        int position = sequence.contentStart();
        while (position < sequence.end()) {
            Der field = Der.read(sec1, position);
            if ((field.tag() & 0xff) == 0xa0) {
                return Arrays.copyOfRange(sec1, field.contentStart(), field.end()); // the curve's OID, tag included
            }
            position = field.end();
        }
        throw new IOException("the EC private key of " + file + " does not name its curve");
    }

    private record Der(int tag, int contentStart, int end) {
        static Der read(byte[] der, int offset) throws IOException {
            if (offset + 2 > der.length) {
                throw new IOException("truncated DER");
            }
            int tag = der[offset];
            int length = der[offset + 1] & 0xff;
            int start = offset + 2;
            if (length > 0x7f) {
                int bytes = length & 0x7f;
                if (bytes > 3 || start + bytes > der.length) {
                    throw new IOException("unsupported DER length");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = length << 8 | (der[start + i] & 0xff);
                }
                start += bytes;
            }
            if (start + length > der.length) {
                throw new IOException("truncated DER");
            }
            return new Der(tag, start, start + length);
        }
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xff);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
