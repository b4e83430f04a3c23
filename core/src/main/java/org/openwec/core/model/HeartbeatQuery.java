package org.openwec.core.model;

import java.util.UUID;

/**
 * Which heartbeats to list: all of them, or those of a machine, of an IP address or of a subscription,
 * optionally narrowed to one subscription. Null fields do not filter.
 */
public record HeartbeatQuery(String machine, String ip, UUID subscription) {
    public static HeartbeatQuery all() {
        return new HeartbeatQuery(null, null, null);
    }

    public static HeartbeatQuery byMachine(String machine, UUID subscription) {
        return new HeartbeatQuery(machine, null, subscription);
    }

    public static HeartbeatQuery byIp(String ip, UUID subscription) {
        return new HeartbeatQuery(null, ip, subscription);
    }

    public static HeartbeatQuery bySubscription(UUID subscription) {
        return new HeartbeatQuery(null, null, subscription);
    }

    public boolean accepts(String rowMachine, String rowIp, UUID rowSubscription) {
        return (machine == null || machine.equals(rowMachine))
                && (ip == null || ip.equals(rowIp))
                && (subscription == null || subscription.equals(rowSubscription));
    }
}
