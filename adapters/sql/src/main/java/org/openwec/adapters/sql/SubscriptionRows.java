package org.openwec.adapters.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.openwec.core.model.ClientFilter;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.ClientFilterKind;
import org.openwec.core.model.ClientFilterOperation;
import org.openwec.core.model.ContentFormat;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.model.Uuids;

/**
 * A subscription to and from its 23 columns, in the reference's encodings (OpenWEC common/src/database/sqlite.rs and postgres.rs at a41b95f).
 * Reading is strict where the reference is (a NULL in a required column makes the row unreadable) and
 * lenient where it is safe to be: a NULL filter kind next to a filter operation, which panics the
 * reference, reads as {@code Client}, the only kind legacy filters had.
 */
public final class SubscriptionRows {
    /** Insert, or overwrite every column of the row with the same UUID; both backends speak this upsert. */
    public static final String UPSERT = """
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

    private SubscriptionRows() {}

    /**
     * Column values for the upsert, by parameter name. The UUID and the booleans are bound by the types
     * registered in {@link SqlTypes}; the internal version is stored lower-case, unlike the key.
     */
    public static Map<String, Object> columns(Subscription s) {
        SubscriptionParameters p = s.parameters();
        ClientFilter filter = s.clientFilter();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("uuid", s.uuid());
        c.put("version", Uuids.lowerCase(s.internalVersion()));
        c.put("revision", s.revision());
        c.put("name", p.name());
        c.put("uri", s.uri());
        c.put("query", p.query());
        c.put("heartbeat_interval", p.heartbeatInterval());
        c.put("connection_retry_count", p.connectionRetryCount());
        c.put("connection_retry_interval", p.connectionRetryInterval());
        c.put("max_time", p.maxTime());
        c.put("max_elements", p.maxElements());
        c.put("max_envelope_size", p.maxEnvelopeSize());
        c.put("enabled", s.enabled());
        c.put("read_existing_events", p.readExistingEvents());
        c.put("content_format", p.contentFormat().name());
        c.put("ignore_channel_error", p.ignoreChannelError());
        c.put("client_filter_op", filter == null ? null : filter.operation().name());
        c.put("client_filter_kind", filter == null ? null : filter.kind().name());
        c.put("client_filter_flags", filter == null ? null : filter.flags().bits());
        c.put("client_filter_targets", filter == null ? null : filter.joinedTargets());
        c.put("outputs", OutputsJson.write(s.outputs()));
        c.put("locale", p.locale());
        c.put("data_locale", p.dataLocale());
        return c;
    }

    static Subscription read(ResultSet rs) throws SQLException {
        String uuidText = rs.getString("uuid");
        try {
            return parse(rs);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StorageException("The stored subscription " + uuidText + " is unreadable: " + e.getMessage()
                    + ". Fix or delete that row.", e);
        }
    }

    private static Subscription parse(ResultSet rs) throws SQLException {
        UUID uuid = Uuids.parseOrThrow(rs.getString("uuid"), "uuid");
        UUID version = Uuids.parseOrThrow(rs.getString("version"), "version");
        SubscriptionParameters parameters = new SubscriptionParameters(
                required(rs, "name"),
                required(rs, "query"),
                requiredLong(rs, "heartbeat_interval"),
                (int) requiredLong(rs, "connection_retry_count"),
                requiredLong(rs, "connection_retry_interval"),
                requiredLong(rs, "max_time"),
                optionalLong(rs, "max_elements"),
                requiredLong(rs, "max_envelope_size"),
                requiredBool(rs, "read_existing_events"),
                contentFormat(required(rs, "content_format")),
                requiredBool(rs, "ignore_channel_error"),
                rs.getString("locale"),
                rs.getString("data_locale"));
        return new Subscription(uuid, version, rs.getString("revision"), rs.getString("uri"),
                requiredBool(rs, "enabled"), parameters, clientFilter(rs), OutputsJson.read(required(rs, "outputs")));
    }

    private static ClientFilter clientFilter(ResultSet rs) throws SQLException {
        String op = rs.getString("client_filter_op");
        if (op == null) {
            return null;
        }
        String kind = rs.getString("client_filter_kind");
        Long flags = optionalLong(rs, "client_filter_flags");
        return ClientFilter.fromStored(
                ClientFilterOperation.parse(op),
                kind == null ? ClientFilterKind.Client : ClientFilterKind.parse(kind),
                ClientFilterFlags.fromBits(flags == null ? 0 : flags),
                rs.getString("client_filter_targets"));
    }

    private static ContentFormat contentFormat(String text) {
        for (ContentFormat f : ContentFormat.values()) {
            if (f.name().equals(text)) {
                return f;
            }
        }
        throw new IllegalArgumentException("content_format is '" + text + "', expected Raw or RenderedText");
    }

    private static String required(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        if (value == null) {
            throw new IllegalArgumentException(column + " is NULL");
        }
        return value;
    }

    private static long requiredLong(ResultSet rs, String column) throws SQLException {
        Long value = optionalLong(rs, column);
        if (value == null) {
            throw new IllegalArgumentException(column + " is NULL");
        }
        return value;
    }

    private static Long optionalLong(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException(column + " is not an integer: '" + value + "'");
    }

    private static boolean requiredBool(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            throw new IllegalArgumentException(column + " is NULL");
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.longValue() != 0;
        }
        throw new IllegalArgumentException(column + " is not a boolean: '" + value + "'");
    }
}
