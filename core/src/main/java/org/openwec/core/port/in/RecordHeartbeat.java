package org.openwec.core.port.in;

import java.util.UUID;

/**
 * A machine says it is alive for a subscription (a WS-Management Heartbeat). Recorded in memory and
 * flushed to the database every {@code flush_heartbeats_interval}; nothing is dropped while the database
 * is away (callers wait when the queue is full).
 */
public interface RecordHeartbeat {

    /**
     * @throws UnknownSubscriptionException when no active subscription has that UUID
     * @throws MachineNotAllowedException when the subscription's client filter refuses the machine
     */
    void record(String machine, String machineId, String ip, UUID subscription);
}
