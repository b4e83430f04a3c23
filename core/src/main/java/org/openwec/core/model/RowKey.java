package org.openwec.core.model;

import java.util.Objects;
import java.util.UUID;

/** The key of a bookmarks or heartbeats row; pages of rows are read in (machine, subscription) order after one. */
public record RowKey(UUID subscription, String machine) {
    public RowKey {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(machine, "machine");
    }
}
