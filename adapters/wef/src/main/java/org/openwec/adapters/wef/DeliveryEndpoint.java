package org.openwec.adapters.wef;

import java.util.Objects;
import java.util.UUID;
import org.openwec.core.model.Uuids;

/**
 * Where and how machines send a subscription's events: this collector's address as machines reach it, and
 * the authentication the subscription's policy asks for.
 *
 * @param hostname {@code collector.hostname}, or the host of the Enumerate request's {@code a:To}
 *                 ({@link WefHeader#toHost()})
 * @param port {@code advertized_port}
 */
public record DeliveryEndpoint(String hostname, int port, Authentication authentication) {

    /** How machines authenticate when they deliver events. */
    public sealed interface Authentication permits Tls, Kerberos {}

    /**
     * Mutual TLS over HTTPS.
     *
     * @param issuerThumbprint the SHA-1 thumbprint (hex) of the CA that issued the requesting machine's
     *                         certificate: the policy tells the machine which certificate to present
     */
    public record Tls(String issuerThumbprint) implements Authentication {
        public Tls {
            Objects.requireNonNull(issuerThumbprint, "issuerThumbprint");
        }
    }

    /** Kerberos (SPNEGO) over HTTP, the messages encrypted by the Kerberos session. */
    public record Kerberos() implements Authentication {}

    public DeliveryEndpoint {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(authentication, "authentication");
        if (hostname.isBlank()) {
            throw new IllegalArgumentException("The collector hostname must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The advertized port must be between 1 and 65535, got " + port);
        }
    }

    /**
     * The URL machines post a subscription's events to. OpenWEC's form: no {@code /1} at the end as Windows
     * collectors put, the path naming the subscription in upper case.
     */
    public String address(UUID subscription) {
        String scheme = authentication instanceof Tls ? "https" : "http";
        return scheme + "://" + hostname + ":" + port + "/wsman/subscriptions/" + Uuids.storedKey(subscription);
    }
}
