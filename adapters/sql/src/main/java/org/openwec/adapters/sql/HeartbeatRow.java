package org.openwec.adapters.sql;

import java.util.UUID;

/**
 * One heartbeats row to upsert: the entries of a flush for one (machine, subscription), merged.
 *
 * @param subscriptionKey the subscription as stored ({@link SqlTypes#storedKey}), computed once per flush
 * @param firstSeen what a new row starts with: the first entry's time, as sequential upserts would give
 */
public record HeartbeatRow(String machine, UUID subscription, String subscriptionKey, String ip, long firstSeen,
                           long lastSeen, Long lastEventSeen) {

    /** This row followed by a later entry for the same key: newest ip, timestamps never backwards. */
    HeartbeatRow then(HeartbeatRow next) {
        Long event = lastEventSeen;
        if (next.lastEventSeen != null) {
            event = lastEventSeen == null ? next.lastEventSeen : Long.valueOf(Math.max(lastEventSeen, next.lastEventSeen));
        }
        return new HeartbeatRow(machine, subscription, subscriptionKey, next.lastSeen >= lastSeen ? next.ip : ip,
                firstSeen, Math.max(lastSeen, next.lastSeen), event);
    }
}
