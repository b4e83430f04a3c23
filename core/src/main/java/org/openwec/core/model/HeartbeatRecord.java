package org.openwec.core.model;

import java.util.Objects;
import java.util.UUID;

/**
 * A heartbeats row exactly as stored, for moving it between databases ({@code db copy}): unlike a flush,
 * restoring it keeps first_seen. The timestamps are nullable because the columns are.
 */
public record HeartbeatRecord(String machine, UUID subscription, String ip, Long firstSeen, Long lastSeen,
                              Long lastEventSeen) {
    public HeartbeatRecord {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(ip, "ip");
    }
}
