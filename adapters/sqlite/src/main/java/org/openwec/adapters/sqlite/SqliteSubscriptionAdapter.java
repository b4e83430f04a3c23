package org.openwec.adapters.sqlite;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openwec.adapters.sql.SubscriptionRows;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.SubscriptionPort;

final class SqliteSubscriptionAdapter implements SubscriptionPort {
    private static final String UPSERT = """
            INSERT INTO subscriptions (uuid, version, revision, name, uri, query, heartbeat_interval,
                connection_retry_count, connection_retry_interval, max_time, max_elements, max_envelope_size,
                enabled, read_existing_events, content_format, ignore_channel_error, client_filter_op,
                client_filter_kind, client_filter_flags, client_filter_targets, outputs, locale, data_locale)
            VALUES (:uuid, :version, :revision, :name, :uri, :query, :heartbeat_interval,
                :connection_retry_count, :connection_retry_interval, :max_time, :max_elements, :max_envelope_size,
                :enabled, :read_existing_events, :content_format, :ignore_channel_error, :client_filter_op,
                :client_filter_kind, :client_filter_flags, :client_filter_targets, :outputs, :locale, :data_locale)
            ON CONFLICT (uuid) DO UPDATE SET
                version = excluded.version, revision = excluded.revision, name = excluded.name,
                uri = excluded.uri, query = excluded.query, heartbeat_interval = excluded.heartbeat_interval,
                connection_retry_count = excluded.connection_retry_count,
                connection_retry_interval = excluded.connection_retry_interval, max_time = excluded.max_time,
                max_elements = excluded.max_elements, max_envelope_size = excluded.max_envelope_size,
                enabled = excluded.enabled, read_existing_events = excluded.read_existing_events,
                content_format = excluded.content_format, ignore_channel_error = excluded.ignore_channel_error,
                client_filter_op = excluded.client_filter_op, client_filter_kind = excluded.client_filter_kind,
                client_filter_flags = excluded.client_filter_flags,
                client_filter_targets = excluded.client_filter_targets, outputs = excluded.outputs,
                locale = excluded.locale, data_locale = excluded.data_locale
            """;

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
                    h -> h.createUpdate(UPSERT).bindMap(SubscriptionRows.columns(subscription, true)).execute());
        } catch (RuntimeException e) {
            if (SqliteErrors.isConstraint(e, "subscriptions.name")) {
                throw new UserError("Another subscription is already named \"" + subscription.name()
                        + "\": choose another name.", e);
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
