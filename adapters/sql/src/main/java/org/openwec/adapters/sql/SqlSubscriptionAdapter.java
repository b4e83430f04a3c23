package org.openwec.adapters.sql;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.out.SubscriptionPort;

/** Subscriptions on either SQL backend. */
public final class SqlSubscriptionAdapter implements SubscriptionPort {
    private static final String DELETE = "DELETE FROM subscriptions WHERE uuid = :uuid";

    private final SqlDatabase db;
    private final SqlDialect dialect;

    public SqlSubscriptionAdapter(SqlDatabase db, SqlDialect dialect) {
        this.db = db;
        this.dialect = dialect;
    }

    @Override
    public List<Subscription> subscriptions() {
        return db.read("list subscriptions", s -> s.handle().createQuery("SELECT * FROM subscriptions ORDER BY name")
                .mapTo(Subscription.class).list());
    }

    @Override
    public Optional<Subscription> findSubscription(String identifier) {
        Optional<Subscription> byName = db.read("find a subscription", s -> s.handle()
                .createQuery("SELECT * FROM subscriptions WHERE name = :name")
                .bind("name", identifier)
                .mapTo(Subscription.class).findOne());
        if (byName.isPresent()) {
            return byName;
        }
        // Stored keys are upper-case but people copy the lower-case form the CLI prints.
        return Uuids.parse(identifier).flatMap(uuid -> db.read("find a subscription", s -> s.handle()
                .createQuery("SELECT * FROM subscriptions WHERE upper(uuid) = :uuid LIMIT 1")
                .bind("uuid", uuid)
                .mapTo(Subscription.class).findFirst()));
    }

    @Override
    public void storeSubscription(Subscription subscription) {
        dialect.checkStorable(subscription);
        try {
            db.write("store subscription " + subscription.name(), s -> s.handle().createUpdate(SubscriptionRows.UPSERT)
                    .bindMap(SubscriptionRows.columns(subscription)).execute());
        } catch (RuntimeException e) {
            if (isNameClash(e, List.of(subscription))) {
                throw new UserError("Another subscription is already named \"" + subscription.name()
                        + "\": choose another name.", e);
            }
            throw e;
        }
    }

    @Override
    public void storeSubscriptions(Collection<Subscription> store, Collection<UUID> delete) {
        store.forEach(dialect::checkStorable);
        try {
            db.inTransaction("store and delete subscriptions", s -> {
                for (Subscription subscription : store) {
                    s.handle().createUpdate(SubscriptionRows.UPSERT).bindMap(SubscriptionRows.columns(subscription)).execute();
                }
                for (UUID uuid : delete) {
                    if (s.handle().createUpdate(DELETE).bind("uuid", uuid).execute() == 0) {
                        throw new UserError("Subscription " + Uuids.lowerCase(uuid) + " does not exist. Nothing was changed.");
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (isNameClash(e, store)) {
                throw new UserError("Two subscriptions would share a name: nothing was changed. Choose distinct names.", e);
            }
            throw e;
        }
    }

    /**
     * A unique column refused the write: the name, or the internal version. Which one is asked of the data
     * (nothing was written) rather than read from the database's message.
     */
    private boolean isNameClash(RuntimeException failure, Collection<Subscription> stored) {
        if (dialect.classify(failure) != SqlFailure.DUPLICATE) {
            return false;
        }
        Set<String> names = new HashSet<>();
        for (Subscription subscription : stored) {
            if (!names.add(subscription.name())) {
                return true;
            }
        }
        return db.read("check subscription names", s -> {
            for (Subscription subscription : stored) {
                if (s.handle().createQuery("SELECT count(*) FROM subscriptions WHERE name = :name AND uuid <> :uuid")
                        .bind("name", subscription.name()).bind("uuid", subscription.uuid()).mapTo(Long.class).one() > 0) {
                    return true;
                }
            }
            return false;
        });
    }

    @Override
    public void deleteSubscription(UUID uuid) {
        int deleted = db.write("delete subscription " + uuid, s -> s.handle().createUpdate(DELETE).bind("uuid", uuid).execute());
        if (deleted == 0) {
            throw new UserError("Subscription " + Uuids.lowerCase(uuid) + " does not exist.");
        }
    }
}
