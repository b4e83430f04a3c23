package org.openwec.adapters.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.adapters.testkit.SubscriptionTestData.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.HeartbeatFlushReport;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.HeartbeatRecord;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.Machine;
import org.openwec.core.model.MachineState;
import org.openwec.core.model.RowKey;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionStats;
import org.openwec.core.model.UserError;
import org.openwec.core.port.out.HeartbeatPort;
import org.openwec.core.port.out.Storage;

/**
 * What every {@link HeartbeatPort} does: the reference's test_heartbeats, test_heartbeats_cache and
 * test_stats_and_machines (docs/reference/reference-tests.md §4-6), with times passed in instead of slept, plus the flush
 * rule every backend follows. For an entry e on an existing (machine, subscription) row: last_seen =
 * max(old, e.lastSeen); ip = e.ip when e.lastSeen >= the old last_seen; last_event_seen = max(old,
 * e.lastEventSeen) and never cleared; first_seen = min(old, e.lastSeen). Entries apply in iteration order.
 */
public abstract class HeartbeatPortContract {

    /** A fresh database with the whole schema applied; the test closes it. */
    protected abstract Storage newStorage();

    /** 2025-01-01T00:00:00Z; any time works, a realistic one catches int truncation. */
    protected static final long NOW = 1_735_689_600L;

    private Storage storage;
    private HeartbeatPort port;
    private Subscription u;

    @BeforeEach
    void openStorage() {
        storage = newStorage();
        port = storage.heartbeats();
        u = store(subscription("tutu"));
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    private Subscription store(Subscription subscription) {
        storage.subscriptions().storeSubscription(subscription);
        return subscription;
    }

    private Heartbeat only(List<Heartbeat> heartbeats) {
        assertThat(heartbeats).hasSize(1);
        return heartbeats.get(0);
    }

    private Heartbeat row(String machine, Subscription subscription) {
        return only(port.heartbeats(HeartbeatQuery.byMachine(machine, subscription.uuid())));
    }

    private HeartbeatFlushReport flush(HeartbeatUpdate... updates) {
        return port.storeHeartbeats(List.of(updates));
    }

    // docs/reference/reference-tests.md §4: test_heartbeats

    @Test
    @DisplayName("4#1 a new database has no heartbeat")
    void noHeartbeatAtFirst() {
        assertThat(port.heartbeats(HeartbeatQuery.byMachine("toto", null))).isEmpty();
        assertThat(port.heartbeats(HeartbeatQuery.all())).isEmpty();
    }

    @Test
    @DisplayName("4#3-5 a first heartbeat creates the row with first_seen = last_seen and no event")
    void firstHeartbeatCreatesRow() {
        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), false, NOW);

