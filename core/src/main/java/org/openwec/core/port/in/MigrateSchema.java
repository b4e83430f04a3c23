package org.openwec.core.port.in;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.openwec.core.migration.SchemaStatus;
import org.openwec.core.model.DowngradeLoss;
import org.openwec.core.model.Migration;

/**
 * What {@code openwec db} does: initialise a database, report where its schema stands, and plan then run
 * upgrades and downgrades. A plan is shown to the operator before it runs; running it recomputes the steps,
 * so that a step another node did meanwhile is not done twice.
 */
public interface MigrateSchema {

    enum Direction { UPGRADE, DOWNGRADE }

    /** What an operator may accept a schema change to do, which is refused otherwise. */
    enum Risk {
        /** A downgrade loses data the older schema cannot hold ({@code --allow-data-loss}). */
        DATA_LOSS,
        /**
         * The database carries versions a newer binary applied ({@code --force}): this binary cannot know what
         * they changed, so any migration it applies or reverts underneath them may break them.
         */
        UNKNOWN_VERSIONS
    }

    /**
     * A schema change, as planned.
     *
     * @param target the version to reach: inclusive for upgrades, exclusive for downgrades; empty = all
     * @param steps the migrations to apply (ascending) or to revert
     * @param losses what a downgrade would lose or could not convert (always empty for upgrades)
     */
    record Plan(Direction direction, OptionalLong target, SchemaStatus status, List<Migration> steps,
                List<DowngradeLoss> losses) {
        public Plan {
            steps = List.copyOf(steps);
            losses = List.copyOf(losses);
        }

        public boolean isEmpty() {
            return steps.isEmpty();
        }

        /** Some row could not be converted: the downgrade is refused whatever the operator accepts. */
        public boolean blocked() {
            return losses.stream().anyMatch(DowngradeLoss::blocking);
        }
    }

    /** The database, for messages (e.g. "SQLite database /var/db/openwec/db.sqlite"); never a password. */
    String location();

    /**
     * Creates the bookkeeping table if needed and applies every pending migration, without asking.
     *
     * @return the migrations applied, ascending; empty when the database was up to date
     * @throws org.openwec.core.model.UserError when a migration is pending underneath versions of a newer binary
     */
    List<Migration> init();

    SchemaStatus status();

    /** Every pending migration up to {@code to} (inclusive), or all of them. Nothing is changed. */
    Plan planUpgrade(OptionalLong to);

    /** The applied migrations above {@code to} (exclusive); without it, exactly the highest applied one. */
    Plan planDowngrade(OptionalLong to);

    /**
     * Refuses, as {@link #execute(Plan, Set)} would and before anything is changed, a plan that needs a risk
     * not accepted, or a downgrade that some row would make fail midway (refused always). Lets the operator be
     * told before being asked to confirm.
     *
     * @throws org.openwec.core.model.UserError naming what would be lost or which unknown versions are applied,
     *         and the option that accepts it
     */
    void requireAcceptable(Plan plan, Set<Risk> accepted);

    /**
     * Runs a plan after {@link #requireAcceptable}; returns the steps actually run (another node may have run
     * some of them meanwhile).
     */
    List<Migration> execute(Plan plan, Set<Risk> accepted);

    /** Runs a plan that loses no data, on a database without versions unknown to this binary. */
    default List<Migration> execute(Plan plan) {
        return execute(plan, Set.of());
    }

    default List<Migration> execute(Plan plan, boolean allowDataLoss) {
        return execute(plan, allowDataLoss ? Set.of(Risk.DATA_LOSS) : Set.of());
    }
}
