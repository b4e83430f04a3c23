package org.openwec.core.service;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.migration.SchemaNotInitialisedException;
import org.openwec.core.migration.SchemaStatus;
import org.openwec.core.model.DowngradeLoss;
import org.openwec.core.model.Migration;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.CheckSchema;
import org.openwec.core.port.in.MigrateSchema;
import org.openwec.core.port.out.SchemaPort;

/**
 * Schema maintenance and the start-up check of one database, on its {@link SchemaPort}.
 *
 * <p>Unlike the reference, a database that carries versions this binary does not know (a newer release
 * applied them) is never changed unless the operator forces it: the reference would revert or apply the
 * migrations it knows underneath them, leaving a schema that neither binary expects.
 */
public final class SchemaService implements MigrateSchema, CheckSchema {
    private final SchemaPort schema;
    private final String location;
    private final MigrationEngine engine;

    public SchemaService(SchemaPort schema, String location, MigrationEngine.Listener listener) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.location = Objects.requireNonNull(location, "location");
        this.engine = new MigrationEngine(schema, listener);
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public List<Migration> init() {
        schema.setupSchema();
        SchemaStatus status = status();
        if (!status.unknown().isEmpty() && !status.pending().isEmpty()) {
            throw new UserError("The " + location + " has schema version(s) " + versions(status.unknown())
                    + " that this binary does not know: it was written by a newer openwec, and applying the "
                    + status.pending().size() + " pending migration(s) underneath them may break it. Nothing was "
                    + "changed; use that newer openwec, or run `openwec db upgrade --force` to apply them anyway.");
        }
        return engine.up(OptionalLong.empty(), false);
    }

    @Override
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

    @Override
    public void requireUpToDate() {
        SchemaStatus status = status();
        switch (status.state()) {
            case UP_TO_DATE -> { }
            case NOT_INITIALISED -> throw new SchemaNotInitialisedException(location);
            case OUTDATED -> throw new UserError(OUTDATED);
            case NEWER_THAN_BINARY -> throw new UserError("The " + location + " has schema version(s) "
                    + versions(status.unknown()) + " that this binary does not know: it was written by a newer "
                    + "openwec. Use that newer version, or downgrade the database with it (`openwec db downgrade`).");
        }
    }

    @Override
    public Plan planUpgrade(OptionalLong to) {
        SchemaStatus status = requireInitialised();
        return new Plan(Direction.UPGRADE, to, status, engine.up(to, true), List.of());
    }

    @Override
    public Plan planDowngrade(OptionalLong to) {
        SchemaStatus status = requireInitialised();
        OptionalLong target = to.isPresent() ? to : engine.defaultDowngradeTarget();
        List<Migration> steps = engine.down(target, true);
        List<Long> descending = steps.stream().map(Migration::version).sorted(Comparator.reverseOrder()).toList();
        return new Plan(Direction.DOWNGRADE, target, status, steps,
                descending.isEmpty() ? List.of() : schema.downgradeLosses(descending));
    }

    /**
     * Unlike the reference, a downgrade that would lose data is refused before anything is touched unless
     * accepted, and one that some row would make fail midway is refused always, so that no downgrade stops
     * half-way because of the data. The unknown versions are read again: another binary may have applied some
     * since the plan was made.
     */
    @Override
    public void requireAcceptable(Plan plan, Set<Risk> accepted) {
        if (plan.isEmpty()) {
            return;
        }
        SortedSet<Long> unknown = status().unknown();
        if (!unknown.isEmpty() && !accepted.contains(Risk.UNKNOWN_VERSIONS)) {
            String what = plan.direction() == Direction.UPGRADE ? "Applying" : "Reverting";
            throw new UserError("The " + location + " has schema version(s) " + versions(unknown) + " that this "
                    + "binary does not know: it was written by a newer openwec. " + what + " migration(s) "
                    + versions(plan.steps().stream().map(Migration::version).toList()) + " underneath them may "
                    + "break it. Nothing was changed; use that newer openwec, or re-run with --force to do it anyway.");
        }
        if (plan.direction() == Direction.UPGRADE) {
            return;
        }
        if (plan.blocked()) {
            throw new UserError("This downgrade cannot convert: " + describe(plan.losses().stream()
                    .filter(DowngradeLoss::blocking).toList()) + ". Nothing was changed; change or remove those "
                    + "outputs first, or downgrade to a later version.");
        }
        if (!plan.losses().isEmpty() && !accepted.contains(Risk.DATA_LOSS)) {
            throw new UserError("This downgrade would lose data: " + describe(plan.losses())
                    + ". Nothing was changed; back up, then re-run with --allow-data-loss to accept it.");
        }
    }

    @Override
    public List<Migration> execute(Plan plan, Set<Risk> accepted) {
        requireAcceptable(plan, accepted);
        return plan.direction() == Direction.UPGRADE
                ? engine.up(plan.target(), false)
                : engine.down(plan.target(), false);
    }

    private static String describe(List<DowngradeLoss> losses) {
        return losses.stream().map(DowngradeLoss::toString).collect(Collectors.joining("; "));
    }

    private static String versions(Iterable<Long> versions) {
        StringBuilder b = new StringBuilder();
        versions.forEach(v -> b.append(b.isEmpty() ? "" : ", ").append(v));
        return b.toString();
    }

    private SchemaStatus requireInitialised() {
        SchemaStatus status = status();
        if (!status.initialised()) {
            throw new SchemaNotInitialisedException(location);
        }
        return status;
    }
}
