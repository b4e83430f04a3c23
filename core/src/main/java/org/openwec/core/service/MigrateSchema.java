package org.openwec.core.service;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.migration.SchemaNotInitialisedException;
import org.openwec.core.migration.SchemaStatus;
import org.openwec.core.model.DowngradeLoss;
import org.openwec.core.model.Migration;
import org.openwec.core.model.UserError;
import org.openwec.core.port.out.SchemaPort;

/**
 * What {@code openwec db} does: initialise, plan and run upgrades and downgrades, and report status.
 * A plan is shown to the user before it runs; running it recomputes the steps, so a step that another
 * node applied meanwhile is not applied twice.
 */
public final class MigrateSchema {

    public enum Direction { UPGRADE, DOWNGRADE }

    /**
     * @param target the version to reach: inclusive for upgrades, exclusive for downgrades; empty = all
     * @param losses what a downgrade would lose or could not convert (always empty for upgrades)
     */
    public record Plan(Direction direction, OptionalLong target, SchemaStatus status, List<Migration> steps,
                       List<DowngradeLoss> losses) {
        public boolean isEmpty() {
            return steps.isEmpty();
        }

        public boolean blocked() {
            return losses.stream().anyMatch(DowngradeLoss::blocking);
        }
    }

    private final SchemaPort schema;
    private final String location;
    private final MigrationEngine engine;

    public MigrateSchema(SchemaPort schema, String location, MigrationEngine.Listener listener) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.location = Objects.requireNonNull(location, "location");
        this.engine = new MigrationEngine(schema, listener);
    }

    /** Creates the bookkeeping table if needed and applies every pending migration; returns what it applied. */
    public List<Migration> init() {
        schema.setupSchema();
        return engine.up(OptionalLong.empty(), false);
    }

    public SchemaStatus status() {
        List<Migration> known = List.copyOf(schema.registeredMigrations().values());
        if (!schema.isInitialised()) {
            return new SchemaStatus(false, known, new TreeSet<>(), known, new TreeSet<>());
        }
        SortedSet<Long> applied = schema.appliedVersions();
        List<Migration> pending = known.stream().filter(m -> !applied.contains(m.version())).toList();
        SortedSet<Long> unknown = new TreeSet<>(applied);
        unknown.removeAll(schema.registeredMigrations().keySet());
        return new SchemaStatus(true, known, applied, pending, unknown);
    }

    public Plan planUpgrade(OptionalLong to) {
        SchemaStatus status = requireInitialised();
        return new Plan(Direction.UPGRADE, to, status, engine.up(to, true), List.of());
    }

    /** With no target, reverts exactly the highest applied registered version. */
    public Plan planDowngrade(OptionalLong to) {
        SchemaStatus status = requireInitialised();
        OptionalLong target = to.isPresent() ? to : engine.defaultDowngradeTarget();
        List<Migration> steps = engine.down(target, true);
        List<Long> descending = steps.stream().map(Migration::version).sorted(Comparator.reverseOrder()).toList();
        return new Plan(Direction.DOWNGRADE, target, status, steps,
                descending.isEmpty() ? List.of() : schema.downgradeLosses(descending));
    }

    /** Runs a plan that loses no data; returns the steps actually run (another node may have run some). */
    public List<Migration> execute(Plan plan) {
        return execute(plan, false);
    }

    /**
     * Runs a plan; returns the steps actually run. Unlike the reference, a downgrade that would lose data
     * is refused before anything is touched unless {@code allowDataLoss}, and one that some row would make
     * fail midway is refused always, so no downgrade stops half-way because of the data.
     */
    public List<Migration> execute(Plan plan, boolean allowDataLoss) {
        if (plan.direction() == Direction.UPGRADE) {
            return engine.up(plan.target(), false);
        }
        if (plan.blocked()) {
            throw new UserError("This downgrade cannot convert: " + describe(plan.losses().stream()
                    .filter(DowngradeLoss::blocking).toList()) + ". Nothing was changed; change or remove those "
                    + "outputs first, or downgrade to a later version.");
        }
        if (!plan.losses().isEmpty() && !allowDataLoss) {
            throw new UserError("This downgrade would lose data: " + describe(plan.losses())
                    + ". Nothing was changed; back up, then re-run with --allow-data-loss to accept it.");
        }
        return engine.down(plan.target(), false);
    }

    private static String describe(List<DowngradeLoss> losses) {
        return losses.stream().map(DowngradeLoss::toString).collect(Collectors.joining("; "));
    }

    private SchemaStatus requireInitialised() {
        SchemaStatus status = status();
        if (!status.initialised()) {
            throw new SchemaNotInitialisedException(location);
        }
        return status;
    }
}
