package org.openwec.adapters.testkit.released;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.DowngradeLoss;
import org.openwec.core.model.HeartbeatRecord;
import org.openwec.core.model.Migration;
import org.openwec.core.model.RowKey;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.MigrateSchema;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.SchemaService;

/**
 * What every SQL backend does with databases made by OpenWEC (docs/reference/reference-tests.md §9 item 2): a database in each
 * released state ({@link ReleasedFixtures}), upgraded with {@code db upgrade}, reads back exactly as the
 * reference says; downgraded to each earlier released state and upgraded again, it has the same content,
 * or the downgrade is refused before anything is touched with exactly the losses the fixture expects.
 */
public abstract class ReleasedDatabasesContract {
    private static final int PAGE = 500;

    protected abstract Backend backend();

    /** A fresh database on which nothing ran, not even the bookkeeping table; the subclass closes it after the test. */
    protected abstract Storage newUninitialisedStorage();

    /**
     * Inserts every row of the tables, in order, with plain SQL ({@link FixtureTable#insertSql()}, every value
     * a parameter, encoded by {@link Backend#encode}), in one transaction.
     */
    protected abstract void insertRows(Storage storage, List<FixtureTable> tables);

    /** The columns of {@code subscriptions} as the database has them now, in physical order. */
    protected abstract List<String> subscriptionColumns(Storage storage);

    /** Subscription name to the text of one of its columns, read with plain SQL. */
    protected abstract Map<String, String> storedColumn(Storage storage, String column);

    /** Everything a database holds, as read through the ports. */
    record Content(Map<String, Subscription> subscriptions, Map<RowKey, Bookmark> bookmarks,
                   Map<RowKey, HeartbeatRecord> heartbeats) {}

    @ParameterizedTest(name = "{0} database")
    @EnumSource(ReleasedState.class)
    void upgradeReachesTheLatestVersionAndEveryRowReadsAsTheReferenceSays(ReleasedState state) {
        ReleasedFixture fixture = ReleasedFixtures.of(state);
        Storage storage = buildAt(fixture);
        MigrateSchema migrate = migrate(storage);

        MigrateSchema.Plan plan = migrate.planUpgrade(OptionalLong.empty());
        assertThat(plan.steps()).extracting(Migration::version)
                .containsExactlyElementsOf(versions(state.schemaVersion(backend()) + 1, latest()));
        migrate.execute(plan);

        assertAtLatest(storage);
        Content content = read(storage);
        assertSubscriptions(content.subscriptions(), fixture.expectedSubscriptions());
        // Our reader takes a NULL kind next to an operation as Client; the reference's panics, so the upgrade
        // itself must have stored the kind (SQLite in 14, PostgreSQL in 15).
        Map<String, String> kinds = new LinkedHashMap<>();
        fixture.expectedSubscriptions().forEach((name, s) ->
                kinds.put(name, s.clientFilter() == null ? null : s.clientFilter().kind().name()));
        assertThat(storedColumn(storage, "client_filter_kind")).as("stored client_filter_kind").isEqualTo(kinds);
        assertThat(content.bookmarks()).as("bookmarks").isEqualTo(bookmarksByKey(fixture.bookmarks()));
        assertThat(content.heartbeats()).as("heartbeats").isEqualTo(heartbeatsByKey(fixture.heartbeats()));
    }

    static Stream<Arguments> fixturesAndEarlierReleasedStates() {
        return Stream.of(ReleasedState.values()).flatMap(state ->
                ReleasedState.earlierThanLatest().stream().map(target -> Arguments.of(state, target)));
    }

