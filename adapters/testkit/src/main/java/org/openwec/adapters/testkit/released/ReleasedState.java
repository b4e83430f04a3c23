package org.openwec.adapters.testkit.released;

import java.util.List;

/**
 * A schema state real databases are in: the one each released OpenWEC version left, and the latest
 * (docs/reference/schema.md §0). Each knows the physical column order of {@code subscriptions} in that state,
 * which is the order the migrations create columns in (docs/reference/schema.md §3 and 4).
 */
public enum ReleasedState {
    /** v0.1.0 (2023-06-05): migrations 1-5. Old output shape, no content format, no filter. */
    V0_1_0("v0.1.0", 5, 5, Columns.V5),
    /** v0.2.0 / v0.2.1 (2024-04/05): migrations 1-11. New output envelope, legacy Files fields, principal filters. */
    V0_2("v0.2.x", 11, 11, Columns.V11),
    /** v0.3.0 (2024-09-07): migrations 1-12. Files path templates (its v12 wrote {principal}), Tcp {addr, port}. */
    V0_3_0("v0.3.0", 12, 12, Columns.V11),
    /** main at a41b95f: SQLite 1-14, PostgreSQL 1-15. Client filters with kind and flags, Tcp with TLS. */
    LATEST("latest", 14, 15, Columns.LATEST);

    private final String release;
    private final long sqliteVersion;
    private final long postgresVersion;
    private final List<String> subscriptionColumns;

    ReleasedState(String release, long sqliteVersion, long postgresVersion, List<String> subscriptionColumns) {
        this.release = release;
        this.sqliteVersion = sqliteVersion;
        this.postgresVersion = postgresVersion;
        this.subscriptionColumns = subscriptionColumns;
    }

    public String release() {
        return release;
    }

    /** The highest applied version; every version from 1 to it is applied. */
    public long schemaVersion(Backend backend) {
        return backend == Backend.SQLITE ? sqliteVersion : postgresVersion;
    }

    /** The columns of {@code subscriptions} in this state, in physical order. */
    public List<String> subscriptionColumns() {
        return subscriptionColumns;
    }

    /** Whether migration 12 (Files base/split/append/filename become one path) is applied in this state. */
    public boolean hasFilesPaths() {
        return sqliteVersion >= 12;
    }

    /** The released states below the latest, highest first: where a downgrade may be asked to go. */
    public static List<ReleasedState> earlierThanLatest() {
        return List.of(V0_3_0, V0_2, V0_1_0);
    }

    @Override
    public String toString() {
        return this == LATEST
                ? release + " (1-" + sqliteVersion + " on SQLite, 1-" + postgresVersion + " on PostgreSQL)"
                : release + " (1-" + sqliteVersion + ")";
    }

    /** Column lists, outside the enum so that the constants can use them. */
    static final class Columns {
        static final List<String> V5 = List.of(
                "uuid", "version", "name", "query", "heartbeat_interval", "connection_retry_count",
                "connection_retry_interval", "max_time", "max_envelope_size", "enabled", "read_existing_events",
                "outputs", "uri");
        static final List<String> V11 = concat(V5, List.of(
                "content_format", "ignore_channel_error", "princs_filter_op", "princs_filter_value", "revision",
                "locale", "data_locale"));
        static final List<String> LATEST = concat(V5, List.of(
                "content_format", "ignore_channel_error", "client_filter_op", "client_filter_targets", "revision",
                "locale", "data_locale", "max_elements", "client_filter_kind", "client_filter_flags"));

        private Columns() {}

        private static List<String> concat(List<String> a, List<String> b) {
            return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
        }
    }
}
