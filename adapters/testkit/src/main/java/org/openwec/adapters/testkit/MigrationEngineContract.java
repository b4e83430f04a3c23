package org.openwec.adapters.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openwec.core.migration.MigrationCatalogue;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.migration.SchemaNotInitialisedException;
import org.openwec.core.migration.SchemaStatus;
import org.openwec.core.model.Migration;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.CheckSchema;
import org.openwec.core.port.in.MigrateSchema;
import org.openwec.core.port.out.SchemaPort;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.SchemaService;

/**
 * What every {@link SchemaPort} does under the core's migration engine (docs/reference/operations.md §4,
 * docs/reference/reference-tests.md §7): bookkeeping, upgrade and downgrade plans, versions written by a newer binary,
 * and the start-up check.
 */
public abstract class MigrationEngineContract {

    /** A fresh database with the whole schema applied; the test closes it. */
    protected abstract Storage newStorage();

    /** A fresh database on which nothing ran: not even the bookkeeping table exists. */
    protected abstract Storage newUninitialisedStorage();

    /** Records {@code version} as applied without running anything, as a newer binary would have left it. */
    protected abstract void markApplied(Storage storage, long version);

    /**
     * A fresh, uninitialised database whose only registered migration is the reference's test one:
     * version 1 "create users table" (up creates {@code users (id BIGINT PRIMARY KEY)}, down drops it).
     * Closed by the test when it is {@link AutoCloseable}.
     */
    protected abstract SchemaPort newSchemaWithOnlyUsersTableMigration();

    /**
     * A second, independent opening of the same database (its own connections), as a second collector
     * node would have; the test closes it.
     */
    protected abstract Storage reopen(Storage storage);

    /** Every step the engine announces, in order, as "apply 3" or "revert 3". */
    private static final class Recorder implements MigrationEngine.Listener {
        final List<String> steps = new ArrayList<>();

        @Override
        public void applying(Migration migration) {
            steps.add("apply " + migration.version());
        }

        @Override
        public void reverting(Migration migration) {
            steps.add("revert " + migration.version());
        }
    }

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Recorder recorder = new Recorder();

    @AfterEach
    void closeEverythingOpened() throws Exception {
        for (AutoCloseable resource : opened) {
            resource.close();
        }
    }

    private Storage migrated() {
        Storage storage = newStorage();
        opened.add(storage);
        return storage;
    }

    private Storage uninitialised() {
        Storage storage = newUninitialisedStorage();
        opened.add(storage);
        return storage;
    }

    /** A database with the bookkeeping table and versions 1 to {@code to} applied. */
    private Storage migratedUpTo(long to) {
        Storage storage = uninitialised();
        storage.schema().setupSchema();
        new MigrationEngine(storage.schema(), MigrationEngine.Listener.SILENT).up(OptionalLong.of(to), false);
        return storage;
    }

    private MigrateSchema migrateSchema(Storage storage) {
        return new SchemaService(storage.schema(), storage.location(), recorder);
    }

    private CheckSchema checkSchema(Storage storage) {
        return new SchemaService(storage.schema(), storage.location(), recorder);
    }

    private static long latest(Storage storage) {
        return storage.schema().registeredMigrations().lastKey();
    }

    private static List<Long> versions(List<Migration> migrations) {
        return migrations.stream().map(Migration::version).toList();
    }

    private static List<Long> range(long fromInclusive, long toInclusive) {
        return LongStream.rangeClosed(fromInclusive, toInclusive).boxed().toList();
    }

    private static void assertApplied(Storage storage, List<Long> expected) {
        assertThat(storage.schema().appliedVersions()).containsExactlyElementsOf(expected);
    }

    // docs/reference/reference-tests.md §7.1 and 7.3

