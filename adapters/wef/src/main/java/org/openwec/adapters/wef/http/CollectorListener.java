package org.openwec.adapters.wef.http;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One listener of the collector: what an OpenWEC {@code [[collectors]]} entry configures (OpenWEC
 * common/src/settings.rs at a41b95f): HTTPS with mutual TLS ({@code authentication.type = "Tls"}), or HTTP with
 * Kerberos and WinRM message encryption ({@code type = "Kerberos"}). Exactly one of {@code tls} and
 * {@code kerberos} is set.
 *
 * @param hostname the collector's name in the addresses given to machines; null to use the host of each
 *                 Enumerate request's {@code a:To}
 * @param listenAddress the IP address to listen on ({@code 0.0.0.0}, {@code ::}, ...)
 * @param listenPort the TCP port to listen on; 0 picks a free port (see {@link WefServer#port()})
 * @param advertizedPort the port written in the addresses given to machines (behind a proxy it differs from
 *                       {@code listenPort})
 * @param maxContentLength the largest request body accepted, before and after decompression
 * @param enableProxyProtocol whether every connection starts with a PROXY protocol header (v1 or v2) naming
 *                            the machine's address, as a load balancer sends it
 */
public record CollectorListener(String hostname, String listenAddress, int listenPort, int advertizedPort,
                                int maxContentLength, boolean enableProxyProtocol, Tls tls, Kerberos kerberos) {

    /** OpenWEC's {@code listen_port} default. */
    public static final int DEFAULT_LISTEN_PORT = 5985;
    /** OpenWEC's {@code max_content_length} default. */
    public static final int DEFAULT_MAX_CONTENT_LENGTH = 512_000;

    /**
     * Mutual TLS: the server's certificate and key, and the CAs whose certificates machines may present.
     *
     * @param caCertificate {@code ca_certificate}: one or more CA certificates
     * @param serverCertificate {@code server_certificate}: the server's certificate, optionally followed by its
     *                          chain
     * @param serverPrivateKey {@code server_private_key}: PKCS#1, PKCS#8 or SEC1, RSA or EC, not encrypted
     */
    public record Tls(Pem caCertificate, Pem serverCertificate, Pem serverPrivateKey) {
        public Tls {
            Objects.requireNonNull(caCertificate, "caCertificate");
            Objects.requireNonNull(serverCertificate, "serverCertificate");
            Objects.requireNonNull(serverPrivateKey, "serverPrivateKey");
        }
    }

    /**
     * Kerberos: the service principal machines ask tickets for, and the keytab holding its keys.
     *
     * @param keytab {@code [server] keytab}
     * @param servicePrincipalName {@code service_principal_name}, with its realm
     */
    public record Kerberos(Path keytab, String servicePrincipalName) {
        public Kerberos {
            Objects.requireNonNull(keytab, "keytab");
            Objects.requireNonNull(servicePrincipalName, "servicePrincipalName");
        }
    }

    /** A mutual-TLS listener. */
    public CollectorListener(String hostname, String listenAddress, int listenPort, int advertizedPort,
                             int maxContentLength, boolean enableProxyProtocol, Tls tls) {
        this(hostname, listenAddress, listenPort, advertizedPort, maxContentLength, enableProxyProtocol,
                Objects.requireNonNull(tls, "tls"), null);
    }

    /** A Kerberos listener. */
    public CollectorListener(String hostname, String listenAddress, int listenPort, int advertizedPort,
                             int maxContentLength, boolean enableProxyProtocol, Kerberos kerberos) {
        this(hostname, listenAddress, listenPort, advertizedPort, maxContentLength, enableProxyProtocol, null,
                Objects.requireNonNull(kerberos, "kerberos"));
    }

    public CollectorListener {
        Objects.requireNonNull(listenAddress, "listenAddress");
        if ((tls == null) == (kerberos == null)) {
            throw new IllegalArgumentException("a collector listener has either TLS or Kerberos authentication");
        }
        if (hostname != null && hostname.isBlank()) {
            hostname = null;
        }
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listen_port must be between 0 and 65535, got " + listenPort);
        }
        if (advertizedPort < 1 || advertizedPort > 65535) {
            throw new IllegalArgumentException("advertized_port must be between 1 and 65535, got " + advertizedPort);
        }
        if (maxContentLength < 1) {
            throw new IllegalArgumentException("max_content_length must be positive, got " + maxContentLength);
        }
    }

    /** {@code ip:port} as the logs show it. */
    String listenLabel() {
        return (listenAddress.contains(":") ? "[" + listenAddress + "]" : listenAddress) + ":" + listenPort;
    }
}