        Heartbeat h = row("toto", u);
        assertThat(h.firstSeen()).isEqualTo(h.lastSeen()).isEqualTo(NOW);
        assertThat(h.lastEventSeen()).isNull();
        assertThat(h.ip()).isEqualTo("127.0.0.1");
        assertThat(h.machine()).isEqualTo("toto");
        assertThat(h.subscription()).isEqualTo(u);
        assertThat(port.heartbeats(HeartbeatQuery.all())).containsExactly(h);
    }

    @Test
    @DisplayName("4#6 heartbeats are found by ip, optionally narrowed to a subscription")
    void findsByIp() {
        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), false, NOW);
        Heartbeat h = row("toto", u);

        assertThat(port.heartbeats(HeartbeatQuery.byIp("127.0.0.1", null))).containsExactly(h);
        assertThat(port.heartbeats(HeartbeatQuery.byIp("127.0.0.2", null))).isEmpty();
        assertThat(port.heartbeats(HeartbeatQuery.byIp("127.0.0.1", u.uuid()))).containsExactly(h);
    }

    @Test
    @DisplayName("4#7 an event later on keeps first_seen and sets last_seen = last_event_seen")
    void laterEventMovesLastSeenAndLastEventSeen() {
        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), false, NOW);
        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), true, NOW + 1);

        Heartbeat h = row("toto", u);
        assertThat(h.firstSeen()).isEqualTo(NOW).isLessThan(h.lastSeen());
        assertThat(h.lastSeen()).isEqualTo(NOW + 1);
        assertThat(h.lastEventSeen()).isEqualTo(h.lastSeen());
    }

    @Test
    @DisplayName("4#8 listing by subscription gives the same rows in the same order as listing all")
    void listingBySubscriptionMatchesAll() {
        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), false, NOW);
        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), true, NOW + 1);
        port.storeHeartbeat("tata", "127.0.0.2", u.uuid(), false, NOW + 1);

        List<Heartbeat> all = port.heartbeats(HeartbeatQuery.all());
        assertThat(all).hasSize(2);
        assertThat(port.heartbeats(HeartbeatQuery.bySubscription(u.uuid()))).containsExactlyElementsOf(all);
    }

    @Test
    @DisplayName("4#9 an event for a second machine is found by its ip")
    void eventOfSecondMachineFoundByIp() {
        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), false, NOW);
        port.storeHeartbeat("tata", "127.0.0.2", u.uuid(), false, NOW + 1);
        port.storeHeartbeat("tata", "127.0.0.2", u.uuid(), true, NOW + 1);

        Heartbeat tata = only(port.heartbeats(HeartbeatQuery.byIp("127.0.0.2", null)));
        assertThat(tata.machine()).isEqualTo("tata");
        assertThat(tata.lastEventSeen()).isEqualTo(NOW + 1);
    }

    @Test
    @DisplayName("4#10 deleting the subscription deletes its heartbeats")
    void deletingSubscriptionCascades() {
        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), true, NOW);
        port.storeHeartbeat("tata", "127.0.0.2", u.uuid(), true, NOW);

        storage.subscriptions().deleteSubscription(u.uuid());

        assertThat(port.heartbeats(HeartbeatQuery.all())).isEmpty();
    }

    @Test
    void deletingASubscriptionKeepsTheHeartbeatsOfOthers() {
        Subscription v = store(subscription("vuvu"));
        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), true, NOW);
        port.storeHeartbeat("toto", "127.0.0.1", v.uuid(), true, NOW);

        storage.subscriptions().deleteSubscription(u.uuid());

        assertThat(port.heartbeats(HeartbeatQuery.all())).extracting(Heartbeat::subscription).containsExactly(v);
        assertThat(port.stats(u.uuid(), 0)).isEqualTo(SubscriptionStats.EMPTY);
        assertThat(port.machines(u.uuid(), 0, null)).isEmpty();
    }

    // storeHeartbeat beyond the reference

    @Test
    void storeHeartbeatForAnUnknownSubscriptionIsAUserError() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> port.storeHeartbeat("toto", "127.0.0.1", unknown, false, NOW))
                .isInstanceOf(UserError.class);
        assertThat(port.heartbeats(HeartbeatQuery.all())).isEmpty();
    }

    @Test
    void storeHeartbeatFollowsTheFlushRule() {
        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), true, NOW + 10);
        port.storeHeartbeat("toto", "127.0.0.2", u.uuid(), false, NOW + 5);
        assertThat(row("toto", u)).isEqualTo(heartbeat("toto", "127.0.0.1", NOW + 5, NOW + 10, NOW + 10L));

        port.storeHeartbeat("toto", "127.0.0.3", u.uuid(), false, NOW + 20);
        assertThat(row("toto", u)).isEqualTo(heartbeat("toto", "127.0.0.3", NOW + 5, NOW + 20, NOW + 10L));
    }

    private Heartbeat heartbeat(String machine, String ip, long firstSeen, long lastSeen, Long lastEventSeen) {
        return new Heartbeat(machine, ip, u, firstSeen, lastSeen, lastEventSeen);
    }

    // docs/reference/reference-tests.md §6: test_heartbeats_cache, run on every backend with the decided ip rule

    @Test
    @DisplayName("6#2-3 a flush inserts new rows with first_seen = last_seen")
    void flushInsertsNewRows() {
        HeartbeatFlushReport report = flush(
                HeartbeatUpdate.heartbeat("m1", u.uuid(), "127.0.0.1", 1),
                HeartbeatUpdate.event("m2", u.uuid(), "127.0.0.2", 2));

        assertThat(report).isEqualTo(new HeartbeatFlushReport(2, List.of()));
        assertThat(port.heartbeats(HeartbeatQuery.all())).containsExactly(
                heartbeat("m1", "127.0.0.1", 1, 1, null),
                heartbeat("m2", "127.0.0.2", 2, 2, 2L));
    }

    @Test
    @DisplayName("6#4-5 a flush updates last_seen, last_event_seen and the ip, and keeps first_seen")
    void flushUpdatesExistingRowIncludingIp() {
        flush(HeartbeatUpdate.heartbeat("m1", u.uuid(), "127.0.0.1", 1),
                HeartbeatUpdate.event("m2", u.uuid(), "127.0.0.2", 2));

        flush(HeartbeatUpdate.event("m1", u.uuid(), "127.0.0.100", 3));

        assertThat(port.heartbeats(HeartbeatQuery.all())).containsExactly(
                heartbeat("m1", "127.0.0.100", 1, 3, 3L),
                heartbeat("m2", "127.0.0.2", 2, 2, 2L));
    }

    @Test
    @DisplayName("6#6-7 a flush of 2 040 entries stores them all")
    void largeFlushStoresEveryEntry() {
        flush(HeartbeatUpdate.heartbeat("m1", u.uuid(), "127.0.0.1", 1),
                HeartbeatUpdate.event("m2", u.uuid(), "127.0.0.2", 2));
        flush(HeartbeatUpdate.event("m1", u.uuid(), "127.0.0.100", 3));
        List<HeartbeatUpdate> cache = new ArrayList<>();
        for (int i = 0; i < 1020; i++) {
            cache.add(HeartbeatUpdate.heartbeat("machine$" + (2 * i), u.uuid(), "127.0.0.1", 1));
            cache.add(HeartbeatUpdate.event("machine$" + (2 * i + 1), u.uuid(), "127.0.0.2", 2));
        }

        HeartbeatFlushReport report = port.storeHeartbeats(cache);

        assertThat(report).isEqualTo(new HeartbeatFlushReport(2040, List.of()));
        List<Heartbeat> all = port.heartbeats(HeartbeatQuery.all());
        assertThat(all).hasSize(2042);
        assertThat(row("machine$2038", u)).isEqualTo(heartbeat("machine$2038", "127.0.0.1", 1, 1, null));
        assertThat(row("machine$2039", u)).isEqualTo(heartbeat("machine$2039", "127.0.0.2", 2, 2, 2L));
        assertThat(port.stats(u.uuid(), 0)).isEqualTo(new SubscriptionStats(2042, 1020, 1022, 0));
    }

    // The flush rule (docs/reference/reference-tests.md §9 item 6)

    @Test
    void emptyFlushDoesNothing() {
        assertThat(port.storeHeartbeats(List.of())).isEqualTo(new HeartbeatFlushReport(0, List.of()));
        assertThat(port.heartbeats(HeartbeatQuery.all())).isEmpty();
    }

    /** As another node's flush of an earlier sighting, landing after this one's. */
    @Test
    void anOlderEntryMovesNoLastSightingBackwardsKeepsTheIpAndBecomesTheFirstSeen() {
        flush(HeartbeatUpdate.event("m1", u.uuid(), "10.0.0.1", NOW));

        flush(new HeartbeatUpdate("m1", u.uuid(), "10.0.0.2", NOW - 100, NOW - 100));

        assertThat(row("m1", u)).isEqualTo(heartbeat("m1", "10.0.0.1", NOW - 100, NOW, NOW));
    }

    @Test
    void aLaterEntryKeepsTheFirstSeen() {
        flush(HeartbeatUpdate.heartbeat("m1", u.uuid(), "10.0.0.1", NOW));

        flush(HeartbeatUpdate.heartbeat("m1", u.uuid(), "10.0.0.1", NOW + 100));

        assertThat(row("m1", u).firstSeen()).isEqualTo(NOW);
    }

    @Test
    void anEntryAsRecentAsTheRowUpdatesTheIp() {
        flush(HeartbeatUpdate.heartbeat("m1", u.uuid(), "10.0.0.1", NOW));

        flush(HeartbeatUpdate.heartbeat("m1", u.uuid(), "10.0.0.2", NOW));

        assertThat(row("m1", u)).isEqualTo(heartbeat("m1", "10.0.0.2", NOW, NOW, null));
    }

    @Test
    void anEntryWithoutEventNeverClearsLastEventSeen() {
        flush(HeartbeatUpdate.event("m1", u.uuid(), "10.0.0.1", NOW));

        flush(HeartbeatUpdate.heartbeat("m1", u.uuid(), "10.0.0.1", NOW + 60));

        assertThat(row("m1", u)).isEqualTo(heartbeat("m1", "10.0.0.1", NOW, NOW + 60, NOW));
    }

    @Test
    void anOlderEventKeepsTheNewerLastEventSeenButANewerHeartbeatStillCounts() {
        flush(new HeartbeatUpdate("m1", u.uuid(), "10.0.0.1", NOW, NOW));

        flush(new HeartbeatUpdate("m1", u.uuid(), "10.0.0.2", NOW + 30, NOW - 30));

        assertThat(row("m1", u)).isEqualTo(heartbeat("m1", "10.0.0.2", NOW, NOW + 30, NOW));
    }

    @Test
    void aFirstEventOnARowWithoutEventSetsLastEventSeen() {
        flush(HeartbeatUpdate.heartbeat("m1", u.uuid(), "10.0.0.1", NOW));

        flush(new HeartbeatUpdate("m1", u.uuid(), "10.0.0.1", NOW - 10, NOW - 10));

        assertThat(row("m1", u)).isEqualTo(heartbeat("m1", "10.0.0.1", NOW - 10, NOW, NOW - 10));
    }

    @Test
    void entriesForTheSameRowApplyInIterationOrder() {
        flush(HeartbeatUpdate.heartbeat("newer-last", u.uuid(), "10.0.0.1", NOW),
                HeartbeatUpdate.heartbeat("newer-last", u.uuid(), "10.0.0.2", NOW + 5));
        flush(HeartbeatUpdate.heartbeat("older-last", u.uuid(), "10.0.0.1", NOW + 5),
                HeartbeatUpdate.heartbeat("older-last", u.uuid(), "10.0.0.2", NOW));

        assertThat(row("newer-last", u)).isEqualTo(heartbeat("newer-last", "10.0.0.2", NOW, NOW + 5, null));
        assertThat(row("older-last", u)).isEqualTo(heartbeat("older-last", "10.0.0.1", NOW, NOW + 5, null));
    }

    @Test
    void aFlushForAMissingSubscriptionIsDroppedAndReportedWhileTheRestIsStored() {
        UUID deleted = store(subscription("deleted")).uuid();
        storage.subscriptions().deleteSubscription(deleted);
        HeartbeatUpdate lost1 = HeartbeatUpdate.event("m1", deleted, "10.0.0.1", NOW);
        HeartbeatUpdate lost2 = HeartbeatUpdate.heartbeat("m2", UUID.randomUUID(), "10.0.0.2", NOW);
        HeartbeatUpdate kept1 = HeartbeatUpdate.event("m1", u.uuid(), "10.0.0.1", NOW);
        HeartbeatUpdate kept2 = HeartbeatUpdate.heartbeat("m2", u.uuid(), "10.0.0.2", NOW);

        HeartbeatFlushReport report = port.storeHeartbeats(List.of(kept1, lost1, kept2, lost2));

        assertThat(report.stored()).isEqualTo(2);
        assertThat(report.dropped()).containsExactlyInAnyOrder(lost1, lost2);
        assertThat(port.heartbeats(HeartbeatQuery.all())).containsExactly(
                heartbeat("m1", "10.0.0.1", NOW, NOW, NOW),
                heartbeat("m2", "10.0.0.2", NOW, NOW, null));
    }

    @Test
    void aFlushWhoseEveryEntryIsDroppedStoresNothing() {
        HeartbeatUpdate lost = HeartbeatUpdate.event("m1", UUID.randomUUID(), "10.0.0.1", NOW);

        HeartbeatFlushReport report = flush(lost);

        assertThat(report).isEqualTo(new HeartbeatFlushReport(0, List.of(lost)));
        assertThat(port.heartbeats(HeartbeatQuery.all())).isEmpty();
    }

    @Test
    void flushesOfSeveralSubscriptionsKeepOneRowPerMachineAndSubscription() {
        Subscription v = store(subscription("vuvu"));

        flush(HeartbeatUpdate.heartbeat("m1", u.uuid(), "10.0.0.1", NOW),
                HeartbeatUpdate.event("m1", v.uuid(), "10.0.0.1", NOW + 1));

        assertThat(row("m1", u).lastEventSeen()).isNull();
        assertThat(row("m1", v).lastEventSeen()).isEqualTo(NOW + 1);
        assertThat(port.heartbeats(HeartbeatQuery.byMachine("m1", null))).hasSize(2);
    }

    @Test
    void timestampsBeyond32BitsAreKept() {
        long farFuture = 10_000_000_000L;
        flush(HeartbeatUpdate.event("m1", u.uuid(), "10.0.0.1", farFuture));

        assertThat(row("m1", u)).isEqualTo(heartbeat("m1", "10.0.0.1", farFuture, farFuture, farFuture));
    }

    // Queries and ordering

    @Test
    void queriesFilterOnEveryGivenField() {
        Subscription v = store(subscription("vuvu"));
        flush(HeartbeatUpdate.heartbeat("m1", u.uuid(), "10.0.0.1", NOW),
                HeartbeatUpdate.heartbeat("m2", u.uuid(), "10.0.0.2", NOW),
                HeartbeatUpdate.heartbeat("m1", v.uuid(), "10.0.0.3", NOW));

        assertThat(port.heartbeats(HeartbeatQuery.byMachine("m1", null))).extracting(Heartbeat::ip)
                .containsExactly("10.0.0.1", "10.0.0.3");
        assertThat(port.heartbeats(HeartbeatQuery.byMachine("m1", v.uuid()))).extracting(Heartbeat::ip)
                .containsExactly("10.0.0.3");
        assertThat(port.heartbeats(HeartbeatQuery.byMachine("m2", v.uuid()))).isEmpty();
        assertThat(port.heartbeats(HeartbeatQuery.byIp("10.0.0.2", v.uuid()))).isEmpty();
        assertThat(port.heartbeats(HeartbeatQuery.bySubscription(v.uuid()))).extracting(Heartbeat::machine)
                .containsExactly("m1");
        assertThat(port.heartbeats(HeartbeatQuery.bySubscription(UUID.randomUUID()))).isEmpty();
        assertThat(port.heartbeats(HeartbeatQuery.byMachine("M1", null))).isEmpty();
    }

    @Test
    void heartbeatsAreOrderedBySubscriptionNameThenMachine() {
        // Lower-case ASCII letters only: every collation (C, ICU, glibc locales) orders them alike.
        Subscription zulu = store(subscription("zulu"));
        Subscription alpha = store(subscription("alpha"));
        flush(HeartbeatUpdate.heartbeat("delta", zulu.uuid(), "10.0.0.1", NOW),
                HeartbeatUpdate.heartbeat("bravo", alpha.uuid(), "10.0.0.1", NOW),
                HeartbeatUpdate.heartbeat("charlie", u.uuid(), "10.0.0.1", NOW),
                HeartbeatUpdate.heartbeat("alpha", zulu.uuid(), "10.0.0.1", NOW),
                HeartbeatUpdate.heartbeat("charlie", alpha.uuid(), "10.0.0.1", NOW),
                HeartbeatUpdate.heartbeat("alpha", u.uuid(), "10.0.0.1", NOW));

        assertThat(port.heartbeats(HeartbeatQuery.all()))
                .extracting(h -> h.subscription().name() + "/" + h.machine())
                .containsExactly("alpha/bravo", "alpha/charlie", "tutu/alpha", "tutu/charlie",
                        "zulu/alpha", "zulu/delta");
        assertThat(port.heartbeats(HeartbeatQuery.byIp("10.0.0.1", null))).hasSize(6);
    }

    @Test
    void heartbeatsCarryTheSubscriptionAsCurrentlyStored() {
        port.storeHeartbeat("m1", "10.0.0.1", u.uuid(), false, NOW);
        Subscription renamed = u.withParameters(u.parameters().withName("renamed")).withEnabled(false);
        store(renamed);

        assertThat(row("m1", u).subscription()).isEqualTo(renamed);
        assertThat(row("m1", u).firstSeen()).isEqualTo(NOW);
    }

    // docs/reference/reference-tests.md §5: test_stats_and_machines, with the clock passed in

    @Test
    @DisplayName("5#1-3 a subscription without heartbeat has zero counts and no machine")
    void noHeartbeatNoStats() {
        assertThat(port.stats(UUID.randomUUID(), 0)).isEqualTo(new SubscriptionStats(0, 0, 0, 0));
        assertThat(port.stats(u.uuid(), 0)).isEqualTo(new SubscriptionStats(0, 0, 0, 0));
        assertThat(port.machines(u.uuid(), 0, null)).isEmpty();
        for (MachineState state : MachineState.values()) {
            assertThat(port.machines(u.uuid(), 0, state)).isEmpty();
        }
    }

    @Test
    @DisplayName("5#4-6 a machine that sent a heartbeat is alive")
    void heartbeatMakesMachineAlive() {
        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), false, NOW);

        assertThat(port.stats(u.uuid(), 0)).isEqualTo(new SubscriptionStats(1, 1, 0, 0));
        Machine toto = new Machine("toto", "127.0.0.1");
        assertThat(port.machines(u.uuid(), 0, MachineState.Alive)).containsExactly(toto);
        assertThat(port.machines(u.uuid(), 0, null)).containsExactly(toto);
        assertThat(port.machines(u.uuid(), 0, MachineState.Active)).isEmpty();
        assertThat(port.machines(u.uuid(), 0, MachineState.Dead)).isEmpty();
    }

    @Test
    @DisplayName("5#7 a machine that sent events is active")
    void eventMakesMachineActive() {
        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), false, NOW);
        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), true, NOW);

        assertThat(port.stats(u.uuid(), 0)).isEqualTo(new SubscriptionStats(1, 0, 1, 0));
        assertThat(port.machines(u.uuid(), 0, MachineState.Active)).hasSize(1);
        assertThat(port.machines(u.uuid(), 0, MachineState.Alive)).isEmpty();
        assertThat(port.machines(u.uuid(), 0, MachineState.Dead)).isEmpty();
        assertThat(port.machines(u.uuid(), 0, null)).hasSize(1);
    }

    @Test
    @DisplayName("5#8-10 a machine silent since the start time is dead")
    void silentMachineIsDead() {
        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), false, NOW);
        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), true, NOW);
        port.storeHeartbeat("tata", "127.0.0.2", u.uuid(), false, NOW + 2);

        assertThat(port.stats(u.uuid(), NOW + 1)).isEqualTo(new SubscriptionStats(2, 1, 0, 1));
        assertThat(port.machines(u.uuid(), NOW + 1, null)).hasSize(2);
        assertThat(port.machines(u.uuid(), NOW + 1, MachineState.Alive))
                .containsExactly(new Machine("tata", "127.0.0.2"));
        assertThat(port.machines(u.uuid(), NOW + 1, MachineState.Dead))
                .containsExactly(new Machine("toto", "127.0.0.1"));
        assertThat(port.machines(u.uuid(), NOW + 1, MachineState.Active)).isEmpty();
    }

    @Test
    @DisplayName("5#11 a dead machine that sends events again is active")
    void deadMachineComesBackActive() {
        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), true, NOW);
        port.storeHeartbeat("tata", "127.0.0.2", u.uuid(), false, NOW + 2);

        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), true, NOW + 2);

        assertThat(port.stats(u.uuid(), NOW + 1)).isEqualTo(new SubscriptionStats(2, 1, 1, 0));
    }

    @Test
    @DisplayName("5#12 stats count the rows of their subscription only")
    void statsArePerSubscription() {
        port.storeHeartbeat("toto", "127.0.0.1", u.uuid(), true, NOW + 2);
        port.storeHeartbeat("tata", "127.0.0.2", u.uuid(), false, NOW + 2);
        Subscription v = store(subscription("tata"));

        port.storeHeartbeat("toto", "127.0.0.1", v.uuid(), true, NOW + 2);

        assertThat(port.stats(u.uuid(), NOW + 1)).isEqualTo(new SubscriptionStats(2, 1, 1, 0));
        assertThat(port.stats(v.uuid(), NOW + 1)).isEqualTo(new SubscriptionStats(1, 0, 1, 0));
    }

    @Test
    @DisplayName("operations 2.6 worked example: T = 1000")
    void workedExampleOfStats() {
        flush(new HeartbeatUpdate("alive-no-event", u.uuid(), "10.0.0.1", 1500, null),
                new HeartbeatUpdate("active", u.uuid(), "10.0.0.2", 1500, 1500L),
                new HeartbeatUpdate("alive-old-event", u.uuid(), "10.0.0.3", 1500, 900L),
                new HeartbeatUpdate("dead-at-t", u.uuid(), "10.0.0.4", 1000, null),
                new HeartbeatUpdate("dead-old-event", u.uuid(), "10.0.0.5", 800, 800L));

        assertThat(port.stats(u.uuid(), 1000)).isEqualTo(new SubscriptionStats(5, 2, 1, 2));
        assertThat(port.machines(u.uuid(), 1000, MachineState.Alive)).extracting(Machine::name)
                .containsExactly("alive-no-event", "alive-old-event");
        assertThat(port.machines(u.uuid(), 1000, MachineState.Active)).extracting(Machine::name)
                .containsExactly("active");
        assertThat(port.machines(u.uuid(), 1000, MachineState.Dead)).extracting(Machine::name)
                .containsExactly("dead-at-t", "dead-old-event");
        assertThat(port.machines(u.uuid(), 1000, null)).hasSize(5);
    }

    @Test
    void machinesAreOrderedByName() {
        // Lower-case ASCII letters only: every collation (C, ICU, glibc locales) orders them alike.
        for (String machine : List.of("delta", "alpha", "charlie", "bravo", "alphabet")) {
            port.storeHeartbeat(machine, "10.0.0.1", u.uuid(), false, NOW);
        }

        assertThat(port.machines(u.uuid(), 0, null)).extracting(Machine::name)
                .containsExactly("alpha", "alphabet", "bravo", "charlie", "delta");
        assertThat(port.machines(u.uuid(), 0, MachineState.Alive)).extracting(Machine::name)
                .containsExactly("alpha", "alphabet", "bravo", "charlie", "delta");
    }

    @Test
    void machinesShowTheLatestIp() {
        port.storeHeartbeat("toto", "10.0.0.1", u.uuid(), false, NOW);
        flush(HeartbeatUpdate.heartbeat("toto", u.uuid(), "10.0.0.9", NOW + 1));

        assertThat(port.machines(u.uuid(), 0, null)).containsExactly(new Machine("toto", "10.0.0.9"));
    }

    // Paging and exact restore (db copy)

    @Test
    @DisplayName("restored rows keep their exact timestamps, first_seen included, and page back")
    void restoredRowsPageBackExactly() {
        List<HeartbeatRecord> rows = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            rows.add(new HeartbeatRecord("m" + (char) ('a' + n), u.uuid(), "10.0.0." + n, 1000L + n, 2000L + n,
                    n % 3 == 0 ? null : 1500L + n));
        }
        port.restoreHeartbeats(rows);
        // Restoring again overwrites with the same values: a re-run copy changes nothing.
        port.restoreHeartbeats(rows);

        List<HeartbeatRecord> read = new ArrayList<>();
        RowKey after = null;
        for (List<HeartbeatRecord> page = port.heartbeatPage(null, 5); !page.isEmpty(); page = port.heartbeatPage(after, 5)) {
            read.addAll(page);
            HeartbeatRecord last = page.get(page.size() - 1);
            after = new RowKey(last.subscription(), last.machine());
        }
        assertThat(read).containsExactlyElementsOf(rows);
        assertThat(port.heartbeats(HeartbeatQuery.byMachine("ma", u.uuid())).get(0).firstSeen()).isEqualTo(1000L);
    }

    @Test
    @DisplayName("restoring a row of an unknown subscription writes nothing")
    void restoreWithUnknownSubscriptionWritesNothing() {
        assertThatThrownBy(() -> port.restoreHeartbeats(List.of(
                new HeartbeatRecord("m1", u.uuid(), "10.0.0.1", 1L, 2L, null),
                new HeartbeatRecord("m2", UUID.randomUUID(), "10.0.0.2", 1L, 2L, null))))
                .isInstanceOf(UserError.class);
        assertThat(port.heartbeatPage(null, 10)).isEmpty();
    }
}