    @Test
    @DisplayName("7.1 test_register: a lone migration is applied then reverted")
    void registerUsersTableMigration() throws Exception {
        SchemaPort schema = newSchemaWithOnlyUsersTableMigration();
        if (schema instanceof AutoCloseable closeable) {
            opened.add(closeable);
        }
        assertThat(schema.registeredMigrations()).containsExactlyEntriesOf(
                Map.of(1L, new Migration(1, "create users table")));
        MigrationEngine engine = new MigrationEngine(schema, MigrationEngine.Listener.SILENT);

        schema.setupSchema();
        assertThat(versions(engine.up(OptionalLong.empty(), false))).containsExactly(1L);
        assertThat(schema.appliedVersions().last()).isEqualTo(1L);

        assertThat(versions(engine.down(OptionalLong.empty(), false))).containsExactly(1L);
        assertThat(schema.appliedVersions()).isEmpty();
    }

    @Test
    @DisplayName("7.3 test_open_and_close: opening and closing a database succeeds")
    void openAndClose() {
        assertThatCode(() -> newUninitialisedStorage().close()).doesNotThrowAnyException();
        assertThatCode(() -> newStorage().close()).doesNotThrowAnyException();
    }

    @Test
    void registersTheReferenceCatalogue() {
        SortedMap<Long, Migration> registered = uninitialised().schema().registeredMigrations();

        assertThat(registered.lastKey()).isIn(MigrationCatalogue.SQLITE_LATEST, MigrationCatalogue.POSTGRES_LATEST);
        assertThat(registered).containsExactlyEntriesOf(MigrationCatalogue.upTo(registered.lastKey()));
    }

    // A database never initialised

    @Test
    void anUninitialisedDatabaseHasNoBookkeeping() {
        Storage storage = uninitialised();

        assertThat(storage.schema().isInitialised()).isFalse();
        assertThatThrownBy(() -> storage.schema().appliedVersions())
                .isInstanceOf(SchemaNotInitialisedException.class);
        SchemaStatus status = migrateSchema(storage).status();
        assertThat(status.state()).isEqualTo(SchemaStatus.State.NOT_INITIALISED);
        assertThat(status.pending()).containsExactlyElementsOf(storage.schema().registeredMigrations().values());
    }

    @Test
    void anUninitialisedDatabaseFailsTheStartUpCheckWithAHint() {
        Storage storage = uninitialised();
        CheckSchema check = checkSchema(storage);

        assertThatThrownBy(check::requireUpToDate)
                .isInstanceOf(SchemaNotInitialisedException.class)
                .hasMessageContaining("openwec db init");
    }

    @Test
    void upgradeAndDowngradePlansNeedAnInitialisedDatabase() {
        MigrateSchema migrate = migrateSchema(uninitialised());

        assertThatThrownBy(() -> migrate.planUpgrade(OptionalLong.empty()))
                .isInstanceOf(SchemaNotInitialisedException.class);
        assertThatThrownBy(() -> migrate.planDowngrade(OptionalLong.empty()))
                .isInstanceOf(SchemaNotInitialisedException.class);
    }

    @Test
    void setupSchemaCreatesAnEmptyBookkeepingTableOnce() {
        Storage storage = uninitialised();

        storage.schema().setupSchema();
        assertThat(storage.schema().isInitialised()).isTrue();
        assertApplied(storage, List.of());
        SchemaStatus status = migrateSchema(storage).status();
        assertThat(status.state()).isEqualTo(SchemaStatus.State.OUTDATED);
        assertThat(status.currentVersion()).isEqualTo(-1);

        new MigrationEngine(storage.schema(), MigrationEngine.Listener.SILENT).up(OptionalLong.of(2), false);
        storage.schema().setupSchema();
        assertApplied(storage, List.of(1L, 2L));
    }

    // db init (operations 4.5)

