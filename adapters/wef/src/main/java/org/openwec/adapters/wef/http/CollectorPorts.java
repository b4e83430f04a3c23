package org.openwec.adapters.wef.http;

import java.util.Objects;
import org.openwec.core.port.in.EnumerateSubscriptions;
import org.openwec.core.port.in.RecordEventsBatch;
import org.openwec.core.port.in.RecordHeartbeat;

/** The core's use cases the server drives: what a machine's Enumerate, Events and Heartbeat messages become. */
public record CollectorPorts(EnumerateSubscriptions enumerate, RecordEventsBatch events, RecordHeartbeat heartbeat) {
    public CollectorPorts {
        Objects.requireNonNull(enumerate, "enumerate");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(heartbeat, "heartbeat");
    }
}
