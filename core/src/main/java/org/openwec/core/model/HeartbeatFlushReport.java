package org.openwec.core.model;

import java.util.List;

/**
 * The outcome of a heartbeat flush: rows stored, and the entries that could not be stored because their
 * subscription no longer exists (one such entry must not cost the others).
 */
public record HeartbeatFlushReport(int stored, List<HeartbeatUpdate> dropped) {
    public HeartbeatFlushReport {
        dropped = List.copyOf(dropped);
    }
}
