package org.openwec.adapters.outputs.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.openwec.adapters.outputs.event.EventMetadata;
import org.openwec.core.model.OutputDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Tcp output (OpenWEC server/src/drivers/tcp.rs at a41b95f): one connection, opened at the first batch and
 * reused; a batch is the events each followed by a line feed, written at once. When a write fails the
 * connection is dropped and the batch fails (the machine sends it again); the next batch connects anew.
 *
 * <p>With {@code tls_enabled} the peer's certificate must chain to one of {@code tls_certificate_authorities}
 * (only those: not the system's) and name the host; {@code tls_certificate} and {@code tls_key} give a client
 * certificate. The files are read at each connection, so renewed certificates are used after a reconnection.
 *
 * <p>Beyond the reference: a peer that closed the connection (a restarted receiver) is noticed by a reader
 * thread, and the next batch reconnects first instead of being written into a dead socket, where the kernel
 * would accept it and the peer's reset would only fail the batch after.
 */
public final class TcpSink implements Sink {
    private static final Logger LOG = LoggerFactory.getLogger(TcpSink.class);
    /** The reference waits as long as the system does; a bounded wait keeps machines' requests from hanging. */
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

    private final OutputDriver.Tcp config;
    private final Runnable onPeerClosed;
    private Connection connection; // guarded by this

    public TcpSink(OutputDriver.Tcp config) {
        this(config, () -> {});
    }

    /** @param onPeerClosed run when the reader thread sees the peer close the connection (tests wait on it) */
    TcpSink(OutputDriver.Tcp config, Runnable onPeerClosed) {
        this.config = config;
        this.onPeerClosed = onPeerClosed;
    }

    private record Connection(Socket socket, OutputStream out, AtomicBoolean peerClosed) {
        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing a TCP connection failed: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void write(EventMetadata metadata, List<String> events) throws IOException {
        byte[] content = Sink.lines(events);
        if (connection != null && connection.peerClosed().get()) {
            LOG.info("{}:{} closed the connection: reconnecting", config.host(), config.port());
            dropConnection();
        }
        if (connection == null) {
            try {
                connection = connect();
            } catch (IOException | GeneralSecurityException e) {
                throw new IOException("Failed to connect to " + config.host() + ":" + config.port() + ": " + e, e);
            }
        }
        try {
            connection.out().write(content);
            connection.out().flush();
        } catch (IOException e) {
            dropConnection();
            throw new IOException("Failed to write in TCP connection (" + config.host() + ":" + config.port() + "): "
                    + e, e);
        }
    }

    private void dropConnection() {
        connection.close();
        connection = null;
    }

    private Connection connect() throws IOException, GeneralSecurityException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(config.host(), config.port()), CONNECT_TIMEOUT_MILLIS);
            if (config.tlsEnabled()) {
                socket = handshake(socket);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            socket.close();
            throw e;
        }
        AtomicBoolean peerClosed = new AtomicBoolean();
        watch(socket.getInputStream(), peerClosed);
        LOG.debug("connected to {}:{}", config.host(), config.port());
        return new Connection(socket, socket.getOutputStream(), peerClosed);
    }

    private SSLSocket handshake(Socket plain) throws IOException, GeneralSecurityException {
        SSLContext context = tlsContext();
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, config.host(), config.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host, as in rustls
        if (!IP_LITERAL.matcher(config.host()).matches()) { // SNI carries host names only
            parameters.setServerNames(List.of(new SNIHostName(config.host())));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private SSLContext tlsContext() throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        int count = 0;
        for (String file : config.tlsCertificateAuthorities()) {
            for (X509Certificate authority : Pem.certificates(Path.of(file))) {
                trusted.setCertificateEntry("ca-" + count++, authority);
            }
        }
        if (count == 0) {
            throw new IOException("tls_enabled needs tls_certificate_authorities naming PEM files with at least one"
                    + " certificate");
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);

        KeyManagerFactory keys = null;
        if (config.tlsCertificate() != null) {
            if (config.tlsKey() == null) {
                throw new IOException("Missing tls_key: tls_certificate needs the key that goes with it");
            }
            List<X509Certificate> chain = Pem.certificates(Path.of(config.tlsCertificate()));
            if (chain.isEmpty()) {
                throw new IOException("no certificate in " + config.tlsCertificate());
            }
            PrivateKey key = Pem.privateKey(Path.of(config.tlsKey()));
            KeyStore identity = KeyStore.getInstance(KeyStore.getDefaultType());
            identity.load(null, null);
            char[] password = new char[0];
            identity.setKeyEntry("client", key, password, chain.toArray(X509Certificate[]::new));
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, password);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /** Reads (and discards) what the peer sends, to notice when it closes the connection. */
    private void watch(InputStream in, AtomicBoolean peerClosed) {
        Thread.ofVirtual().name("tcp-output-" + config.host() + ":" + config.port()).start(() -> {
            byte[] buffer = new byte[1024];
            try {
                while (in.read(buffer) >= 0) {
                    // the protocol is one way: anything received is ignored
                }
            } catch (IOException closedOrReset) {
                // closed by us (dropConnection, close) or reset by the peer: either way the connection is over
            }
            peerClosed.set(true);
            onPeerClosed.run();
        });
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            dropConnection();
        }
    }
}
