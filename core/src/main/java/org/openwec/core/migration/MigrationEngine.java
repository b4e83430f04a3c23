package org.openwec.core.migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedSet;
import org.openwec.core.model.Migration;
import org.openwec.core.port.out.SchemaPort;

/**
 * The reference's migration rules (docs/reference/operations.md §4): up to a version inclusive, down to a
 * version exclusive, gaps filled, versions unknown to this binary never reverted. Each step runs in its
 * own transaction in the adapter; the first failure stops the run and leaves earlier steps applied.
 */
public final class MigrationEngine {

    /** Told of each step before it runs, so that callers can log or print it. */
    public interface Listener {
        Listener SILENT = new Listener() {};

        default void applying(Migration migration) {}

        default void reverting(Migration migration) {}

        /** Another node did this step meanwhile; nothing was done here. */
        default void doneElsewhere(Migration migration) {}
    }

    private final SchemaPort schema;
    private final Listener listener;

    public MigrationEngine(SchemaPort schema, Listener listener) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Lower bound exclusive, upper bound inclusive; an absent bound does not limit. */
    public static boolean withinRange(long version, OptionalLong low, OptionalLong high) {
        return (low.isEmpty() || version > low.getAsLong()) && (high.isEmpty() || version <= high.getAsLong());
    }

    /**
     * Applies (unless dry run) every registered, unapplied version up to {@code to}; returns the ones it
     * applied (or would apply), ascending. A step another node applied meanwhile is skipped and left out.
     */
    public List<Migration> up(OptionalLong to, boolean dryRun) {
        SortedSet<Long> applied = schema.appliedVersions();
        List<Migration> targets = schema.registeredMigrations().values().stream()
                .filter(m -> withinRange(m.version(), OptionalLong.empty(), to))
                .filter(m -> !applied.contains(m.version()))
                .toList();
        if (dryRun) {
            return targets;
        }
        List<Migration> done = new ArrayList<>();
        for (Migration m : targets) {
            listener.applying(m);
            if (schema.apply(m.version())) {
                done.add(m);
            } else {
                listener.doneElsewhere(m);
            }
        }
        return List.copyOf(done);
    }

    /**
     * Reverts (unless dry run) applied registered versions above {@code to}, highest first; returns the
     * ones it reverted (or would revert), ascending.
     */
    public List<Migration> down(OptionalLong to, boolean dryRun) {
        SortedSet<Long> applied = schema.appliedVersions();
        if (applied.isEmpty()) {
            return List.of();
        }
        OptionalLong from = OptionalLong.of(applied.last());
        List<Migration> targets = schema.registeredMigrations().values().stream()
                .filter(m -> withinRange(m.version(), to, from))
                .filter(m -> applied.contains(m.version()))
                .sorted(Comparator.comparingLong(Migration::version).reversed())
                .toList();
        List<Migration> done = new ArrayList<>();
        for (Migration m : targets) {
            if (dryRun) {
                done.add(m);
                continue;
            }
            listener.reverting(m);
            if (schema.revert(m.version())) {
                done.add(m);
            } else {
                listener.doneElsewhere(m);
            }
        }
        List<Migration> ascending = new ArrayList<>(done);
        ascending.sort(Comparator.comparingLong(Migration::version));
        return List.copyOf(ascending);
    }

    /**
     * The target of a downgrade without {@code --to}: the second-highest applied registered version,
     * so that exactly the highest one is reverted; empty when fewer than two are applied.
     */
    public OptionalLong defaultDowngradeTarget() {
        SortedSet<Long> applied = schema.appliedVersions();
        List<Long> appliedRegistered = schema.registeredMigrations().keySet().stream()
                .filter(applied::contains)
                .sorted(Comparator.reverseOrder())
                .toList();
        return appliedRegistered.size() < 2 ? OptionalLong.empty() : OptionalLong.of(appliedRegistered.get(1));
    }
}
