package org.openwec.app.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.openwec.app.config.Settings;
import org.openwec.app.config.SettingsLoader;
import org.openwec.app.wiring.OpenMode;
import org.openwec.core.model.Migration;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.CopyDatabase;
import org.openwec.core.port.in.CopyDatabase.Phase;
import org.openwec.core.port.in.CopyDatabase.Table;
import org.openwec.core.port.in.CopyDatabase.TableCheck;
import org.openwec.core.port.in.CopyDatabase.Tally;
import org.openwec.core.port.in.CopyDatabase.Verification;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openwec db copy --to target.toml}: copies the database of the global configuration into the
 * database of another settings file, then reads both again and prints a per-table verification.
 * Nothing is written before the confirmation; a target that does not exist yet (SQLite) or has no
 * schema is created and initialised only then.
 */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = {"Copy every subscription, bookmark and heartbeat into another database (SQLite to PostgreSQL"
                + " and back), then verify the copy: row counts and an order-independent checksum per table.",
                "The target must be empty unless --merge. Stop the collectors first: rows they write during the copy"
                + " show as a mismatch."},
        footer = {"", "Examples:",
                "  openwec -c sqlite.toml db copy --to postgres.toml",
                "  openwec -c postgres.toml db copy --to backup-sqlite.toml --yes",
                "  openwec -c sqlite.toml db copy --to postgres.toml --merge",
                "      (completes an interrupted copy, or merges into a database in use)",
                "",
                "Exit status: 0 copied and verified, 1 refused, declined, failed or verification mismatch."})
