package org.openwec.adapters.memory;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.out.SubscriptionPort;

/** Subscriptions keyed by UUID, with the UNIQUE name and internal version of the SQL schema. */
final class InMemorySubscriptions implements SubscriptionPort {
    private static final Comparator<Subscription> BY_NAME =
            Comparator.comparing(Subscription::name, CodePointOrder.INSTANCE);

    private final InMemoryDatabase db;

    InMemorySubscriptions(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public List<Subscription> subscriptions() {
        return db.locked(() -> db.subscriptions.values().stream().sorted(BY_NAME).toList());
    }

    @Override
    public Optional<Subscription> findSubscription(String identifier) {
        return db.locked(() -> {
            Optional<Subscription> byName = db.subscriptions.values().stream()
                    .filter(s -> s.name().equals(identifier))
                    .findFirst();
            return byName.or(() -> Uuids.parse(identifier).map(db.subscriptions::get));
        });
    }

    @Override
    public void storeSubscription(Subscription subscription) {
        db.locked(() -> {
            for (Subscription other : db.subscriptions.values()) {
                if (other.uuid().equals(subscription.uuid())) {
                    continue;
                }
                if (other.name().equals(subscription.name())) {
                    throw new UserError("Another subscription is already named '" + subscription.name()
                            + "' (" + Uuids.lowerCase(other.uuid()) + "). Choose another name, or edit that one.");
                }
                if (other.internalVersion().equals(subscription.internalVersion())) {
                    // Internal versions are random: a clash means a caller reused one instead of renewing it.
                    throw new StorageException("Subscription " + Uuids.lowerCase(subscription.uuid())
                            + " has the internal version of subscription " + Uuids.lowerCase(other.uuid()));
                }
            }
            db.subscriptions.put(subscription.uuid(), subscription);
        });
    }

    @Override
    public void storeSubscriptions(Collection<Subscription> store, Collection<UUID> delete) {
        db.atomically(() -> {
            store.forEach(this::storeSubscription);
            delete.forEach(this::deleteSubscription);
        });
    }

    @Override
    public void deleteSubscription(UUID uuid) {
        db.locked(() -> {
            if (!db.subscriptions.containsKey(uuid)) {
                throw new UserError("No subscription has UUID " + Uuids.lowerCase(uuid)
                        + ". Run `openwec subscriptions` to list them.");
            }
            db.deleteSubscriptionCascading(uuid);
        });
    }
}