    @Test
    void initAppliesEveryMigrationInAscendingOrder() {
        Storage storage = uninitialised();
        long latest = latest(storage);

        List<Migration> applied = migrateSchema(storage).init();

        assertThat(versions(applied)).containsExactlyElementsOf(range(1, latest));
        assertThat(recorder.steps).containsExactlyElementsOf(range(1, latest).stream().map(v -> "apply " + v).toList());
        assertApplied(storage, range(1, latest));
        assertThat(migrateSchema(storage).status().state()).isEqualTo(SchemaStatus.State.UP_TO_DATE);
    }

    @Test
    void initIsIdempotent() {
        Storage storage = uninitialised();
        migrateSchema(storage).init();

        assertThat(migrateSchema(storage).init()).isEmpty();
        assertApplied(storage, range(1, latest(storage)));
    }

    @Test
    void aNewStorageIsUpToDateAndPassesTheStartUpCheck() {
        Storage storage = migrated();

        SchemaStatus status = migrateSchema(storage).status();
        assertThat(status.state()).isEqualTo(SchemaStatus.State.UP_TO_DATE);
        assertThat(status.currentVersion()).isEqualTo(latest(storage));
        assertThat(status.pending()).isEmpty();
        assertThat(status.unknown()).isEmpty();
        assertThatCode(() -> checkSchema(storage).requireUpToDate())
                .doesNotThrowAnyException();
    }

    // db upgrade (operations 4.2)

    @Test
    void upgradeToAVersionAboveCurrentAppliesUpToItInclusive() {
        Storage storage = migratedUpTo(5);
        MigrateSchema migrate = migrateSchema(storage);

        MigrateSchema.Plan plan = migrate.planUpgrade(OptionalLong.of(8));
        assertThat(versions(plan.steps())).containsExactly(6L, 7L, 8L);
        assertApplied(storage, range(1, 5));

        assertThat(versions(migrate.execute(plan))).containsExactly(6L, 7L, 8L);
        assertThat(recorder.steps).containsExactly("apply 6", "apply 7", "apply 8");
        assertApplied(storage, range(1, 8));
        assertThat(migrate.status().state()).isEqualTo(SchemaStatus.State.OUTDATED);
    }

    @Test
    void upgradeToAVersionBelowCurrentDoesNothing() {
        Storage storage = migratedUpTo(8);
        MigrateSchema migrate = migrateSchema(storage);

        MigrateSchema.Plan plan = migrate.planUpgrade(OptionalLong.of(5));

        assertThat(plan.isEmpty()).isTrue();
        assertThat(migrate.execute(plan)).isEmpty();
        assertApplied(storage, range(1, 8));
    }

    @Test
    void upgradeWithoutTargetOrBeyondLatestAppliesEveryPendingVersion() {
        Storage storage = migratedUpTo(5);
        long latest = latest(storage);
        MigrateSchema migrate = migrateSchema(storage);

        assertThat(versions(migrate.planUpgrade(OptionalLong.of(1000)).steps()))
                .containsExactlyElementsOf(range(6, latest));
        MigrateSchema.Plan plan = migrate.planUpgrade(OptionalLong.empty());
        assertThat(versions(plan.steps())).containsExactlyElementsOf(range(6, latest));

        migrate.execute(plan);
        assertApplied(storage, range(1, latest));
        assertThat(migrate.planUpgrade(OptionalLong.empty()).isEmpty()).isTrue();
    }

    @Test
    void upgradeFillsAGapBelowTheCurrentVersion() {
        Storage storage = migrated();
        long latest = latest(storage);
        storage.schema().revert(3);
        MigrateSchema migrate = migrateSchema(storage);
        assertThat(migrate.status().pending()).extracting(Migration::version).containsExactly(3L);

        assertThat(migrate.planUpgrade(OptionalLong.of(2)).isEmpty()).isTrue();
        assertThat(versions(migrate.execute(migrate.planUpgrade(OptionalLong.empty())))).containsExactly(3L);
        assertApplied(storage, range(1, latest));
    }

