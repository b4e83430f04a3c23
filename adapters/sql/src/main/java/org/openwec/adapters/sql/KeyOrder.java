package org.openwec.adapters.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BinaryOperator;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.HeartbeatUpdate;

/**
 * Writes go in primary-key order, (machine, subscription as stored), one row per key: concurrent batches
 * (several committers, several collector nodes, {@code bookmarks copy}) then lock rows in the same order
 * and cannot deadlock, and a statement never has to update one row twice. The collector engine already
 * hands its batches over in that order; then nothing is sorted or merged here, only checked.
 */
public final class KeyOrder {
    private static final Comparator<HeartbeatRow> ROWS =
            Comparator.comparing(HeartbeatRow::machine).thenComparing(HeartbeatRow::subscriptionKey);

    private KeyOrder() {}

    /** The batch in key order, keeping for each key only its last entry (later entries win). */
    public static List<Bookmark> bookmarks(Collection<Bookmark> batch) {
        Map<UUID, String> keys = new HashMap<>();
        Comparator<Bookmark> order = Comparator.comparing(Bookmark::machine)
                .thenComparing(b -> keys.computeIfAbsent(b.subscription(), SqlTypes::storedKey));
        return ordered(new ArrayList<>(batch), order, (earlier, later) -> later);
    }

    /** One row per key in key order, the entries of a key merged as applying them one by one would. */
    public static List<HeartbeatRow> heartbeats(Collection<HeartbeatUpdate> updates) {
        Map<UUID, String> keys = new HashMap<>();
        List<HeartbeatRow> rows = new ArrayList<>(updates.size());
        for (HeartbeatUpdate u : updates) {
            rows.add(new HeartbeatRow(u.machine(), u.subscription(), keys.computeIfAbsent(u.subscription(), SqlTypes::storedKey),
                    u.ip(), u.lastSeen(), u.lastSeen(), u.lastEventSeen()));
        }
        return ordered(rows, ROWS, HeartbeatRow::then);
    }

    private static <T> List<T> ordered(List<T> rows, Comparator<T> order, BinaryOperator<T> sameKey) {
        if (strictlyIncreasing(rows, order)) {
            return rows;
        }
        // A stable sort keeps each key's entries in the order given, so combining them in turn is exact.
        rows.sort(order);
        List<T> result = new ArrayList<>(rows.size());
        for (T row : rows) {
            int last = result.size() - 1;
            if (last >= 0 && order.compare(result.get(last), row) == 0) {
                result.set(last, sameKey.apply(result.get(last), row));
            } else {
                result.add(row);
            }
        }
        return result;
    }

    private static <T> boolean strictlyIncreasing(List<T> rows, Comparator<T> order) {
        for (int i = 1; i < rows.size(); i++) {
            if (order.compare(rows.get(i - 1), rows.get(i)) >= 0) {
                return false;
            }
        }
        return true;
    }
}
