package org.openwec.adapters.postgres;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openwec.adapters.sql.SubscriptionRows;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.out.SubscriptionPort;

final class PostgresSubscriptionAdapter implements SubscriptionPort {
    private static final long INT4_MAX = Integer.MAX_VALUE;
    private final PostgresDatabase db;

    PostgresSubscriptionAdapter(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public List<Subscription> subscriptions() {
        return db.withHandle("list subscriptions", h -> h.createQuery("SELECT * FROM subscriptions ORDER BY name")
                .map((rs, ctx) -> SubscriptionRows.read(rs)).list());
    }

    @Override
    public Optional<Subscription> findSubscription(String identifier) {
        Optional<Subscription> byName = db.withHandle("find a subscription", h -> h
                .createQuery("SELECT * FROM subscriptions WHERE name = :name")
                .bind("name", identifier)
                .map((rs, ctx) -> SubscriptionRows.read(rs)).findOne());
        if (byName.isPresent()) {
            return byName;
        }
        // Stored keys are upper-case but people copy the lower-case form the CLI prints.
        return Uuids.parse(identifier).flatMap(uuid -> db.withHandle("find a subscription", h -> h
                .createQuery("SELECT * FROM subscriptions WHERE upper(uuid) = :uuid LIMIT 1")
                .bind("uuid", Uuids.storedKey(uuid))
                .map((rs, ctx) -> SubscriptionRows.read(rs)).findFirst()));
    }

    @Override
    public void storeSubscription(Subscription subscription) {
        requireInt4(subscription.parameters());
        try {
            db.withHandle("store subscription " + subscription.name(), h -> h.createUpdate(SubscriptionRows.UPSERT)
                    .bindMap(SubscriptionRows.columns(subscription, false)).execute());
        } catch (StorageException e) {
            if ("23505".equals(TransientFailures.sqlState(e)) && PostgresErrors.root(e).contains("name")) {
                throw new UserError("Another subscription is already named \"" + subscription.name()
                        + "\": choose another name.", e);
            }
            throw e;
        }
    }

    /** PostgreSQL keeps the u32 parameters in INT4 columns (the reference's schema): say so rather than fail obscurely. */
    private static void requireInt4(SubscriptionParameters p) {
        check("heartbeat_interval", p.heartbeatInterval());
        check("connection_retry_interval", p.connectionRetryInterval());
        check("max_time", p.maxTime());
        check("max_envelope_size", p.maxEnvelopeSize());
        if (p.maxElements() != null) {
            check("max_elements", p.maxElements());
        }
    }

    private static void check(String name, long value) {
        if (value > INT4_MAX) {
            throw new UserError("Subscription parameter " + name + " = " + value + " does not fit PostgreSQL's INT4 column"
                    + " (at most " + INT4_MAX + "): choose a smaller value.");
        }
    }

    @Override
    public void storeSubscriptions(Collection<Subscription> store, Collection<UUID> delete) {
        store.forEach(s -> requireInt4(s.parameters()));
        try {
            db.inTransaction("store and delete subscriptions", h -> {
                for (Subscription s : store) {
                    h.createUpdate(SubscriptionRows.UPSERT).bindMap(SubscriptionRows.columns(s, false)).execute();
                }
                for (UUID uuid : delete) {
                    if (h.createUpdate("DELETE FROM subscriptions WHERE uuid = :uuid").bind("uuid", Uuids.storedKey(uuid)).execute() == 0) {
                        throw new UserError("Subscription " + Uuids.lowerCase(uuid) + " does not exist. Nothing was changed.");
                    }
                }
                return null;
            });
        } catch (StorageException e) {
            if ("23505".equals(TransientFailures.sqlState(e)) && PostgresErrors.root(e).contains("name")) {
                throw new UserError("Two subscriptions would share a name: nothing was changed. Choose distinct names.", e);
            }
            throw e;
        }
    }

    @Override
    public void deleteSubscription(UUID uuid) {
        int deleted = db.inTransaction("delete subscription " + uuid,
                h -> h.createUpdate("DELETE FROM subscriptions WHERE uuid = :uuid")
                        .bind("uuid", Uuids.storedKey(uuid)).execute());
        if (deleted == 0) {
            throw new UserError("Subscription " + Uuids.lowerCase(uuid) + " does not exist.");
        }
    }
}
