package org.openwec.adapters.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openwec.adapters.sql.HeartbeatRow;
import org.openwec.adapters.sql.SqlDatabase;
import org.openwec.adapters.sql.SqlDialect;
import org.openwec.adapters.sql.SqlFailure;
import org.openwec.adapters.sql.SqlTypes;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.model.UserError;

/**
 * PostgreSQL's (and CockroachDB's) side of the shared adapters. Both batch writes send their rows as
 * arrays to one multi-row upsert ({@code unnest}): one statement and one round trip whatever the number of
 * rows, where a JDBC batch costs the server a statement per row.
 */
final class PostgresDialect implements SqlDialect {
    private static final long INT4_MAX = Integer.MAX_VALUE;

    /**
     * A batch of bookmarks as one autocommitted statement, atomic by itself: no BEGIN and COMMIT round trips.
     * unnest yields the rows in array order, which is key order.
     */
    static final String UPSERT_BOOKMARKS = """
            INSERT INTO bookmarks (machine, subscription, bookmark)
            SELECT * FROM unnest(?, ?, ?)
            ON CONFLICT (machine, subscription) DO UPDATE SET bookmark = excluded.bookmark
            """;

    /**
     * One statement per chunk: the chunk travels as six arrays, whatever its size. The EXISTS guard skips
     * rows whose subscription was deleted meanwhile (the subscriptions returned tell which were stored), so
     * one such row does not fail the chunk. The last sightings never move backwards, first_seen keeps the
     * earliest sighting and the IP follows the newest one, so chunks replayed by a retry, or flushed late by
     * another node, cannot undo newer data. Rows are written in key order, so that two nodes flushing the
     * same machines lock their rows in the same order and cannot deadlock (in any other order they do, and
     * each deadlock stalls both flushes for deadlock_timeout before one is retried).
     */
    static final String UPSERT_HEARTBEATS = """
            WITH stored AS (
            INSERT INTO heartbeats AS h (machine, ip, subscription, first_seen, last_seen, last_event_seen)
            SELECT v.machine, v.ip, v.subscription, v.first_seen, v.last_seen, v.last_event_seen
            FROM unnest(?, ?, ?, ?, ?, ?) AS v(machine, ip, subscription, first_seen, last_seen, last_event_seen)
            WHERE EXISTS (SELECT 1 FROM subscriptions s WHERE s.uuid = v.subscription)
            ORDER BY v.machine, v.subscription
            ON CONFLICT (machine, subscription) DO UPDATE SET
                ip = CASE WHEN h.last_seen IS NULL OR excluded.last_seen >= h.last_seen
                          THEN excluded.ip ELSE h.ip END,
                first_seen = LEAST(h.first_seen, excluded.first_seen),
                last_seen = GREATEST(h.last_seen, excluded.last_seen),
                last_event_seen = CASE WHEN excluded.last_event_seen IS NULL THEN h.last_event_seen
                                       ELSE GREATEST(h.last_event_seen, excluded.last_event_seen) END
            RETURNING h.subscription
            )
            SELECT DISTINCT subscription FROM stored
            """;

    private final int maxChunkSize;

    PostgresDialect(int maxChunkSize) {
        this.maxChunkSize = maxChunkSize;
    }

    @Override
    public SqlFailure classify(Throwable failure) {
        String state = TransientFailures.sqlState(failure);
        if ("23503".equals(state)) {
            return SqlFailure.MISSING_SUBSCRIPTION;
        }
        return "23505".equals(state) ? SqlFailure.DUPLICATE : SqlFailure.OTHER;
    }

    @Override
    public boolean booleansAsIntegers() {
        return false;
    }

    /** information_schema rather than to_regclass: CockroachDB has it too. */
    @Override
    public String schemaTableQuery() {
        return """
                SELECT count(*) FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_name = '__schema_migrations'""";
    }

    /** PostgreSQL keeps the u32 parameters in INT4 columns (the reference's schema): say so rather than fail obscurely. */
    @Override
    public void checkStorable(Subscription subscription) {
        SubscriptionParameters p = subscription.parameters();
        checkInt4("heartbeat_interval", p.heartbeatInterval());
        checkInt4("connection_retry_interval", p.connectionRetryInterval());
        checkInt4("max_time", p.maxTime());
        checkInt4("max_envelope_size", p.maxEnvelopeSize());
        if (p.maxElements() != null) {
            checkInt4("max_elements", p.maxElements());
        }
    }

