package org.openwec.core.usecase;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.migration.SchemaNotInitialisedException;
import org.openwec.core.migration.SchemaStatus;
import org.openwec.core.model.Migration;
import org.openwec.core.port.SchemaPort;

/**
 * What {@code openwec db} does: initialise, plan and run upgrades and downgrades, and report status.
 * A plan is shown to the user before it runs; running it recomputes the steps, so a step that another
 * node applied meanwhile is not applied twice.
 */
public final class MigrateSchema {

    public enum Direction { UPGRADE, DOWNGRADE }

    /** @param target the version to reach: inclusive for upgrades, exclusive for downgrades; empty = all */
    public record Plan(Direction direction, OptionalLong target, SchemaStatus status, List<Migration> steps) {
        public boolean isEmpty() {
            return steps.isEmpty();
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
        return new Plan(Direction.UPGRADE, to, status, engine.up(to, true));
    }

    /** With no target, reverts exactly the highest applied registered version. */
    public Plan planDowngrade(OptionalLong to) {
        SchemaStatus status = requireInitialised();
        OptionalLong target = to.isPresent() ? to : engine.defaultDowngradeTarget();
        return new Plan(Direction.DOWNGRADE, target, status, engine.down(target, true));
    }

    /** Runs a plan; returns the steps actually run. */
    public List<Migration> execute(Plan plan) {
        return plan.direction() == Direction.UPGRADE
                ? engine.up(plan.target(), false)
                : engine.down(plan.target(), false);
    }

    private SchemaStatus requireInitialised() {
        SchemaStatus status = status();
        if (!status.initialised()) {
            throw new SchemaNotInitialisedException(location);
        }
        return status;
    }
}
