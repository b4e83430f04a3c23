package org.openwec.adapters.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;

/**
 * A heartbeats row joined with its subscription ({@code hb_*} columns plus the subscription's), as both
 * backends' listing queries return it.
 */
public final class HeartbeatRows {
    private HeartbeatRows() {}

    /** @param parsed subscriptions already read in this call, by uuid and version: many rows share few */
    public static Heartbeat read(ResultSet rs, Map<String, Subscription> parsed) throws SQLException {
        String key = rs.getString("uuid") + "/" + rs.getString("version");
        Subscription subscription = parsed.get(key);
        if (subscription == null) {
            subscription = SubscriptionRows.read(rs);
            parsed.put(key, subscription);
        }
        String machine = rs.getString("hb_machine");
        long firstSeen = rs.getLong("hb_first_seen");
        boolean firstSeenNull = rs.wasNull();
        long lastSeen = rs.getLong("hb_last_seen");
        if (firstSeenNull || rs.wasNull()) {
            throw new StorageException("The heartbeat of " + machine + " for subscription " + subscription.name()
                    + " has no first_seen or last_seen: fix or delete that row.");
        }
        long lastEventSeen = rs.getLong("hb_last_event_seen");
        Long lastEvent = rs.wasNull() ? null : lastEventSeen;
        return new Heartbeat(machine, rs.getString("hb_ip"), subscription, firstSeen, lastSeen, lastEvent);
    }
}
