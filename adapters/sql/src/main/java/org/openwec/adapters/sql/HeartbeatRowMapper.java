package org.openwec.adapters.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;

/**
 * A heartbeats row joined with its subscription ({@code hb_*} columns plus the subscription's), as the
 * listing query returns it. Many rows share few subscriptions: each result set gets its own mapper, which
 * parses each subscription once.
 */
final class HeartbeatRowMapper implements RowMapper<Heartbeat> {
    private final Map<String, Subscription> parsed = new HashMap<>();

    @Override
    public RowMapper<Heartbeat> specialize(ResultSet rs, StatementContext ctx) {
        return new HeartbeatRowMapper();
    }

    @Override
    public Heartbeat map(ResultSet rs, StatementContext ctx) throws SQLException {
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
