package org.openwec.adapters.wef;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.openwec.core.model.EventsBatch;

/**
 * One request of a machine, decoded.
 *
 * @param events for {@link WefAction#EVENTS}: the text of each element of the {@code w:Events} body (the
 *               event XML the machine sent in CDATA), in order; empty for every other action
 */
public record WefMessage(WefAction action, WefHeader header, List<String> events) {

    public WefMessage {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(header, "header");
        events = List.copyOf(events);
    }

    /**
     * The subscription an Events or Heartbeat message is for.
     *
     * @throws WefMessageException {@link WefMessageException.Reason#MISSING_IDENTIFIER} (400) when absent
     */
    public UUID subscription() {
        if (header.subscription() == null) {
            throw new WefMessageException(WefMessageException.Reason.MISSING_IDENTIFIER,
                    "The " + action + " message names no subscription: its header has no e:Identifier");
        }
        return header.subscription();
    }

    /**
     * This Events message as the batch the core records. OpenWEC checks the subscription (404, 403) before the
     * {@code Version}; a caller that wants the same order looks the subscription up with {@link #subscription()}
     * first.
     *
     * @param machine the authenticated identity (Kerberos principal, or the TLS certificate's CN)
     * @param ip the peer address
     * @throws WefMessageException {@link WefMessageException.Reason#MISSING_IDENTIFIER} or
     *                             {@link WefMessageException.Reason#MISSING_VERSION} (400)
     */
    public EventsBatch eventsBatch(String machine, String ip, Instant received) {
        if (action != WefAction.EVENTS) {
            throw new IllegalStateException("Only an Events message carries a batch, this is " + action);
        }
        UUID subscription = subscription();
        if (header.version() == null) {
            throw new WefMessageException(WefMessageException.Reason.MISSING_VERSION,
                    "The Events message for subscription " + subscription
                            + " has no Version reference parameter in its header");
        }
        return new EventsBatch(machine, header.machineId(), ip, subscription, header.version(), header.revision(),
                events, header.bookmark(), received);
    }
}
