package org.openwec.core.model;

/**
 * A machine's state for a subscription relative to a start time T (docs/reference/operations.md §2.6):
 * active sent events after T, alive sent only heartbeats after T, dead sent nothing after T.
 */
public enum MachineState {
    Alive,
    Active,
    Dead;

    /** @param lastEventSeen null when no event was ever seen */
    public static MachineState of(long lastSeen, Long lastEventSeen, long since) {
        if (lastEventSeen != null && lastEventSeen > since) {
            return Active;
        }
        return lastSeen > since ? Alive : Dead;
    }
}
