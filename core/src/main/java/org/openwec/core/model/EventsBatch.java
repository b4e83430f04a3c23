package org.openwec.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One Events message of a machine, decoded: what the outputs write and the bookmark stored after them.
 *
 * @param machine the authenticated identity (Kerberos principal, or the TLS certificate's CN)
 * @param machineId the MachineID header, null when absent
 * @param ip the peer address as the collector saw it (after the PROXY protocol, when enabled)
 * @param subscription the UUID of the {@code Identifier} reference parameter
 * @param publicVersion the {@code Version} reference parameter, as the machine sent it
 * @param clientRevision the {@code Revision} reference parameter, null when absent
 * @param events each event's XML, in the order received
 * @param bookmark the {@code BookmarkList} to resume from after this batch, null when the message had none
 * @param received when the collector received the message
 */
public record EventsBatch(String machine, String machineId, String ip, UUID subscription, String publicVersion,
                          String clientRevision, List<String> events, String bookmark, Instant received) {
    public EventsBatch {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(received, "received");
        events = List.copyOf(events);
    }
}
