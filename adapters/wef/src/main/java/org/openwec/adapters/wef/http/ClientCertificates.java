package org.openwec.adapters.wef.http;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.ASN1String;
import org.openwec.adapters.wef.DeliveryEndpoint;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The machines' side of mutual TLS (OpenWEC server/src/tls.rs and doc/tls.md at a41b95f): which client
 * certificates are accepted, whose name a certificate gives, and which CA issued it.
 */
final class ClientCertificates {

    /** Each configured CA and its thumbprint, in file order. */
    private final Map<X509Certificate, String> thumbprints = new LinkedHashMap<>();
    private final X509ExtendedTrustManager pkix;

    ClientCertificates(List<X509Certificate> cas) {
        for (X509Certificate ca : cas) {
            thumbprints.putIfAbsent(ca, thumbprint(ca));
        }
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int i = 0;
            for (X509Certificate ca : thumbprints.keySet()) {
                anchors.setCertificateEntry("ca-" + i++, ca);
            }
            // PKIX: chains up to one of the CAs, every certificate in its validity period, clientAuth usage when
            // the certificate states its usages. No revocation check, as OpenWEC (rustls' WebPki verifier
            // without CRLs).
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            this.pkix = x509(factory.getTrustManagers());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("The JDK's PKIX trust manager is not available", e);
        }
    }

    /** The trust manager of the TLS handshake: PKIX validation, then a CN is required. */
    X509ExtendedTrustManager trustManager() {
        return new Verifier();
    }

    /**
     * The identity a validated chain gives: the first CN of the certificate's subject, and the thumbprint of
     * the configured CA that issued the first certificate of the chain issued by one (the certificate itself
     * when a CA signed it directly). Empty when there is no CN or no configured issuer.
     */
    Optional<ClientIdentity> identify(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return Optional.empty();
        }
        Optional<String> machine = firstCommonName(chain[0]);
        if (machine.isEmpty()) {
            return Optional.empty();
        }
        for (X509Certificate certificate : chain) {
            for (Map.Entry<X509Certificate, String> ca : thumbprints.entrySet()) {
                if (issuedBy(certificate, ca.getKey())) {
                    return Optional.of(new ClientIdentity(machine.get(),
                            new DeliveryEndpoint.Tls(ca.getValue())));
                }
            }
        }
        return Optional.empty();
    }

    /** The configured CAs' thumbprints, in file order. */
    List<String> caThumbprints() {
        return List.copyOf(thumbprints.values());
    }

    /**
     * The first CN of the subject in encoding order, as OpenWEC reads it; empty when there is none or it is
     * blank (OpenWEC answers 401 to an empty one).
     */
    static Optional<String> firstCommonName(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (attribute.getType().equals(BCStyle.CN)) {
                    if (attribute.getValue() instanceof ASN1String text && !text.getString().isBlank()) {
                        return Optional.of(text.getString());
                    }
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Lower-case hex SHA-1 of the DER bytes: what Windows compares with the policy's {@code IssuerCA}. */
    static String thumbprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot compute the thumbprint of " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** Issuer name and signature both: two CAs may share a name, never a key. */
    private static boolean issuedBy(X509Certificate certificate, X509Certificate ca) {
        if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static X509ExtendedTrustManager x509(TrustManager[] managers) {
        for (TrustManager manager : managers) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("The PKIX trust manager factory gave no X509ExtendedTrustManager");
    }

    private final class Verifier extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            pkix.checkClientTrusted(chain, authType, engine);
            requireIdentity(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            pkix.checkClientTrusted(chain, authType, socket);
            requireIdentity(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            pkix.checkClientTrusted(chain, authType);
            requireIdentity(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("The collector only accepts clients");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("The collector only accepts clients");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("The collector only accepts clients");
        }

        /** The CAs named in the CertificateRequest: Windows picks its certificate among those they issued. */
        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return thumbprints.keySet().toArray(X509Certificate[]::new);
        }

        private void requireIdentity(X509Certificate[] chain) throws CertificateException {
            if (firstCommonName(chain[0]).isEmpty()) {
                throw new CertificateException("The client certificate " + chain[0].getSubjectX500Principal()
                        + " has no CN in its subject: the CN names the machine");
            }
            if (identify(chain).isEmpty()) {
                throw new CertificateException("No configured CA issued a certificate of the chain of "
                        + chain[0].getSubjectX500Principal());
            }
        }
    }
}
