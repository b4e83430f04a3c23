package org.openwec.core.service;

import java.util.Objects;
import java.util.UUID;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.in.RecordHeartbeat;

/**
 * A Heartbeat message (docs/reference/operations.md §5.1): the subscription must be active and accept the machine,
 * then the heartbeat goes to the {@link HeartbeatBatcher}; no database access on the request path.
 */
public final class HeartbeatService implements RecordHeartbeat {
    private final ActiveSubscriptions subscriptions;
    private final HeartbeatBatcher heartbeats;

    public HeartbeatService(ActiveSubscriptions subscriptions, HeartbeatBatcher heartbeats) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.heartbeats = Objects.requireNonNull(heartbeats, "heartbeats");
    }

    @Override
    public void record(String machine, String machineId, String ip, UUID subscription) {
        Subscription admitted = subscriptions.admit(machine, machineId, subscription);
        heartbeats.recordHeartbeat(machine, ip, admitted.uuid());
    }
}