final class DbCopyCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "<FILE>",
            description = "Settings file (TOML) of the target database, SQLite or Postgres.")
    Path to;

    @Option(names = "--merge",
            description = "Copy into a target that is not empty: rows with the same key are overwritten, others kept."
                    + " Also completes an interrupted copy.")
    boolean merge;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--chunk-size", paramLabel = "<ROWS>", defaultValue = "" + CopyDatabase.DEFAULT_CHUNK_SIZE,
            description = "Rows per page read and per transaction written (default: ${DEFAULT-VALUE}).")
    int chunkSize;

    DbCopyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (chunkSize < 1 || chunkSize > 1_000_000) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--chunk-size must be between 1 and 1000000, got " + chunkSize);
        }
        if (!Files.isRegularFile(to)) {
            throw new UserError("The target settings file " + to + " does not exist: fix the path given with --to.");
        }
        Settings targetSettings = SettingsLoader.load(to);
        Progress progress = Progress.forTerminal(context.err);
        try (Session source = context.open(OpenMode.EXISTING_ONLY)) {
            CopyDatabase copy = source.copies().into(targetSettings, to.toString(), chunkSize);
            try {
                CopyDatabase.Target target = copy.inspect(merge);
                // Counting the source takes a pass over it: only worth it for someone who reads the plan or the bar.
                Tally survey = yes && !progress.enabled() ? null : copy.survey(progress);
                progress.clear();
                printPlan(copy, target, survey);
                context.confirmOrAbort("Are you sure that you want to copy these rows into the target?", yes);

                List<Migration> applied = copy.prepareTarget();
                if (target.state() != CopyDatabase.TargetState.READY) {
                    context.err.println("Initialised the target " + target.location() + " (" + applied.size()
                            + " migration(s) applied).");
                    context.err.flush();
                }
                return copyAndVerify(copy, survey, progress);
            } finally {
                progress.clear();
            }
        }
    }

    private int copyAndVerify(CopyDatabase copy, Tally survey, Progress progress) {
        progress.expect(survey, null);
        long start = System.nanoTime();
        Tally copied = copy.copy(merge, progress);
        long copiedAt = System.nanoTime();
        progress.expect(survey, copied);
        Verification verification = copy.verify(progress);
        long verifiedAt = System.nanoTime();
        progress.clear();

        PrintWriter out = context.out;
        out.printf(Locale.ROOT, "Copied %s in %.1f s; verified in %.1f s.%n", describe(copied.rows().subscriptions(),
                copied.rows().bookmarks(), copied.rows().heartbeats()), seconds(copiedAt - start),
                seconds(verifiedAt - copiedAt));
        printOrphans(out, copied);
        printVerification(out, verification);
        out.flush();
        if (!verification.matches()) {
            String tables = verification.tables().stream().filter(t -> !t.matches())
                    .map(t -> t.table().label()).collect(Collectors.joining(", "));
            throw new UserError("The target does not match the source (" + tables + "). If a collector was writing to"
                    + " either database, stop it and run the copy again with --merge; a target row the source does not"
                    + " have (for the same subscription) must be deleted by hand.");
        }
        return 0;
    }

    // ------------------------------------------------------------------ what is printed

    /** @param survey null when the source was not counted (--yes off a terminal) */
    private void printPlan(CopyDatabase copy, CopyDatabase.Target target, Tally survey) {
        PrintWriter out = context.out;
        out.println("Source: " + copy.sourceLocation() + (survey == null ? "" : " (" + describe(
                survey.rows().subscriptions(), survey.rows().bookmarks(), survey.rows().heartbeats()) + ")"));
        String how = switch (target.state()) {
            case MISSING -> "does not exist: it will be created and initialised";
            case NOT_INITIALISED -> "has no schema: it will be initialised";
            case READY -> merge ? "merge: rows with the same key are overwritten, the others kept" : "empty";
        };
        out.println("Target: " + target.location() + " (" + how + ")");
        if (survey != null) {
            printOrphans(out, survey);
        }
        out.flush();
    }

    private static void printOrphans(PrintWriter out, Tally tally) {
        if (tally.orphans().total() > 0) {
            out.println("Not copied: " + tally.orphans().bookmarks() + " bookmark(s) and " + tally.orphans().heartbeats()
                    + " heartbeat(s) of the source whose subscription no longer exists.");
        }
    }

    static void printVerification(PrintWriter out, Verification verification) {
        out.println("Verification (rows of the source's subscriptions; checksums do not depend on row order):");
        String format = "%-13s  %11s  %11s  %-32s  %-32s  %s%n";
        out.printf(Locale.ROOT, format, "table", "source rows", "target rows", "source checksum", "target checksum",
                "result");
        for (TableCheck t : verification.tables()) {
            out.printf(Locale.ROOT, format, t.table().label(), t.sourceRows(), t.targetRows(), t.sourceChecksum(),
                    t.targetChecksum(), t.matches() ? "OK" : "MISMATCH");
        }
        List<String> extra = new ArrayList<>();
        for (TableCheck t : verification.tables()) {
            if (t.targetExtra() > 0) {
                extra.add(t.table().label() + ": " + t.targetExtra());
            }
        }
        if (!extra.isEmpty()) {
            out.println("The target also holds rows of subscriptions that are not in the source, left as they were ("
                    + String.join(", ", extra) + ").");
        }
        out.println(verification.matches() ? "The target matches the source." : "The target does NOT match the source.");
    }

    private static String describe(long subscriptions, long bookmarks, long heartbeats) {
        return subscriptions + " subscription(s), " + bookmarks + " bookmark(s) and " + heartbeats + " heartbeat(s)";
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    // ------------------------------------------------------------------ progress

    /**
     * A one-line progress bar on stderr, redrawn in place ({@code \r}) at most ten times a second; only on a
     * terminal, so that logs and pipes get the final summary alone.
     */
    static final class Progress implements CopyDatabase.Listener {
        private static final int WIDTH = 30;
        private static final long INTERVAL_NANOS = 100_000_000L;
        private final PrintWriter err;
        private final boolean enabled;
        private Tally survey;
        private Tally copied;
        private long lastDraw;
        private int drawnLength;
        private String lastKey = "";

        Progress(PrintWriter err, boolean enabled) {
            this.err = err;
            this.enabled = enabled;
        }

        static Progress forTerminal(PrintWriter err) {
            return new Progress(err, isTerminal());
        }

        boolean enabled() {
            return enabled;
        }

        /**
         * {@code System.console()} is null off a terminal up to JDK 21; from JDK 22 it may be non-null there
         * too, and {@code Console.isTerminal()} (absent from the Java 21 API we compile against) tells.
         */
        static boolean isTerminal() {
            Console console = System.console();
            if (console == null) {
                return false;
            }
            try {
                Method isTerminal = Console.class.getMethod("isTerminal");
                return (Boolean) isTerminal.invoke(console);
            } catch (ReflectiveOperationException e) {
                return true;
            }
        }

        /** The totals bars are drawn against: the survey for the copy and the source, the copy for the target. */
        synchronized void expect(Tally survey, Tally copied) {
            this.survey = survey;
            this.copied = copied;
        }

        /** Both sides of the verification run at once: one line shows both. */
        private Table sourceTable;
        private long sourceRows;
        private Table targetTable;
        private long targetRows;

        @Override
        public synchronized void progressed(Phase phase, Table table, long rows) {
            if (!enabled) {
                return;
            }
            String key;
            String line;
            if (phase == Phase.VERIFY_SOURCE || phase == Phase.VERIFY_TARGET) {
                if (phase == Phase.VERIFY_SOURCE) {
                    sourceTable = table;
                    sourceRows = rows;
                } else {
                    targetTable = table;
                    targetRows = rows;
                }
                key = "verify";
                line = "Verifying  source: " + part(sourceTable, sourceRows, total(Phase.VERIFY_SOURCE, sourceTable))
                        + "  target: " + part(targetTable, targetRows, total(Phase.VERIFY_TARGET, targetTable));
            } else {
                key = phase + "/" + table;
                line = line(phase, table, rows, total(phase, table));
            }
            long now = System.nanoTime();
            if (key.equals(lastKey) && now - lastDraw < INTERVAL_NANOS) {
                return;
            }
            lastKey = key;
            lastDraw = now;
            draw(line);
        }

        private long total(Phase phase, Table table) {
            if (table == null) {
                return -1;
            }
            return switch (phase) {
                case SURVEY -> -1;
                case COPY, VERIFY_SOURCE -> survey == null ? -1 : survey.read(table);
                case VERIFY_TARGET -> copied == null ? -1 : copied.rows().of(table);
            };
        }

        static String line(Phase phase, Table table, long rows, long total) {
            String what = switch (phase) {
                case SURVEY -> "Counting";
                case COPY -> "Copying";
                case VERIFY_SOURCE -> "Verifying source";
                case VERIFY_TARGET -> "Verifying target";
            } + " " + table.label();
            if (total <= 0) {
                return String.format(Locale.ROOT, "%-30s %d", what, rows);
            }
            long shown = Math.min(rows, total);
            int filled = (int) (WIDTH * shown / total);
            return String.format(Locale.ROOT, "%-30s [%s%s] %3d%% %d/%d", what, "#".repeat(filled),
                    ".".repeat(WIDTH - filled), 100 * shown / total, rows, total);
        }

        /** One side of the verification: {@code bookmarks 80000/150000 (53%)}. */
        static String part(Table table, long rows, long total) {
            if (table == null) {
                return "waiting";
            }
            return table.label() + " " + rows + (total <= 0 ? "" : "/" + total + " (" + 100 * Math.min(rows, total) / total + "%)");
        }

        private void draw(String line) {
            StringBuilder b = new StringBuilder("\r").append(line);
            b.append(" ".repeat(Math.max(0, drawnLength - line.length())));
            drawnLength = line.length();
            err.print(b);
            err.flush();
        }

        /** Erases the bar, so that what is printed next starts on a clean line. */
        synchronized void clear() {
            sourceTable = null;
            targetTable = null;
            if (enabled && drawnLength > 0) {
                err.print("\r" + " ".repeat(drawnLength) + "\r");
                err.flush();
                drawnLength = 0;
                lastKey = "";
            }
        }
    }
}
