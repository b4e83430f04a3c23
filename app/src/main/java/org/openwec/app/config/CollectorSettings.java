package org.openwec.app.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One {@code [[collectors]]} entry: where a collector listens and how machines authenticate (OpenWEC
 * common/src/settings.rs at a41b95f, with its defaults).
 *
 * @param hostname the name written in the addresses given to machines; null to use the host of each Enumerate's
 *                 {@code a:To}, as the reference does when it is not set
 * @param listenPort 5985 unless set; 0 picks a free port (then {@code advertized_port} must be set)
 * @param advertizedPort the port machines are told to use: {@code listen_port} unless set
 */
public record CollectorSettings(String hostname, String listenAddress, int listenPort, long maxContentLength,
                                boolean enableProxyProtocol, int advertizedPort, Authentication authentication) {

    public static final int DEFAULT_LISTEN_PORT = 5985;
    public static final long DEFAULT_MAX_CONTENT_LENGTH = 512_000;

    /** {@code [collectors.authentication]}. */
    public sealed interface Authentication {
        /** {@code type = "Tls"}: the PEM files of the server and of the CAs that issue machine certificates. */
        record Tls(Path serverCertificate, Path serverPrivateKey, Path caCertificate) implements Authentication {
            public Tls {
                Objects.requireNonNull(serverCertificate, "serverCertificate");
                Objects.requireNonNull(serverPrivateKey, "serverPrivateKey");
                Objects.requireNonNull(caCertificate, "caCertificate");
            }
        }

        /** {@code type = "Kerberos"}. */
        record Kerberos(String servicePrincipalName) implements Authentication {
            public Kerberos {
                Objects.requireNonNull(servicePrincipalName, "servicePrincipalName");
            }
        }
    }

    public CollectorSettings {
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(authentication, "authentication");
    }

    /** {@code listen_address:listen_port}, as messages name a collector. */
    public String label() {
        return (listenAddress.contains(":") ? "[" + listenAddress + "]" : listenAddress) + ":" + listenPort;
    }
}
