package org.openwec.adapters.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

/** One liveness row per (machine, subscription), upserted with the flush rule of the contract. */
final class InMemoryHeartbeats implements HeartbeatPort {
    private static final Comparator<Heartbeat> BY_SUBSCRIPTION_THEN_MACHINE =
            Comparator.comparing((Heartbeat h) -> h.subscription().name(), CodePointOrder.INSTANCE)
                    .thenComparing(Heartbeat::machine, CodePointOrder.INSTANCE);

    private final InMemoryDatabase db;

    InMemoryHeartbeats(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public List<Heartbeat> heartbeats(HeartbeatQuery query) {
        return db.locked(() -> db.heartbeats.entrySet().stream()
                .filter(e -> query.accepts(e.getKey().machine(), e.getValue().ip(), e.getKey().subscription()))
                .map(this::joined)
                .sorted(BY_SUBSCRIPTION_THEN_MACHINE)
                .toList());
    }

    private Heartbeat joined(Map.Entry<InMemoryDatabase.Key, InMemoryDatabase.HeartbeatRow> e) {
        Subscription subscription = db.subscriptions.get(e.getKey().subscription());
        InMemoryDatabase.HeartbeatRow row = e.getValue();
        return new Heartbeat(e.getKey().machine(), row.ip(), subscription, row.firstSeen(), row.lastSeen(),
                row.lastEventSeen());
    }

    @Override
    public void storeHeartbeat(String machine, String ip, UUID subscription, boolean isEvent, long now) {
        HeartbeatUpdate update = isEvent
                ? HeartbeatUpdate.event(machine, subscription, ip, now)
                : HeartbeatUpdate.heartbeat(machine, subscription, ip, now);
        db.locked(() -> {
            if (!db.subscriptions.containsKey(subscription)) {
                throw new UserError("Cannot record a heartbeat of " + machine + " for subscription "
                        + Uuids.lowerCase(subscription) + ": no such subscription (was it deleted?)");
            }
            upsert(update);
        });
    }

    @Override
    public HeartbeatFlushReport storeHeartbeats(Collection<HeartbeatUpdate> updates) {
        return db.locked(() -> {
            int stored = 0;
            List<HeartbeatUpdate> dropped = new ArrayList<>();
            for (HeartbeatUpdate update : updates) {
                if (db.subscriptions.containsKey(update.subscription())) {
                    upsert(update);
                    stored++;
                } else {
                    dropped.add(update);
                }
            }
            return new HeartbeatFlushReport(stored, dropped);
        });
    }

    /**
     * The flush rule: timestamps never move backwards, the ip follows the most recent sighting, and an
     * entry without an event never clears last_event_seen. A new row starts at the entry's last_seen.
     */
    @Override
    public List<HeartbeatRecord> heartbeatPage(RowKey after, int limit) {
        return db.locked(() -> db.heartbeats.entrySet().stream()
                .filter(e -> after == null || InMemoryDatabase.KEY_ORDER.compare(e.getKey(), InMemoryDatabase.Key.of(after)) > 0)
                .sorted(Map.Entry.comparingByKey(InMemoryDatabase.KEY_ORDER))
                .limit(limit)
                .map(e -> new HeartbeatRecord(e.getKey().machine(), e.getKey().subscription(), e.getValue().ip(),
                        e.getValue().firstSeen(), e.getValue().lastSeen(), e.getValue().lastEventSeen()))
                .toList());
    }

    /** Rows the SQL backends could hold with NULL timestamps never occur here: flushes always set them. */
    @Override
    public void restoreHeartbeats(Collection<HeartbeatRecord> rows) {
        db.atomically(() -> {
            for (HeartbeatRecord r : rows) {
                if (!db.subscriptions.containsKey(r.subscription())) {
                    throw new UserError("Cannot restore the heartbeat of " + r.machine() + ": subscription "
                            + Uuids.lowerCase(r.subscription()) + " does not exist. Nothing was written.");
                }
                if (r.firstSeen() == null || r.lastSeen() == null) {
                    throw new IllegalArgumentException("The in-memory adapter keeps no heartbeat without first_seen and last_seen");
                }
                db.heartbeats.put(new InMemoryDatabase.Key(r.machine(), r.subscription()),
                        new InMemoryDatabase.HeartbeatRow(r.ip(), r.firstSeen(), r.lastSeen(), r.lastEventSeen()));
            }
        });
    }

    private void upsert(HeartbeatUpdate e) {
        InMemoryDatabase.Key key = new InMemoryDatabase.Key(e.machine(), e.subscription());
        db.heartbeats.merge(key,
                new InMemoryDatabase.HeartbeatRow(e.ip(), e.lastSeen(), e.lastSeen(), e.lastEventSeen()),
                (old, fresh) -> new InMemoryDatabase.HeartbeatRow(
                        e.lastSeen() >= old.lastSeen() ? e.ip() : old.ip(),
                        Math.min(old.firstSeen(), e.lastSeen()),
                        Math.max(old.lastSeen(), e.lastSeen()),
                        later(old.lastEventSeen(), e.lastEventSeen())));
    }

    /** The later of two optional times; null only when both are. */
    private static Long later(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Math.max(a, b);
    }

    @Override
    public SubscriptionStats stats(UUID subscription, long since) {
        return db.locked(() -> {
            Collection<InMemoryDatabase.HeartbeatRow> rows = rowsOf(subscription).values();
            long alive = 0;
            long active = 0;
            long dead = 0;
            for (InMemoryDatabase.HeartbeatRow row : rows) {
                switch (MachineState.of(row.lastSeen(), row.lastEventSeen(), since)) {
                    case Alive -> alive++;
                    case Active -> active++;
                    case Dead -> dead++;
                }
            }
            return new SubscriptionStats(rows.size(), alive, active, dead);
        });
    }

    @Override
    public List<Machine> machines(UUID subscription, long since, MachineState state) {
        return db.locked(() -> rowsOf(subscription).entrySet().stream()
                .filter(e -> state == null
                        || MachineState.of(e.getValue().lastSeen(), e.getValue().lastEventSeen(), since) == state)
                .map(e -> new Machine(e.getKey(), e.getValue().ip()))
                .sorted(Comparator.comparing(Machine::name, CodePointOrder.INSTANCE))
                .toList());
    }

    /** The rows of one subscription by machine. */
    private Map<String, InMemoryDatabase.HeartbeatRow> rowsOf(UUID subscription) {
        Map<String, InMemoryDatabase.HeartbeatRow> rows = new HashMap<>();
        db.heartbeats.forEach((key, row) -> {
            if (key.subscription().equals(subscription)) {
                rows.put(key.machine(), row);
            }
        });
        return rows;
    }
}
