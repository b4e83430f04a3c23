package org.openwec.adapters.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.openwec.adapters.sql.HeartbeatRows;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.HeartbeatFlushReport;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.HeartbeatRecord;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.Machine;
import org.openwec.core.model.MachineState;
import org.openwec.core.model.RowKey;

import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionStats;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.out.HeartbeatPort;

final class SqliteHeartbeatAdapter implements HeartbeatPort {
    /**
     * One upsert per entry. The EXISTS guard turns an entry whose subscription was deleted meanwhile into
     * a no-op (reported as dropped) instead of a foreign-key failure that would roll back the whole flush.
     * Timestamps never move backwards, so an older flush from another node cannot undo a newer one, and
     * the IP follows the newest sighting (the reference updates it on PostgreSQL only).
     */
    private static final String UPSERT = """
            INSERT INTO heartbeats (machine, ip, subscription, first_seen, last_seen, last_event_seen)
            SELECT ?1, ?2, ?3, ?4, ?4, ?5
            WHERE EXISTS (SELECT 1 FROM subscriptions WHERE uuid = ?3)
            ON CONFLICT (machine, subscription) DO UPDATE SET
                ip = CASE WHEN heartbeats.last_seen IS NULL OR excluded.last_seen >= heartbeats.last_seen
                          THEN excluded.ip ELSE heartbeats.ip END,
                last_seen = max(coalesce(heartbeats.last_seen, excluded.last_seen), excluded.last_seen),
                last_event_seen = CASE WHEN excluded.last_event_seen IS NULL THEN heartbeats.last_event_seen
                                       ELSE max(coalesce(heartbeats.last_event_seen, excluded.last_event_seen),
                                                excluded.last_event_seen) END
            """;

    private static final String RESTORE = """
            INSERT INTO heartbeats (machine, ip, subscription, first_seen, last_seen, last_event_seen)
            VALUES (:machine, :ip, :subscription, :first_seen, :last_seen, :last_event_seen)
            ON CONFLICT (machine, subscription) DO UPDATE SET ip = excluded.ip, first_seen = excluded.first_seen,
                last_seen = excluded.last_seen, last_event_seen = excluded.last_event_seen
            """;

    private static final String SELECT_HEARTBEATS = """
            SELECT h.machine AS hb_machine, h.ip AS hb_ip, h.first_seen AS hb_first_seen,
                   h.last_seen AS hb_last_seen, h.last_event_seen AS hb_last_event_seen, s.*
            FROM heartbeats h JOIN subscriptions s ON s.uuid = h.subscription
            WHERE (:machine IS NULL OR h.machine = :machine)
              AND (:ip IS NULL OR h.ip = :ip)
              AND (:subscription IS NULL OR h.subscription = :subscription)
            ORDER BY s.name, h.machine
            """;

    /** The four counts in one statement, so they come from one snapshot (the reference runs four queries). */
    private static final String STATS = """
            SELECT count(*) AS total,
                   coalesce(sum(CASE WHEN last_event_seen > :since THEN 1 ELSE 0 END), 0) AS active,
                   coalesce(sum(CASE WHEN last_seen > :since
                                      AND (last_event_seen IS NULL OR last_event_seen <= :since)
                                     THEN 1 ELSE 0 END), 0) AS alive,
                   coalesce(sum(CASE WHEN last_seen <= :since
                                      AND (last_event_seen IS NULL OR last_event_seen <= :since)
                                     THEN 1 ELSE 0 END), 0) AS dead
            FROM heartbeats WHERE subscription = :subscription
            """;

    private static final String MACHINES = """
            SELECT machine, ip FROM heartbeats
            WHERE subscription = :subscription
              AND (:state IS NULL
                   OR (:state = 'Active' AND last_event_seen > :since)
                   OR (:state = 'Alive' AND last_seen > :since
                       AND (last_event_seen IS NULL OR last_event_seen <= :since))
                   OR (:state = 'Dead' AND last_seen <= :since
                       AND (last_event_seen IS NULL OR last_event_seen <= :since)))
            ORDER BY machine
            """;

    private final SqliteDatabase db;

