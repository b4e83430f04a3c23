package org.openwec.core.model;

import java.util.Objects;
import java.util.UUID;

/**
 * One entry of a heartbeat flush: the latest a collector saw of (machine, subscription) in its window.
 * Stored as an upsert: a new row takes {@code lastSeen} as its first_seen.
 *
 * @param lastEventSeen null when the window saw heartbeats only; it never clears a stored value
 */
public record HeartbeatUpdate(String machine, UUID subscription, String ip, long lastSeen, Long lastEventSeen) {
    public HeartbeatUpdate {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(ip, "ip");
    }

    public static HeartbeatUpdate heartbeat(String machine, UUID subscription, String ip, long seen) {
        return new HeartbeatUpdate(machine, subscription, ip, seen, null);
    }

    public static HeartbeatUpdate event(String machine, UUID subscription, String ip, long seen) {
        return new HeartbeatUpdate(machine, subscription, ip, seen, seen);
    }
}
