package org.openwec.adapters.wef.http;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS side of a listener: the server's certificate and key, the client CAs, TLS 1.2 and 1.3 only, a client
 * certificate required. Built once at start; a bad file fails here, before anything listens.
 */
final class ServerTls {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

    private final SslContext context;
    private final ClientCertificates clients;

    private ServerTls(SslContext context, ClientCertificates clients) {
        this.context = context;
        this.clients = clients;
    }

    /** @throws CollectorListenerException naming the file and the fix when a file is missing or unusable */
    static ServerTls load(CollectorListener.Tls tls) {
        List<X509Certificate> cas = PemReader.certificates(tls.caCertificate(), "ca_certificate");
        List<X509Certificate> chain = PemReader.certificates(tls.serverCertificate(), "server_certificate");
        PrivateKey key = PemReader.privateKey(tls.serverPrivateKey(), "server_private_key");
        PemReader.checkPair(key, chain.getFirst(), tls.serverPrivateKey(), tls.serverCertificate());
        warnWhenOutsideValidity(chain.getFirst(), tls.serverCertificate());
        ClientCertificates clients = new ClientCertificates(cas);
        try {
            SslContext context = SslContextBuilder.forServer(key, chain)
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .clientAuth(ClientAuth.REQUIRE)
                    .trustManager(clients.trustManager())
                    .build();
            LOG.info("TLS: server certificate {} from {}, {} client CA(s) from {} (thumbprints {})",
                    chain.getFirst().getSubjectX500Principal().getName(), tls.serverCertificate().name(),
                    clients.caThumbprints().size(), tls.caCertificate().name(), clients.caThumbprints());
            return new ServerTls(context, clients);
        } catch (SSLException e) {
            throw new CollectorListenerException("server_certificate " + tls.serverCertificate().name()
                    + " and server_private_key " + tls.serverPrivateKey().name()
                    + " cannot serve TLS (" + e.getMessage() + "); check that they are a certificate and its key", e);
        }
    }

    SslContext context() {
        return context;
    }

    /** The machine behind a completed handshake; empty when its certificate names none (the trust manager refuses those). */
    Optional<ClientIdentity> identify(SSLSession session) {
        try {
            Certificate[] peer = session.getPeerCertificates();
            X509Certificate[] chain = new X509Certificate[peer.length];
            for (int i = 0; i < peer.length; i++) {
                if (!(peer[i] instanceof X509Certificate x509)) {
                    return Optional.empty();
                }
                chain[i] = x509;
            }
            return clients.identify(chain);
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    private static void warnWhenOutsideValidity(X509Certificate certificate, Pem pem) {
        Date now = Date.from(Instant.now());
        if (now.after(certificate.getNotAfter()) || now.before(certificate.getNotBefore())) {
            LOG.warn("server_certificate {} is valid from {} to {} only: machines will refuse it", pem.name(),
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        }
    }
}