    @Test
    void aPlanRunTwiceAppliesNothingTheSecondTime() {
        Storage storage = migratedUpTo(5);
        MigrateSchema migrate = migrateSchema(storage);
        MigrateSchema.Plan plan = migrate.planUpgrade(OptionalLong.empty());

        migrate.execute(plan);

        assertThat(migrate.execute(plan)).isEmpty();
    }

    @Test
    void planningChangesNothing() {
        Storage storage = migratedUpTo(5);
        MigrateSchema migrate = migrateSchema(storage);

        migrate.planUpgrade(OptionalLong.empty());
        migrate.planDowngrade(OptionalLong.of(0));

        assertApplied(storage, range(1, 5));
        assertThat(recorder.steps).isEmpty();
    }

    // db downgrade (operations 4.3, 4.4)

    @Test
    void downgradeToAVersionRevertsEveryVersionAboveItHighestFirst() {
        Storage storage = migrated();
        long latest = latest(storage);
        MigrateSchema migrate = migrateSchema(storage);

        MigrateSchema.Plan plan = migrate.planDowngrade(OptionalLong.of(10));
        assertThat(versions(plan.steps())).containsExactlyElementsOf(range(11, latest));

        assertThat(versions(migrate.execute(plan))).containsExactlyElementsOf(range(11, latest));
        assertThat(recorder.steps).containsExactlyElementsOf(
                range(11, latest).reversed().stream().map(v -> "revert " + v).toList());
        assertApplied(storage, range(1, 10));
    }

    @Test
    void downgradeToTheCurrentVersionOrAboveDoesNothing() {
        Storage storage = migratedUpTo(8);
        MigrateSchema migrate = migrateSchema(storage);

        assertThat(migrate.planDowngrade(OptionalLong.of(8)).isEmpty()).isTrue();
        assertThat(migrate.planDowngrade(OptionalLong.of(12)).isEmpty()).isTrue();
    }

    @Test
    void downgradeWithoutTargetRevertsExactlyTheHighestVersion() {
        Storage storage = migrated();
        long latest = latest(storage);
        MigrateSchema migrate = migrateSchema(storage);

        MigrateSchema.Plan plan = migrate.planDowngrade(OptionalLong.empty());
        assertThat(plan.target()).hasValue(latest - 1);
        assertThat(versions(plan.steps())).containsExactly(latest);

        migrate.execute(plan);
        assertApplied(storage, range(1, latest - 1));
    }

    @Test
    void downgradeWithoutTargetAndOneVersionAppliedRevertsIt() {
        Storage storage = migratedUpTo(1);
        MigrateSchema migrate = migrateSchema(storage);

        MigrateSchema.Plan plan = migrate.planDowngrade(OptionalLong.empty());
        assertThat(plan.target()).isEmpty();
        assertThat(versions(plan.steps())).containsExactly(1L);

        migrate.execute(plan);
        assertApplied(storage, List.of());
    }

    @Test
    void downgradeToZeroRevertsEverythingAndInitRestoresIt() {
        Storage storage = migrated();
        long latest = latest(storage);
        MigrateSchema migrate = migrateSchema(storage);

        assertThat(versions(migrate.execute(migrate.planDowngrade(OptionalLong.of(0)))))
                .containsExactlyElementsOf(range(1, latest));
        assertApplied(storage, List.of());
        assertThat(storage.schema().isInitialised()).isTrue();
        assertThat(migrate.status().state()).isEqualTo(SchemaStatus.State.OUTDATED);

        // docs/reference/reference-tests.md §7.4: every reference test runs a full down then a full up
        assertThat(versions(migrate.init())).containsExactlyElementsOf(range(1, latest));
        assertThat(migrate.status().state()).isEqualTo(SchemaStatus.State.UP_TO_DATE);
    }

    @Test
    void downgradeWithNothingAppliedDoesNothing() {
        Storage storage = migratedUpTo(0);
        MigrateSchema migrate = migrateSchema(storage);

        assertThat(migrate.planDowngrade(OptionalLong.empty()).isEmpty()).isTrue();
        assertThat(migrate.planDowngrade(OptionalLong.of(0)).isEmpty()).isTrue();
    }

