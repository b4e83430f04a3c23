package org.openwec.core.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.openwec.core.model.Subscription;

/**
 * What a machine asks first (a WS-Management Enumerate): the active subscriptions it should run, each
 * with the bookmark to resume from. The active set is cached and reloaded every {@code db_sync_interval}
 * (and on {@link #reload()}, SIGHUP), so that several collector nodes sharing one database converge.
 */
public interface EnumerateSubscriptions {

    /**
     * One subscription offered to a machine.
     *
     * @param bookmark the stored bookmark, {@link org.openwec.core.model.Bookmark#EARLIEST}, or null to
     *                 start from new events
     */
    record Offer(Subscription subscription, String bookmark) {
        public Offer {
            Objects.requireNonNull(subscription, "subscription");
        }
    }

    /**
     * The subscriptions offered to a machine on a URI, in name order: active, offered on that URI (or on
     * every URI), and accepted by their client filter.
     *
     * @param machine the authenticated identity (Kerberos principal, or the TLS certificate's CN)
     * @param machineId the MachineID header, null when absent
     * @param uri the request path; a subscription with a {@code uri} is offered on that path only
     */
    List<Offer> enumerate(String machine, String machineId, String uri);

    /** An active subscription by UUID, as Events and Heartbeat messages name it; empty means unknown (404). */
    Optional<Subscription> activeSubscription(UUID uuid);

    /**
     * Reads the subscriptions again now.
     *
     * @return false when the read failed and the previous set is kept
     */
    boolean reload();
}
