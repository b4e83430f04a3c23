package org.openwec.adapters.postgres;



import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionStats;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.out.HeartbeatPort;

final class PostgresHeartbeatAdapter implements HeartbeatPort {
    /**
     * One statement per chunk: the chunk travels as five arrays, whatever its size. The EXISTS guard skips
     * entries whose subscription was deleted meanwhile (RETURNING tells which rows were stored), so one such
     * entry does not fail the chunk. Timestamps never move backwards and the IP follows the newest sighting,
     * so chunks replayed by a retry, or flushed late by another node, cannot undo newer data. Rows are
     * written in key order, so that two nodes flushing the same machines lock their rows in the same order
     * and cannot deadlock (in any other order they do, and each deadlock stalls both flushes for
     * deadlock_timeout before one is retried).
     */
    private static final String UPSERT_CHUNK = """
            WITH stored AS (
            INSERT INTO heartbeats AS h (machine, ip, subscription, first_seen, last_seen, last_event_seen)
            SELECT v.machine, v.ip, v.subscription, v.first_seen, v.last_seen, v.last_event_seen
            FROM unnest(:machines, :ips, :subscriptions, :first_seens, :last_seens, :last_event_seens)
                AS v(machine, ip, subscription, first_seen, last_seen, last_event_seen)
            WHERE EXISTS (SELECT 1 FROM subscriptions s WHERE s.uuid = v.subscription)
            ORDER BY v.machine, v.subscription
            ON CONFLICT (machine, subscription) DO UPDATE SET
                ip = CASE WHEN h.last_seen IS NULL OR excluded.last_seen >= h.last_seen
                          THEN excluded.ip ELSE h.ip END,
                last_seen = GREATEST(h.last_seen, excluded.last_seen),
                last_event_seen = CASE WHEN excluded.last_event_seen IS NULL THEN h.last_event_seen
                                       ELSE GREATEST(h.last_event_seen, excluded.last_event_seen) END
            RETURNING h.subscription
            )
            SELECT DISTINCT subscription FROM stored
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
            SELECT machine, ip FROM heartbeats
            WHERE subscription = :subscription
              AND (CAST(:state AS TEXT) IS NULL
                   OR (:state = 'Active' AND last_event_seen > :since)
                   OR (:state = 'Alive' AND last_seen > :since
                       AND (last_event_seen IS NULL OR last_event_seen <= :since))
                   OR (:state = 'Dead' AND last_seen <= :since
                       AND (last_event_seen IS NULL OR last_event_seen <= :since)))
            ORDER BY machine
            """;

    private final PostgresDatabase db;