    private static void checkInt4(String name, long value) {
        if (value > INT4_MAX) {
            throw new UserError("Subscription parameter " + name + " = " + value + " does not fit PostgreSQL's INT4 column"
                    + " (at most " + INT4_MAX + "): choose a smaller value.");
        }
    }

    @Override
    public void storeBookmarks(SqlDatabase db, List<Bookmark> keyOrdered) {
        int size = keyOrdered.size();
        String[] machines = new String[size];
        String[] subscriptions = new String[size];
        String[] bookmarks = new String[size];
        for (int i = 0; i < size; i++) {
            Bookmark b = keyOrdered.get(i);
            machines[i] = b.machine();
            subscriptions[i] = i > 0 && b.subscription().equals(keyOrdered.get(i - 1).subscription())
                    ? subscriptions[i - 1] : SqlTypes.storedKey(b.subscription());
            bookmarks[i] = b.bookmark();
        }
        db.write("store bookmarks", s -> {
            Connection c = s.connection();
            PreparedStatement upsert = s.prepared(UPSERT_BOOKMARKS);
            upsert.setArray(1, c.createArrayOf("text", machines));
            upsert.setArray(2, c.createArrayOf("text", subscriptions));
            upsert.setArray(3, c.createArrayOf("text", bookmarks));
            return upsert.executeUpdate();
        });
    }

    /**
     * Each chunk of {@code max_chunk_size} rows is its own retried transaction: a failure after retries
     * leaves earlier chunks stored, and repeating the whole flush is harmless.
     */
    @Override
    public List<HeartbeatRow> storeHeartbeats(SqlDatabase db, List<HeartbeatRow> keyOrdered) {
        List<HeartbeatRow> skipped = new ArrayList<>();
        for (int from = 0; from < keyOrdered.size(); from += maxChunkSize) {
            skipped.addAll(storeChunk(db, keyOrdered.subList(from, Math.min(keyOrdered.size(), from + maxChunkSize))));
        }
        return skipped;
    }

    /**
     * The EXISTS guard is per subscription within one statement, so a subscription's rows are all stored or
     * all skipped, and the subscriptions returned tell which, without a key per row.
     */
    private static List<HeartbeatRow> storeChunk(SqlDatabase db, List<HeartbeatRow> chunk) {
        int size = chunk.size();
        String[] machines = new String[size];
        String[] ips = new String[size];
        String[] subscriptions = new String[size];
        Long[] firstSeens = new Long[size];
        Long[] lastSeens = new Long[size];
        Long[] lastEventSeens = new Long[size];
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < size; i++) {
            HeartbeatRow row = chunk.get(i);
            machines[i] = row.machine();
            ips[i] = row.ip();
            subscriptions[i] = row.subscriptionKey();
            firstSeens[i] = row.firstSeen();
            lastSeens[i] = row.lastSeen();
            lastEventSeens[i] = row.lastEventSeen();
            sent.add(row.subscriptionKey());
        }
        Set<String> stored = db.inTransaction("store heartbeats", s -> {
            Connection c = s.connection();
            PreparedStatement upsert = s.prepared(UPSERT_HEARTBEATS);
            upsert.setArray(1, c.createArrayOf("text", machines));
            upsert.setArray(2, c.createArrayOf("text", ips));
            upsert.setArray(3, c.createArrayOf("text", subscriptions));
            upsert.setArray(4, c.createArrayOf("bigint", firstSeens));
            upsert.setArray(5, c.createArrayOf("bigint", lastSeens));
            upsert.setArray(6, c.createArrayOf("bigint", lastEventSeens));
            Set<String> returned = new HashSet<>();
            try (ResultSet rs = upsert.executeQuery()) {
                while (rs.next()) {
                    returned.add(rs.getString(1));
                }
            }
            return returned;
        });
        if (stored.containsAll(sent)) {
            return List.of();
        }
        return chunk.stream().filter(row -> !stored.contains(row.subscriptionKey())).toList();
    }
}
