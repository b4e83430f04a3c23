package org.openwec.core.migration;

import java.util.List;
import java.util.SortedSet;
import org.openwec.core.model.Migration;

/**
 * Where a database stands against this binary.
 *
 * @param known the migrations this binary registers, ascending
 * @param applied the applied versions, ascending (empty when not initialised)
 * @param pending known migrations not applied yet
 * @param unknown applied versions this binary does not know: a newer binary wrote them
 */
public record SchemaStatus(boolean initialised, List<Migration> known, SortedSet<Long> applied,
                           List<Migration> pending, SortedSet<Long> unknown) {

    public enum State { NOT_INITIALISED, UP_TO_DATE, OUTDATED, NEWER_THAN_BINARY }

    public State state() {
        if (!initialised) {
            return State.NOT_INITIALISED;
        }
        if (!unknown.isEmpty()) {
            return State.NEWER_THAN_BINARY;
        }
        return pending.isEmpty() ? State.UP_TO_DATE : State.OUTDATED;
    }

    /** The highest applied version, or -1 when none is. */
    public long currentVersion() {
        return applied.isEmpty() ? -1 : applied.last();
    }
}
