package org.openwec.core.model;

import java.util.Objects;

/**
 * What reverting one migration would do to one subscription's data.
 *
 * @param subscription the subscription's name (or a table's, for rows not tied to one)
 * @param blocking true when the migration cannot revert it at all (it would fail midway), false when it
 *                 would silently lose it
 */
public record DowngradeLoss(long version, String subscription, String detail, boolean blocking) {
    public DowngradeLoss {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return "\"" + subscription + "\": " + detail + " (reverting " + version + ")";
    }
}
