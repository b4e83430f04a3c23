package org.openwec.core.port.out;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.HeartbeatFlushReport;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.HeartbeatRecord;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.Machine;
import org.openwec.core.model.MachineState;
import org.openwec.core.model.RowKey;
import org.openwec.core.model.SubscriptionStats;

/** Stores per (machine, subscription) liveness and answers the questions operators ask about it. */
public interface HeartbeatPort {

    /** Heartbeats joined with their subscription, ordered by subscription name then machine. */
    List<Heartbeat> heartbeats(HeartbeatQuery query);

    /**
     * Records one heartbeat or events message seen at {@code now} (Unix seconds). A new row starts with
     * first_seen = last_seen = now; an existing one keeps first_seen unless {@code now} is earlier.
     */
    void storeHeartbeat(String machine, String ip, UUID subscription, boolean isEvent, long now);

    /**
     * Flushes a batch atomically for the rows it can store. Entries whose subscription does not exist
     * are skipped and reported instead of failing the batch. On conflict the row takes the entry's ip,
     * last_seen and (when set) last_event_seen, but neither ever moves backwards; first_seen only moves
     * back, to an earlier sighting flushed late (by another node sharing the database, say).
     */
    HeartbeatFlushReport storeHeartbeats(Collection<HeartbeatUpdate> updates);

    /** Every heartbeats row as stored, a page at a time, like {@link BookmarkPort#bookmarkPage}. */
    List<HeartbeatRecord> heartbeatPage(RowKey after, int limit);

    /**
     * Writes rows exactly as given (first_seen included), inserting or overwriting, in one transaction.
     *
     * @throws org.openwec.core.model.UserError when a subscription does not exist (nothing is written)
     */
    void restoreHeartbeats(Collection<HeartbeatRecord> rows);

    /** Machine counts of a subscription relative to {@code since} (Unix seconds). */
    SubscriptionStats stats(UUID subscription, long since);

    /** Machines of a subscription in a state relative to {@code since}; all of them when state is null. */
    List<Machine> machines(UUID subscription, long since, MachineState state);
}
