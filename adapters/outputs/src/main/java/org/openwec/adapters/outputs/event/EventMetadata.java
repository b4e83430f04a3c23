package org.openwec.adapters.outputs.event;

import java.time.Instant;
import java.util.Objects;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.Subscription;

/**
 * What the collector knows about a batch beyond its events: the metadata block of RawJson, Json and Nxlog
 * ("meta" or "OpenWEC") and the values of a Files path template.
 *
 * @param ip the machine's address, IPv6 in its RFC 5952 text as the reference prints it
 * @param client the authenticated machine: Kerberos principal or TLS certificate CN
 * @param nodeName {@code [server] node_name}, null when not configured
 * @param subscriptionUuid upper-case, as the reference prints it
 * @param publicVersion the version the machine sent, not the one stored
 * @param uri null when the subscription has none
 * @param clientRevision the Revision the machine sent, null when none
 * @param serverRevision the subscription's revision, null when none
 */
public record EventMetadata(String ip, String client, String nodeName, Instant received, String subscriptionUuid,
                            String publicVersion, String subscriptionName, String uri, String clientRevision,
                            String serverRevision) {
    public EventMetadata {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(subscriptionUuid, "subscriptionUuid");
        Objects.requireNonNull(subscriptionName, "subscriptionName");
    }

    public static EventMetadata of(Subscription subscription, EventsBatch batch, String nodeName) {
        return new EventMetadata(IpText.canonical(batch.ip()), batch.machine(), nodeName, batch.received(),
                subscription.storedKey(), batch.publicVersion() == null ? "" : batch.publicVersion(),
                subscription.name(), subscription.uri(), batch.clientRevision(), subscription.revision());
    }
}
