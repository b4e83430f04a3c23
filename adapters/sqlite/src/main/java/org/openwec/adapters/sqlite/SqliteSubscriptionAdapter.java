package org.openwec.adapters.sqlite;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openwec.adapters.sql.SubscriptionRows;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.out.SubscriptionPort;

final class SqliteSubscriptionAdapter implements SubscriptionPort {
    private final SqliteDatabase db;

    SqliteSubscriptionAdapter(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public List<Subscription> subscriptions() {
        return db.read("list subscriptions", h -> h.createQuery("SELECT * FROM subscriptions ORDER BY name")
                .map((rs, ctx) -> SubscriptionRows.read(rs)).list());
    }

    @Override
    public Optional<Subscription> findSubscription(String identifier) {
        Optional<Subscription> byName = db.read("find a subscription", h -> h
                .createQuery("SELECT * FROM subscriptions WHERE name = :name")
                .bind("name", identifier)
                .map((rs, ctx) -> SubscriptionRows.read(rs)).findOne());
        if (byName.isPresent()) {
            return byName;
        }
        // Stored keys are upper-case but people copy the lower-case form the CLI prints.
        return Uuids.parse(identifier).flatMap(uuid -> db.read("find a subscription", h -> h
                .createQuery("SELECT * FROM subscriptions WHERE upper(uuid) = :uuid")
                .bind("uuid", Uuids.storedKey(uuid))
                .map((rs, ctx) -> SubscriptionRows.read(rs)).findFirst()));
    }

    @Override
    public void storeSubscription(Subscription subscription) {
        try {
            db.withHandle("store subscription " + subscription.name(),
                    h -> h.createUpdate(SubscriptionRows.UPSERT).bindMap(SubscriptionRows.columns(subscription, true)).execute());
        } catch (RuntimeException e) {
            if (SqliteErrors.isConstraint(e, "subscriptions.name")) {
                throw new UserError("Another subscription is already named \"" + subscription.name()
                        + "\": choose another name.", e);
            }
            throw e;
        }
    }

    @Override
    public void storeSubscriptions(Collection<Subscription> store, Collection<UUID> delete) {
        try {
            db.inTransaction("store and delete subscriptions", h -> {
                for (Subscription s : store) {
                    h.createUpdate(SubscriptionRows.UPSERT).bindMap(SubscriptionRows.columns(s, true)).execute();
                }
                for (UUID uuid : delete) {
                    if (h.createUpdate("DELETE FROM subscriptions WHERE uuid = :uuid").bind("uuid", Uuids.storedKey(uuid)).execute() == 0) {
                        throw new UserError("Subscription " + Uuids.lowerCase(uuid) + " does not exist. Nothing was changed.");
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (SqliteErrors.isConstraint(e, "subscriptions.name")) {
                throw new UserError("Two subscriptions would share a name: nothing was changed. Choose distinct names.", e);
            }
            throw e;
        }
    }

    @Override
    public void deleteSubscription(UUID uuid) {
        int deleted = db.withHandle("delete subscription " + uuid,
                h -> h.createUpdate("DELETE FROM subscriptions WHERE uuid = :uuid")
                        .bind("uuid", Uuids.storedKey(uuid)).execute());
        if (deleted == 0) {
            throw new UserError("Subscription " + Uuids.lowerCase(uuid) + " does not exist.");
        }
    }
}
