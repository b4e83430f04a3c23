package org.openwec.adapters.sql;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.HeartbeatFlushReport;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.HeartbeatRecord;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.Machine;
import org.openwec.core.model.MachineState;
import org.openwec.core.model.RowKey;
import org.openwec.core.model.SubscriptionStats;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.out.HeartbeatPort;

/** Heartbeats on either SQL backend; the flush, the hot path, is the dialect's. */
public final class SqlHeartbeatAdapter implements HeartbeatPort {
    private static final String SELECT_HEARTBEATS = """
            SELECT h.machine AS hb_machine, h.ip AS hb_ip, h.first_seen AS hb_first_seen,
                   h.last_seen AS hb_last_seen, h.last_event_seen AS hb_last_event_seen, s.*
            FROM heartbeats h JOIN subscriptions s ON s.uuid = h.subscription
            WHERE (CAST(:machine AS TEXT) IS NULL OR h.machine = :machine)
              AND (CAST(:ip AS TEXT) IS NULL OR h.ip = :ip)
              AND (CAST(:subscription AS TEXT) IS NULL OR h.subscription = :subscription)
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
            SELECT machine AS name, ip FROM heartbeats
            WHERE subscription = :subscription
              AND (CAST(:state AS TEXT) IS NULL
                   OR (:state = 'Active' AND last_event_seen > :since)
                   OR (:state = 'Alive' AND last_seen > :since
                       AND (last_event_seen IS NULL OR last_event_seen <= :since))
                   OR (:state = 'Dead' AND last_seen <= :since
                       AND (last_event_seen IS NULL OR last_event_seen <= :since)))
            ORDER BY machine
            """;

    private static final String PAGE = """
            SELECT machine, subscription, ip, first_seen, last_seen, last_event_seen FROM heartbeats
            WHERE CAST(:machine AS TEXT) IS NULL
               OR machine > :machine OR (machine = :machine AND subscription > :subscription)
            ORDER BY machine, subscription
            LIMIT :limit""";

    private static final String RESTORE = """
            INSERT INTO heartbeats (machine, ip, subscription, first_seen, last_seen, last_event_seen)
            VALUES (:machine, :ip, :subscription, :firstSeen, :lastSeen, :lastEventSeen)
            ON CONFLICT (machine, subscription) DO UPDATE SET ip = excluded.ip, first_seen = excluded.first_seen,
                last_seen = excluded.last_seen, last_event_seen = excluded.last_event_seen
            """;

    private final SqlDatabase db;
    private final SqlDialect dialect;

    public SqlHeartbeatAdapter(SqlDatabase db, SqlDialect dialect) {
        this.db = db;
        this.dialect = dialect;
    }

    @Override
    public List<Heartbeat> heartbeats(HeartbeatQuery query) {
        return db.read("list heartbeats", s -> s.handle().createQuery(SELECT_HEARTBEATS)
                .bind("machine", query.machine())
                .bind("ip", query.ip())
                .bindByType("subscription", query.subscription(), UUID.class)
                .mapTo(Heartbeat.class).list());
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
        List<HeartbeatRow> skipped = dialect.storeHeartbeats(db, KeyOrder.heartbeats(updates));
        if (skipped.isEmpty()) {
            return new HeartbeatFlushReport(updates.size(), List.of());
        }
        Set<RowKey> skippedKeys = new HashSet<>();
        skipped.forEach(row -> skippedKeys.add(new RowKey(row.subscription(), row.machine())));
        List<HeartbeatUpdate> dropped = updates.stream()
                .filter(u -> skippedKeys.contains(new RowKey(u.subscription(), u.machine()))).toList();
        return new HeartbeatFlushReport(updates.size() - dropped.size(), dropped);
    }

    @Override
    public List<HeartbeatRecord> heartbeatPage(RowKey after, int limit) {
        return db.read("read heartbeats", s -> s.handle().createQuery(PAGE)
                .bindByType("subscription", after == null ? null : after.subscription(), UUID.class)
                .bind("machine", after == null ? null : after.machine())
                .bind("limit", limit)
                .mapTo(HeartbeatRecord.class).list());
    }

    /** An upsert of exact values: repeating it (a retry, a re-run copy) leaves the same rows. */
    @Override
    public void restoreHeartbeats(Collection<HeartbeatRecord> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            db.inTransaction("restore heartbeats", s -> {
                PreparedBatch batch = s.handle().prepareBatch(RESTORE);
                rows.forEach(row -> batch.bindMethods(row).add());
                return batch.execute();
            });
        } catch (RuntimeException e) {
            if (dialect.classify(e) == SqlFailure.MISSING_SUBSCRIPTION) {
                throw new UserError("Cannot restore these " + rows.size()
                        + " heartbeats: one of their subscriptions does not exist. Nothing was written.", e);
            }
            throw e;
        }
    }

    @Override
    public SubscriptionStats stats(UUID subscription, long since) {
        return db.read("compute stats", s -> s.handle().createQuery(STATS)
                .bind("since", since)
                .bind("subscription", subscription)
                .mapTo(SubscriptionStats.class).one());
    }

    @Override
    public List<Machine> machines(UUID subscription, long since, MachineState state) {
        return db.read("list machines", s -> s.handle().createQuery(MACHINES)
                .bind("subscription", subscription)
                .bind("since", since)
                .bind("state", state == null ? null : state.name())
                .mapTo(Machine.class).list());
    }
}