    // Versions written by a newer binary

    @Test
    void versionsUnknownToThisBinaryAreReportedAsNewer() {
        Storage storage = migrated();
        long latest = latest(storage);
        markApplied(storage, latest + 85);

        SchemaStatus status = migrateSchema(storage).status();
        assertThat(status.state()).isEqualTo(SchemaStatus.State.NEWER_THAN_BINARY);
        assertThat(status.unknown()).containsExactly(latest + 85);
        assertThat(status.pending()).isEmpty();
        assertThat(status.currentVersion()).isEqualTo(latest + 85);
    }

    @Test
    void aDatabaseFromANewerBinaryFailsTheStartUpCheckWithoutAskingForAnUpgrade() {
        Storage storage = migrated();
        long unknown = latest(storage) + 85;
        markApplied(storage, unknown);
        CheckSchema check = checkSchema(storage);

        assertThatThrownBy(check::requireUpToDate)
                .isInstanceOf(UserError.class)
                .hasMessageContaining(String.valueOf(unknown))
                .hasMessageContaining("newer")
                .hasMessageNotContaining(CheckSchema.OUTDATED);
    }

    @Test
    void unknownVersionsAreNeverReverted() {
        Storage storage = migrated();
        long latest = latest(storage);
        long unknown = latest + 85;
        markApplied(storage, unknown);
        MigrateSchema migrate = migrateSchema(storage);

        MigrateSchema.Plan byDefault = migrate.planDowngrade(OptionalLong.empty());
        assertThat(versions(byDefault.steps())).containsExactly(latest);
        assertThat(versions(migrate.planDowngrade(OptionalLong.of(latest)).steps())).isEmpty();

        migrate.execute(migrate.planDowngrade(OptionalLong.of(0)), Set.of(MigrateSchema.Risk.UNKNOWN_VERSIONS));
        assertThat(storage.schema().appliedVersions()).containsExactly(unknown);
        assertThat(migrate.status().unknown()).containsExactly(unknown);
        assertThat(migrate.planDowngrade(OptionalLong.of(0)).isEmpty()).isTrue();
    }

    @Test
    void noSchemaChangeRunsUnderneathUnknownVersionsUnlessForced() {
        Storage storage = migratedUpTo(5);
        long latest = latest(storage);
        markApplied(storage, latest + 85);
        MigrateSchema migrate = migrateSchema(storage);
        MigrateSchema.Plan down = migrate.planDowngrade(OptionalLong.empty());
        MigrateSchema.Plan up = migrate.planUpgrade(OptionalLong.empty());

        for (MigrateSchema.Plan plan : List.of(down, up)) {
            assertThatThrownBy(() -> migrate.requireAcceptable(plan, Set.of()))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining(String.valueOf(latest + 85))
                    .hasMessageContaining("newer")
                    .hasMessageContaining("--force");
            assertThatThrownBy(() -> migrate.execute(plan, true)).isInstanceOf(UserError.class);
        }
        assertThatThrownBy(migrate::init).isInstanceOf(UserError.class).hasMessageContaining("--force");
        assertApplied(storage, withUnknown(range(1, 5), latest + 85));

        assertThat(versions(migrate.execute(down, Set.of(MigrateSchema.Risk.UNKNOWN_VERSIONS)))).containsExactly(5L);
        assertApplied(storage, withUnknown(range(1, 4), latest + 85));
    }

    private static List<Long> withUnknown(List<Long> versions, long unknown) {
        List<Long> all = new ArrayList<>(versions);
        all.add(unknown);
        return all;
    }

