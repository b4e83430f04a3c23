package org.openwec.core.port.out;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openwec.core.model.Subscription;

/** Stores subscriptions, keyed by UUID; names and internal versions are unique too. */
public interface SubscriptionPort {

    /** Every subscription, ordered by name so listings are stable across runs and backends. */
    List<Subscription> subscriptions();

    /**
     * Finds a subscription by exact name first, then by UUID in any letter case or UUID notation
     * (the reference stores upper case but prints lower case, so both must find it).
     */
    Optional<Subscription> findSubscription(String identifier);

    /** Inserts, or overwrites every column of the subscription with the same UUID. */
    void storeSubscription(Subscription subscription);

    /**
     * Stores and deletes several subscriptions in one transaction: all of it, or nothing. Stores run
     * before deletes. Commands that change many subscriptions at once ({@code load}, {@code import},
     * {@code enable --all}) use it so that a failure midway leaves nothing half-applied.
     *
     * @throws org.openwec.core.model.UserError on a name clash or an unknown UUID to delete (nothing changes)
     */
    void storeSubscriptions(Collection<Subscription> store, Collection<UUID> delete);

    /**
     * Deletes the subscription with its bookmarks and heartbeats.
     *
     * @throws org.openwec.core.model.UserError when no subscription has that UUID
     */
    void deleteSubscription(UUID uuid);
}