    @ParameterizedTest(name = "{0} database, upgraded, down to {1} and up again")
    @MethodSource("fixturesAndEarlierReleasedStates")
    void downgradeToAnEarlierReleasedStateThenUpgradeKeepsTheContent(ReleasedState state, ReleasedState target) {
        ReleasedFixture fixture = ReleasedFixtures.of(state);
        Storage storage = buildAt(fixture);
        MigrateSchema migrate = migrate(storage);
        migrate.execute(migrate.planUpgrade(OptionalLong.empty()));
        Content before = read(storage);
        assertSubscriptions(before.subscriptions(), fixture.expectedSubscriptions());

        long to = target.schemaVersion(backend());
        MigrateSchema.Plan down = migrate.planDowngrade(OptionalLong.of(to));
        // Plans list their steps ascending; they run highest first.
        assertThat(down.steps()).extracting(Migration::version).containsExactlyElementsOf(versions(to + 1, latest()));
        List<ExpectedLoss> expectedLosses = fixture.expectedLosses(target);
        assertThat(down.losses()).extracting(ExpectedLoss::of).as(describe(down.losses()))
                .containsExactlyInAnyOrderElementsOf(expectedLosses);

        if (!expectedLosses.isEmpty()) {
            boolean blocked = expectedLosses.stream().anyMatch(ExpectedLoss::blocking);
            assertThat(down.blocked()).isEqualTo(blocked);
            assertThatThrownBy(() -> migrate.execute(down))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining(blocked ? "cannot convert" : "would lose data")
                    .hasMessageContaining("Nothing was changed");
            if (blocked) {
                assertThatThrownBy(() -> migrate.execute(down, true))
                        .isInstanceOf(UserError.class)
                        .hasMessageContaining("cannot convert")
                        .hasMessageContaining("Nothing was changed");
            }
            assertAtLatest(storage);
            assertThat(read(storage)).as("content after the refused downgrade").isEqualTo(before);
            return;
        }

        migrate.execute(down);
        assertThat(storage.schema().appliedVersions()).containsExactlyElementsOf(versions(1, to));
        assertThat(subscriptionColumns(storage)).as("subscriptions columns at " + target)
                .containsExactlyElementsOf(target.subscriptionColumns());

        MigrateSchema.Plan up = migrate.planUpgrade(OptionalLong.empty());
        assertThat(up.steps()).extracting(Migration::version).containsExactlyElementsOf(versions(to + 1, latest()));
        migrate.execute(up);

        assertAtLatest(storage);
        Content after = read(storage);
        assertSubscriptions(after.subscriptions(), fixture.expectedSubscriptionsAfterRoundTripThrough(target));
        // The same, said of what was read before the downgrade: below 12 the only change is the Files
        // placeholder {principal} spelt {client} (see FixtureSubscription#expectedAfterRoundTripThrough).
        UnaryOperator<Subscription> normalisation = target.hasFilesPaths()
                ? UnaryOperator.identity() : FixtureSubscription::withClientPlaceholder;
        assertSubscriptions(after.subscriptions(), before.subscriptions().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> normalisation.apply(e.getValue()), (a, b) -> a, LinkedHashMap::new)));
        assertThat(after.bookmarks()).as("bookmarks").isEqualTo(before.bookmarks());
        assertThat(after.heartbeats()).as("heartbeats").isEqualTo(before.heartbeats());
    }

    /** The catalogue's promises, so that editing it cannot quietly weaken the tests above. */
    @Test
    void theCatalogueIsRealisticAndRoundTripsOneDatabaseThroughEveryReleasedState() {
        List<ReleasedFixture> all = ReleasedFixtures.all();
        assertThat(all).allSatisfy(f -> {
            assertThat(f.subscriptions()).as(f.toString()).hasSizeGreaterThanOrEqualTo(4);
            assertThat(f.bookmarks()).as(f.toString()).hasSize(ReleasedFixtures.BOOKMARKS);
            assertThat(f.heartbeats()).as(f.toString()).hasSize(ReleasedFixtures.HEARTBEATS);
            assertThat(f.heartbeats()).as(f.toString()).anyMatch(h -> h.lastEventSeen() == null)
                    .anyMatch(h -> h.lastEventSeen() != null);
            assertThat(f.subscriptions()).as(f.toString()).anyMatch(s -> s.expected().enabled())
                    .anyMatch(s -> !s.expected().enabled())
                    .anyMatch(s -> s.expected().uri() == null).anyMatch(s -> s.expected().uri() != null);
        });
        assertThat(all).as("a database that goes down to every released state without loss")
                .anyMatch(f -> ReleasedState.earlierThanLatest().stream().allMatch(f::downgradesLosslesslyTo));
        assertThat(all).as("a lossless round trip below 12 that exercises the {principal} normalisation")
                .anyMatch(f -> f.downgradesLosslesslyTo(ReleasedState.V0_2) && f.subscriptions().stream().anyMatch(
                        s -> !s.expectedAfterRoundTripThrough(ReleasedState.V0_2).equals(s.expected())));
    }

    // ------------------------------------------------------------------ helpers

    private Storage buildAt(ReleasedFixture fixture) {
        Storage storage = newUninitialisedStorage();
        storage.schema().setupSchema();
        MigrateSchema migrate = migrate(storage);
        long version = fixture.state().schemaVersion(backend());
        migrate.execute(migrate.planUpgrade(OptionalLong.of(version)));
        assertThat(storage.schema().appliedVersions()).containsExactlyElementsOf(versions(1, version));
        assertThat(subscriptionColumns(storage)).as("subscriptions columns at " + fixture.state())
                .containsExactlyElementsOf(fixture.state().subscriptionColumns());
        insertRows(storage, fixture.tables());
        return storage;
    }

    private void assertAtLatest(Storage storage) {
        assertThat(latest()).as("the backend's latest version").isEqualTo(ReleasedState.LATEST.schemaVersion(backend()));
        assertThat(storage.schema().appliedVersions()).as("applied versions")
                .containsExactlyElementsOf(storage.schema().registeredMigrations().keySet())
                .containsExactlyElementsOf(versions(1, latest()));
        assertThat(subscriptionColumns(storage)).as("subscriptions columns at the latest version")
                .containsExactlyElementsOf(ReleasedState.LATEST.subscriptionColumns());
    }

    private long latest() {
        return backend().latestVersion();
    }

    private static MigrateSchema migrate(Storage storage) {
        return new SchemaService(storage.schema(), storage.location(), MigrationEngine.Listener.SILENT);
    }

    private static List<Long> versions(long fromInclusive, long toInclusive) {
        return LongStream.rangeClosed(fromInclusive, toInclusive).boxed().toList();
    }

    /** Whole-object equality, subscription by subscription, so that a failure names the one that differs. */
    private static void assertSubscriptions(Map<String, Subscription> actual, Map<String, Subscription> expected) {
        assertThat(actual.keySet()).as("subscription names").containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, subscription) ->
                assertThat(actual.get(name)).as("subscription " + name).isEqualTo(subscription));
    }

    private static Content read(Storage storage) {
        Map<String, Subscription> subscriptions = new LinkedHashMap<>();
        for (Subscription s : storage.subscriptions().subscriptions()) {
            assertThat(subscriptions.put(s.name(), s)).as("subscription names are unique").isNull();
        }
        Map<RowKey, Bookmark> bookmarks = new LinkedHashMap<>();
        RowKey after = null;
        for (List<Bookmark> page; !(page = storage.bookmarks().bookmarkPage(after, PAGE)).isEmpty(); ) {
            for (Bookmark b : page) {
                RowKey key = new RowKey(b.subscription(), b.machine());
                assertThat(bookmarks.put(key, b)).as("bookmark %s read twice", key).isNull();
                after = key;
            }
        }
        Map<RowKey, HeartbeatRecord> heartbeats = new LinkedHashMap<>();
        after = null;
        for (List<HeartbeatRecord> page; !(page = storage.heartbeats().heartbeatPage(after, PAGE)).isEmpty(); ) {
            for (HeartbeatRecord h : page) {
                RowKey key = new RowKey(h.subscription(), h.machine());
                assertThat(heartbeats.put(key, h)).as("heartbeat %s read twice", key).isNull();
                after = key;
            }
        }
        return new Content(subscriptions, bookmarks, heartbeats);
    }

    private static Map<RowKey, Bookmark> bookmarksByKey(List<Bookmark> rows) {
        Map<RowKey, Bookmark> byKey = new LinkedHashMap<>();
        rows.forEach(b -> byKey.put(new RowKey(b.subscription(), b.machine()), b));
        assertThat(byKey).as("fixture bookmark keys are unique").hasSameSizeAs(rows);
        return byKey;
    }

    private static Map<RowKey, HeartbeatRecord> heartbeatsByKey(List<HeartbeatRecord> rows) {
        Map<RowKey, HeartbeatRecord> byKey = new LinkedHashMap<>();
        rows.forEach(h -> byKey.put(new RowKey(h.subscription(), h.machine()), h));
        assertThat(byKey).as("fixture heartbeat keys are unique").hasSameSizeAs(rows);
        return byKey;
    }

    private static String describe(List<DowngradeLoss> losses) {
        List<String> lines = new ArrayList<>();
        losses.forEach(l -> lines.add(l + (l.blocking() ? " [blocking]" : "")));
        return "downgrade losses reported:\n" + String.join("\n", lines);
    }
}
