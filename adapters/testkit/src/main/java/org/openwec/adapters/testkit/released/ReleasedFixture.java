package org.openwec.adapters.testkit.released;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.HeartbeatRecord;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.Uuids;

/**
 * A database in one released state: the rows to insert and what they must read as.
 *
 * @param lossesByTarget for each released state below the latest, exactly what the downgrade plan from the
 *                       latest schema to it must report (empty: the downgrade is lossless)
 */
public record ReleasedFixture(ReleasedState state, List<FixtureSubscription> subscriptions, List<Bookmark> bookmarks,
                              List<HeartbeatRecord> heartbeats, Map<ReleasedState, List<ExpectedLoss>> lossesByTarget) {

    public static final List<String> BOOKMARK_COLUMNS = List.of("machine", "subscription", "bookmark");
    public static final List<String> HEARTBEAT_COLUMNS =
            List.of("machine", "ip", "subscription", "first_seen", "last_seen", "last_event_seen");

    public ReleasedFixture {
        Objects.requireNonNull(state, "state");
        subscriptions = List.copyOf(subscriptions);
        bookmarks = List.copyOf(bookmarks);
        heartbeats = List.copyOf(heartbeats);
        Map<ReleasedState, List<ExpectedLoss>> losses = new EnumMap<>(ReleasedState.class);
        lossesByTarget.forEach((target, list) -> losses.put(target, List.copyOf(list)));
        for (ReleasedState target : ReleasedState.earlierThanLatest()) {
            if (!losses.containsKey(target)) {
                throw new IllegalArgumentException(state + ": no expected losses given for a downgrade to " + target);
            }
        }
        lossesByTarget = Map.copyOf(losses);
        for (FixtureSubscription s : subscriptions) {
            if (!s.row().keySet().equals(new java.util.HashSet<>(state.subscriptionColumns()))) {
                throw new IllegalArgumentException(state + ": the row of '" + s.name() + "' has columns " + s.row().keySet()
                        + ", the state has " + state.subscriptionColumns());
            }
        }
    }

    /** The tables to fill, in an order that satisfies the foreign keys. */
    public List<FixtureTable> tables() {
        List<List<Object>> subscriptionRows = new ArrayList<>();
        for (FixtureSubscription s : subscriptions) {
            List<Object> values = new ArrayList<>();
            for (String column : state.subscriptionColumns()) {
                values.add(s.row().get(column));
            }
            subscriptionRows.add(values);
        }
        List<List<Object>> bookmarkRows = new ArrayList<>();
        for (Bookmark b : bookmarks) {
            bookmarkRows.add(Arrays.asList(b.machine(), Uuids.storedKey(b.subscription()), b.bookmark()));
        }
        List<List<Object>> heartbeatRows = new ArrayList<>();
        for (HeartbeatRecord h : heartbeats) {
            heartbeatRows.add(Arrays.asList(h.machine(), h.ip(), Uuids.storedKey(h.subscription()), h.firstSeen(),
                    h.lastSeen(), h.lastEventSeen()));
        }
        return List.of(
                new FixtureTable("subscriptions", state.subscriptionColumns(), subscriptionRows),
                new FixtureTable("bookmarks", BOOKMARK_COLUMNS, bookmarkRows),
                new FixtureTable("heartbeats", HEARTBEAT_COLUMNS, heartbeatRows));
    }

    /** The expected subscriptions at the latest schema, by name. */
    public Map<String, Subscription> expectedSubscriptions() {
        Map<String, Subscription> byName = new LinkedHashMap<>();
        subscriptions.forEach(s -> byName.put(s.name(), s.expected()));
        return byName;
    }

    /** The expected subscriptions after a lossless downgrade to {@code target} and an upgrade back, by name. */
    public Map<String, Subscription> expectedSubscriptionsAfterRoundTripThrough(ReleasedState target) {
        Map<String, Subscription> byName = new LinkedHashMap<>();
        subscriptions.forEach(s -> byName.put(s.name(), s.expectedAfterRoundTripThrough(target)));
        return byName;
    }

    public List<ExpectedLoss> expectedLosses(ReleasedState target) {
        List<ExpectedLoss> losses = lossesByTarget.get(target);
        if (losses == null) {
            throw new IllegalArgumentException(target + " is not a released state below the latest");
        }
        return losses;
    }

    public boolean downgradesLosslesslyTo(ReleasedState target) {
        return expectedLosses(target).isEmpty();
    }

    @Override
    public String toString() {
        return state + " database (" + subscriptions.size() + " subscriptions, " + bookmarks.size() + " bookmarks, "
                + heartbeats.size() + " heartbeats)";
    }
}
