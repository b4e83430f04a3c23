package org.openwec.app.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import org.openwec.app.wiring.OpenMode;
import org.openwec.core.model.Migration;
import org.openwec.core.port.in.MigrateSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openwec db}: schema maintenance. These commands skip the start-up schema check, since their
 * job is to fix what it would refuse.
 */
@Command(name = "db",
        description = "Initialise, upgrade, downgrade or inspect the database schema. Alone: show what an upgrade would do.",
        mixinStandardHelpOptions = true,
        subcommands = {DbCopyCommand.class, DbBackupCommand.class},
        footer = {"", "Examples:",
                "  openwec db status",
                "  openwec db upgrade --yes",
                "  openwec db downgrade --to 12 --yes"})
final class DbCommand implements Callable<Integer> {
    private static final String FORCE = "Change the schema even though a newer openwec applied versions this one does not know"
            + " (refused otherwise: it may break them).";

    private final CliContext context;

    DbCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Session db = handle(OpenMode.EXISTING_ONLY)) {
            MigrationReport.print(context.out, db.schema().planUpgrade(OptionalLong.empty()));
        }
        return 0;
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create the database if needed and apply every pending migration, without asking (for installers).",
            footer = {"", "Example:", "  openwec -c /etc/openwec.conf.toml db init"})
    int init() {
        try (Session db = handle(OpenMode.CREATE_IF_MISSING)) {
            List<Migration> applied = db.schema().init();
            context.err.println(applied.isEmpty()
                    ? "The " + db.schema().location() + " is already initialised and up to date."
                    : "Initialised the " + db.schema().location() + " (" + applied.size() + " migration(s) applied).");
        }
        return 0;
    }

    @Command(name = "upgrade", mixinStandardHelpOptions = true,
            description = "Apply pending migrations, up to --to (inclusive) or all of them, after a confirmation.",
            footer = {"", "Examples:", "  openwec db upgrade", "  openwec db upgrade --to 13 --yes"})
    int upgrade(@Option(names = {"-t", "--to"}, paramLabel = "<VERSION>", description = "Last version to apply.") Long to,
                @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.") boolean yes,
                @Option(names = "--force", description = FORCE) boolean force) {
        return run(MigrateSchema.Direction.UPGRADE, to, yes, accepted(false, force),
                "Are you sure that you want to apply these migrations?");
    }

    @Command(name = "downgrade", mixinStandardHelpOptions = true,
            description = "Revert migrations above --to (exclusive); without --to, only the highest applied one.",
            footer = {"", "Examples:", "  openwec db downgrade", "  openwec db downgrade --to 5 --yes"})
    int downgrade(@Option(names = {"-t", "--to"}, paramLabel = "<VERSION>", description = "Highest version to keep.") Long to,
                  @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.") boolean yes,
                  @Option(names = "--allow-data-loss",
                          description = "Accept a downgrade that loses data older versions cannot hold (listed first).")
                  boolean allowDataLoss,
                  @Option(names = "--force", description = FORCE) boolean force) {
        return run(MigrateSchema.Direction.DOWNGRADE, to, yes, accepted(allowDataLoss, force),
                "Are you sure that you want to downgrade these migrations?");
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show known, applied and pending migrations and whether the schema is up to date.",
            footer = {"", "Example:", "  openwec db status"})
    int status() {
        try (Session db = handle(OpenMode.EXISTING_ONLY)) {
            MigrationReport.printStatus(context.out, db.schema().location(), db.schema().status());
        }
        return 0;
    }

    private int run(MigrateSchema.Direction direction, Long to, boolean yes, Set<MigrateSchema.Risk> accepted,
                    String question) {
        try (Session db = handle(OpenMode.EXISTING_ONLY)) {
            MigrateSchema migrate = db.schema();
            OptionalLong target = to == null ? OptionalLong.empty() : OptionalLong.of(to);
            MigrateSchema.Plan plan = direction == MigrateSchema.Direction.UPGRADE
                    ? migrate.planUpgrade(target)
                    : migrate.planDowngrade(target);
            MigrationReport.print(context.out, plan);
            if (plan.isEmpty()) {
                return 0;
            }
            // Refused before asking anything (execute refuses too): data loss, unknown versions.
            migrate.requireAcceptable(plan, accepted);
            context.confirmOrAbort(question, yes);
            List<Migration> done = migrate.execute(plan, accepted);
            if (done.size() < plan.steps().size()) {
                context.err.println(done.isEmpty()
                        ? "Nothing to do: another openwec applied these migrations meanwhile."
                        : "Another openwec did " + (plan.steps().size() - done.size()) + " of these migrations meanwhile.");
            }
        }
        return 0;
    }

    private static Set<MigrateSchema.Risk> accepted(boolean dataLoss, boolean unknownVersions) {
        Set<MigrateSchema.Risk> accepted = EnumSet.noneOf(MigrateSchema.Risk.class);
        if (dataLoss) {
            accepted.add(MigrateSchema.Risk.DATA_LOSS);
        }
        if (unknownVersions) {
            accepted.add(MigrateSchema.Risk.UNKNOWN_VERSIONS);
        }
        return accepted;
    }

    private Session handle(OpenMode mode) {
        return context.open(mode);
    }
}
