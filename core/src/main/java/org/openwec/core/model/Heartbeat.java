package org.openwec.core.model;

import java.util.Objects;

/**
 * What the collector knows of a machine's liveness for one subscription. Times are Unix seconds.
 *
 * @param lastEventSeen null when no events batch was ever received
 */
public record Heartbeat(String machine, String ip, Subscription subscription, long firstSeen, long lastSeen,
                        Long lastEventSeen) {
    public Heartbeat {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(subscription, "subscription");
    }
}
