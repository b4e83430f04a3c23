package org.openwec.core.model;

/** Machine counts of one subscription relative to a start time; alive + active + dead = total. */
public record SubscriptionStats(long total, long alive, long active, long dead) {
    public static final SubscriptionStats EMPTY = new SubscriptionStats(0, 0, 0, 0);
}