    @Test
    void unknownVersionsDoNotHideAPendingOne() {
        Storage storage = migratedUpTo(5);
        markApplied(storage, 1000);
        MigrateSchema migrate = migrateSchema(storage);

        assertThat(migrate.status().state()).isEqualTo(SchemaStatus.State.NEWER_THAN_BINARY);
        assertThat(versions(migrate.planUpgrade(OptionalLong.empty()).steps()))
                .containsExactlyElementsOf(range(6, latest(storage)));
    }

    // Start-up check (operations 4.6)

    @Test
    void anOutdatedDatabaseFailsTheStartUpCheckWithTheReferenceMessage() {
        Storage storage = migrated();
        storage.schema().revert(latest(storage));
        CheckSchema check = checkSchema(storage);

        assertThatThrownBy(check::requireUpToDate)
                .isInstanceOf(UserError.class)
                .hasMessage(CheckSchema.OUTDATED);
    }

    // The port's own checks

    @Test
    void applyingOrRevertingAnUnregisteredVersionFailsAndChangesNothing() {
        Storage storage = migratedUpTo(5);
        long unregistered = latest(storage) + 85;

        assertThatThrownBy(() -> storage.schema().apply(unregistered))
                .isInstanceOf(RuntimeException.class)
                .hasMessageContaining(String.valueOf(unregistered));
        assertThatThrownBy(() -> storage.schema().revert(unregistered))
                .isInstanceOf(RuntimeException.class)
                .hasMessageContaining(String.valueOf(unregistered));
        assertApplied(storage, range(1, 5));
    }

    @Test
    void appliedVersionsAreAscending() {
        Storage storage = migratedUpTo(5);
        markApplied(storage, 1000);
        storage.schema().revert(2);

        assertThat(storage.schema().appliedVersions()).containsExactly(1L, 3L, 4L, 5L, 1000L);
    }

    // Several nodes upgrading at once (issue: safe concurrent upgrades)

    @Test
    @DisplayName("applying an applied version, or reverting an unapplied one, does nothing and says so")
    void applyAndRevertAreGuardedByTheBookkeepingRow() {
        Storage storage = migrated();
        long latest = latest(storage);
        assertThat(storage.schema().apply(latest)).isFalse();
        assertThat(storage.schema().revert(latest)).isTrue();
        assertThat(storage.schema().revert(latest)).isFalse();
        assertThat(storage.schema().apply(latest)).isTrue();
        assertApplied(storage, range(1, latest));
    }

    @Test
    @DisplayName("two upgrades at the same moment apply each migration exactly once, without error")
    void concurrentUpgradesApplyEachMigrationOnce() throws Exception {
        Storage first = uninitialised();
        first.schema().setupSchema();
        Storage second = reopen(first);
        opened.add(second);
        MigrateSchema a = new SchemaService(first.schema(), first.location(), MigrationEngine.Listener.SILENT);
        MigrateSchema b = new SchemaService(second.schema(), second.location(), MigrationEngine.Listener.SILENT);
        MigrateSchema.Plan planA = a.planUpgrade(OptionalLong.empty());
        MigrateSchema.Plan planB = b.planUpgrade(OptionalLong.empty());

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<Migration>> byA = pool.submit(() -> {
                start.await();
                return a.execute(planA);
            });
            Future<List<Migration>> byB = pool.submit(() -> {
                start.await();
                return b.execute(planB);
            });
            List<Long> appliedByA = versions(byA.get(60, TimeUnit.SECONDS));
            List<Long> appliedByB = versions(byB.get(60, TimeUnit.SECONDS));

            List<Long> all = new ArrayList<>(appliedByA);
            all.addAll(appliedByB);
            assertThat(all).as("each migration applied by exactly one of them: A %s, B %s", appliedByA, appliedByB)
                    .containsExactlyInAnyOrderElementsOf(range(1, latest(first)));
        } finally {
            pool.shutdownNow();
        }
        assertApplied(first, range(1, latest(first)));
        // The loser, asked again, has nothing left to do.
        assertThat(b.planUpgrade(OptionalLong.empty()).steps()).isEmpty();
    }
}