    PostgresHeartbeatAdapter(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public List<Heartbeat> heartbeats(HeartbeatQuery query) {
        return db.withHandle("list heartbeats", h -> {
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

    /**
     * Entries for the same row are merged first (a statement cannot update one row twice), with the result
     * that applying them one by one would give. Each chunk is its own retried transaction: a failure after
     * retries leaves earlier chunks stored, and repeating the whole flush is harmless.
     */
    @Override
    public HeartbeatFlushReport storeHeartbeats(Collection<HeartbeatUpdate> updates) {
        if (updates.isEmpty()) {
            return new HeartbeatFlushReport(0, List.of());
        }
        List<Merged> merged = merge(updates);
        int chunkSize = db.settings().maxChunkSize();
        Set<RowId> droppedRows = new HashSet<>();
        for (int from = 0; from < merged.size(); from += chunkSize) {
            List<Merged> chunk = merged.subList(from, Math.min(merged.size(), from + chunkSize));
            Set<String> droppedSubscriptions = storeChunk(chunk);
            if (!droppedSubscriptions.isEmpty()) {
                chunk.stream().filter(m -> droppedSubscriptions.contains(m.subscription()))
                        .forEach(m -> droppedRows.add(m.id()));
            }
        }
        if (droppedRows.isEmpty()) {
            return new HeartbeatFlushReport(updates.size(), List.of());
        }
        List<HeartbeatUpdate> dropped = updates.stream()
                .filter(u -> droppedRows.contains(new RowId(u.machine(), u.subscription()))).toList();
        return new HeartbeatFlushReport(updates.size() - dropped.size(), dropped);
    }

    /**
     * Stores one chunk; returns the subscriptions whose rows were skipped. The EXISTS guard is per
     * subscription within one statement, so a subscription's rows are all stored or all skipped, and
     * counting returned rows per subscription tells which, without a key per row.
     */
    private Set<String> storeChunk(List<Merged> chunk) {
        int size = chunk.size();
        String[] machines = new String[size];
        String[] ips = new String[size];
        String[] subscriptions = new String[size];
        Long[] firstSeens = new Long[size];
        Long[] lastSeens = new Long[size];
        Long[] lastEventSeens = new Long[size];
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < size; i++) {
            Merged m = chunk.get(i);
            machines[i] = m.machine();
            ips[i] = m.ip();
            subscriptions[i] = m.subscription();
            firstSeens[i] = m.firstSeen();
            lastSeens[i] = m.lastSeen();
            lastEventSeens[i] = m.lastEventSeen();
            sent.add(m.subscription());
        }
        return db.inTransaction("store heartbeats", h -> {
            Set<String> skipped = new HashSet<>(sent);
            h.createQuery(UPSERT_CHUNK)
                    .bindArray("machines", String.class, (Object[]) machines)
                    .bindArray("ips", String.class, (Object[]) ips)
                    .bindArray("subscriptions", String.class, (Object[]) subscriptions)
                    .bindArray("first_seens", Long.class, (Object[]) firstSeens)
                    .bindArray("last_seens", Long.class, (Object[]) lastSeens)
                    .bindArray("last_event_seens", Long.class, (Object[]) lastEventSeens)
                    .mapTo(String.class)
                    .forEach(skipped::remove);
            return skipped;
        });
    }

    private record RowId(String machine, UUID subscription) {}

    /** One entry per row, in first-seen order; the row's first_seen is the first entry's, as sequential upserts give. */
    private record Merged(RowId id, String subscription, String ip, long firstSeen, long lastSeen, Long lastEventSeen) {
        String machine() {
            return id.machine();
        }

        Merged with(HeartbeatUpdate next) {
            Long event = lastEventSeen;
            if (next.lastEventSeen() != null) {
                event = lastEventSeen == null ? next.lastEventSeen() : Long.valueOf(Math.max(lastEventSeen, next.lastEventSeen()));
            }
            return new Merged(id, subscription, next.lastSeen() >= lastSeen ? next.ip() : ip, firstSeen,
                    Math.max(lastSeen, next.lastSeen()), event);
        }
    }

    /** Entries for the same row become one (a statement cannot update a row twice). */
    private static List<Merged> merge(Collection<HeartbeatUpdate> updates) {
        Map<RowId, Merged> byRow = new LinkedHashMap<>(updates.size() * 2);
        for (HeartbeatUpdate u : updates) {
            RowId id = new RowId(u.machine(), u.subscription());
            Merged existing = byRow.get(id);
            byRow.put(id, existing != null ? existing.with(u)
                    : new Merged(id, Uuids.storedKey(u.subscription()), u.ip(), u.lastSeen(), u.lastSeen(), u.lastEventSeen()));
        }
        return List.copyOf(byRow.values());
    }

    @Override
    public List<HeartbeatRecord> heartbeatPage(RowKey after, int limit) {
        return db.withHandle("read heartbeats", h -> h.createQuery("""
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
                        rs.getObject("first_seen", Long.class), rs.getObject("last_seen", Long.class),
                        rs.getObject("last_event_seen", Long.class)))
                .list());
    }

    /** An upsert of exact values: repeating it (a retry, a re-run copy) leaves the same rows. */
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
        } catch (StorageException e) {
            if ("23503".equals(TransientFailures.sqlState(e))) {
                throw new UserError("Cannot restore these " + rows.size()
                        + " heartbeats: one of their subscriptions does not exist. Nothing was written.", e);
            }
            throw e;
        }
    }

    @Override
    public SubscriptionStats stats(UUID subscription, long since) {
        return db.withHandle("compute stats", h -> h.createQuery(STATS)
                .bind("since", since)
                .bind("subscription", Uuids.storedKey(subscription))
                .map((rs, ctx) -> new SubscriptionStats(
                        rs.getLong("total"), rs.getLong("alive"), rs.getLong("active"), rs.getLong("dead")))
                .one());
    }

    @Override
    public List<Machine> machines(UUID subscription, long since, MachineState state) {
        return db.withHandle("list machines", h -> h.createQuery(MACHINES)
                .bind("subscription", Uuids.storedKey(subscription))
                .bind("since", since)
                .bind("state", state == null ? null : state.name())
                .map((rs, ctx) -> new Machine(rs.getString("machine"), rs.getString("ip")))
                .list());
    }
}
