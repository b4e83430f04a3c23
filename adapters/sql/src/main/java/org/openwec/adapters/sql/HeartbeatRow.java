package org.openwec.adapters.sql;

import java.util.UUID;

/**
 * One heartbeats row to upsert: the entries of a flush for one (machine, subscription), merged.
 *
 * @param subscriptionKey the subscription as stored ({@link SqlTypes#storedKey}), computed once per flush
 * @param firstSeen the earliest entry's time, as sequential upserts would leave it
 */
public record HeartbeatRow(String machine, UUID subscription, String subscriptionKey, String ip, long firstSeen,
                           long lastSeen, Long lastEventSeen) {

    /** This row followed by a later entry for the same key: newest ip, last sightings never backwards, earliest first. */
    HeartbeatRow then(HeartbeatRow next) {
        Long event = lastEventSeen;
        if (next.lastEventSeen != null) {
            event = lastEventSeen == null ? next.lastEventSeen : Long.valueOf(Math.max(lastEventSeen, next.lastEventSeen));
        }
        return new HeartbeatRow(machine, subscription, subscriptionKey, next.lastSeen >= lastSeen ? next.ip : ip,
                Math.min(firstSeen, next.firstSeen), Math.max(lastSeen, next.lastSeen), event);
    }
}