    SqliteHeartbeatAdapter(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public List<Heartbeat> heartbeats(HeartbeatQuery query) {
        return db.read("list heartbeats", h -> {
            // Many rows share few subscriptions: parse each subscription once per call.
            Map<String, Subscription> parsed = new HashMap<>();
            return h.createQuery(SELECT_HEARTBEATS)
                    .bind("machine", query.machine())
                    .bind("ip", query.ip())
                    .bind("subscription", query.subscription() == null ? null : Uuids.storedKey(query.subscription()))
                    .map((rs, ctx) -> HeartbeatRows.read(rs, parsed))
                    .list();
        });
    }

    @Override
    public void storeHeartbeat(String machine, String ip, UUID subscription, boolean isEvent, long now) {
        HeartbeatUpdate update = new HeartbeatUpdate(machine, subscription, ip, now, isEvent ? now : null);
        if (!storeHeartbeats(List.of(update)).dropped().isEmpty()) {
            throw new UserError("Cannot store a heartbeat for subscription " + Uuids.lowerCase(subscription)
                    + ": it does not exist.");
        }
    }

    @Override
    public HeartbeatFlushReport storeHeartbeats(Collection<HeartbeatUpdate> updates) {
        if (updates.isEmpty()) {
            return new HeartbeatFlushReport(0, List.of());
        }
        List<HeartbeatUpdate> entries = List.copyOf(updates);
        // Plain JDBC with numbered parameters: on a 100,000-row flush, binding by name costs a third more.
        int[] counts = db.inTransaction("store heartbeats", h -> {
            try (PreparedStatement batch = h.getConnection().prepareStatement(UPSERT)) {
                for (HeartbeatUpdate u : entries) {
                    batch.setString(1, u.machine());
                    batch.setString(2, u.ip());
                    batch.setString(3, Uuids.storedKey(u.subscription()));
                    batch.setLong(4, u.lastSeen());
                    if (u.lastEventSeen() == null) {
                        batch.setNull(5, Types.BIGINT);
                    } else {
                        batch.setLong(5, u.lastEventSeen());
                    }
                    batch.addBatch();
                }
                return batch.executeBatch();
            }
        });
        List<HeartbeatUpdate> dropped = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                dropped.add(entries.get(i));
            }
        }
        return new HeartbeatFlushReport(entries.size() - dropped.size(), dropped);
    }

    @Override
    public List<HeartbeatRecord> heartbeatPage(RowKey after, int limit) {
        return db.read("read heartbeats", h -> h.createQuery("""
                        SELECT machine, subscription, ip, first_seen, last_seen, last_event_seen FROM heartbeats
                        WHERE CAST(:machine AS TEXT) IS NULL
                           OR machine > :machine OR (machine = :machine AND subscription > :subscription)
                        ORDER BY machine, subscription
                        LIMIT :limit""")
                .bind("subscription", after == null ? null : Uuids.storedKey(after.subscription()))
                .bind("machine", after == null ? null : after.machine())
                .bind("limit", limit)
                .map((rs, ctx) -> new HeartbeatRecord(rs.getString("machine"),
                        Uuids.parseOrThrow(rs.getString("subscription"), "heartbeats.subscription"), rs.getString("ip"),
                        nullableLong(rs, "first_seen"), nullableLong(rs, "last_seen"), nullableLong(rs, "last_event_seen")))
                .list());
    }

    /** sqlite-jdbc's getObject(column, Long.class) refuses NULL. */
    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    @Override
    public void restoreHeartbeats(Collection<HeartbeatRecord> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            db.inTransaction("restore heartbeats", h -> {
                PreparedBatch batch = h.prepareBatch(RESTORE);
                for (HeartbeatRecord r : rows) {
                    batch.bind("machine", r.machine()).bind("subscription", Uuids.storedKey(r.subscription()))
                            .bind("ip", r.ip()).bind("first_seen", r.firstSeen()).bind("last_seen", r.lastSeen())
                            .bind("last_event_seen", r.lastEventSeen()).add();
                }
                return batch.execute();
            });
        } catch (RuntimeException e) {
            if (SqliteErrors.isConstraint(e, "FOREIGN KEY")) {
                throw new UserError("Cannot restore these " + rows.size()
                        + " heartbeats: one of their subscriptions does not exist. Nothing was written.", e);
            }
            throw e;
        }
    }

    @Override
    public SubscriptionStats stats(UUID subscription, long since) {
        return db.read("compute stats", h -> h.createQuery(STATS)
                .bind("since", since)
                .bind("subscription", Uuids.storedKey(subscription))
                .map((rs, ctx) -> new SubscriptionStats(
                        rs.getLong("total"), rs.getLong("alive"), rs.getLong("active"), rs.getLong("dead")))
                .one());
    }

    @Override
    public List<Machine> machines(UUID subscription, long since, MachineState state) {
        return db.read("list machines", h -> h.createQuery(MACHINES)
                .bind("subscription", Uuids.storedKey(subscription))
                .bind("since", since)
                .bind("state", state == null ? null : state.name())
                .map((rs, ctx) -> new Machine(rs.getString("machine"), rs.getString("ip")))
                .list());
    }
}
