package org.openwec.core.port.in;

import java.util.UUID;

/**
 * A machine says it is alive for a subscription (a WS-Management Heartbeat). Recorded in memory and
 * flushed to the database every {@code flush_heartbeats_interval}; nothing is dropped while the database
 * is away (callers wait when the cache is at its bound).
 */
public interface RecordHeartbeat {

    /**
     * @param machine the authenticated identity (Kerberos principal, or the TLS certificate's CN)
     * @param machineId the MachineID header, null when absent
     * @param ip the peer address as the collector saw it
     * @throws UnknownSubscriptionException when no active subscription has that UUID (404)
     * @throws MachineNotAllowedException when the subscription's client filter refuses the machine (403)
     * @throws IllegalStateException once the collector is shutting down (the machine retries later)
     */
    void record(String machine, String machineId, String ip, UUID subscription);
}
