package org.openwec.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openwec.benchmarks.Cases.Plan;

/**
 * Runs the collector-engine benchmarks of issue #6 and prints one table: each figure of the engine next to
 * raw JDBC running the same SQL in the same run, their ratio, and the target. Run it with
 * {@code benchmarks/run} (docs/benchmarks.md); arguments:
 * <ul>
 *   <li>{@code --quick}: one short round per case (a smoke test, not figures to quote)</li>
 *   <li>{@code --only sqlite|postgres}: one backend</li>
 *   <li>{@code --writers 1,16,64}: the writer counts of the bookmark-store cases</li>
 *   <li>{@code --bookmarks-only}: only the bookmark-store cases and their ceiling</li>
 *   <li>{@code --platform-writers}: writers on platform threads (default: virtual threads, as the server's handlers)</li>
 *   <li>{@code --parallel-commits N}, {@code --parallel-from N}: group-commit settings instead of the backend's
 *   recommended ones (commits in flight at once; callers waiting that start one more)</li>
 *   <li>{@code --out FILE}: also write the report there (default benchmarks/target/results.md)</li>
 *   <li>{@code --bookmark-parsers}: instead, the JMH micro-benchmark of the bookmark parsers ({@link BookmarkParsing});
 *       with {@code --quick}, a short smoke run</li>
 *   <li>{@code --sqlite-commits}: instead, where a commit of 63 scattered bookmarks goes on SQLite, by page
 *       size, checkpoint interval and SQL ({@link SqliteCommits}, half a minute)</li>
 *   <li>{@code --load}: instead, the load run of the collector server with many TLS machines
 *       ({@link org.openwec.benchmarks.load.LoadRun}, its own options)</li>
 * </ul>
 */
public final class Benchmarks {
    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--load")) {
            org.openwec.benchmarks.load.LoadRun.main(args);
            return;
        }
        Plan plan = Plan.FULL;
        boolean sqlite = true;
        boolean postgres = true;
        List<Integer> writers = List.of(1, 16, 64);
        int parallelCommits = 0;
        int parallelFrom = 0;
        boolean bookmarksOnly = false;
        Path out = Path.of("benchmarks", "target", "results.md");
        boolean bookmarkParsers = false;
        boolean sqliteCommits = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> plan = Plan.QUICK;
                case "--only" -> {
                    String which = args[++i].toLowerCase(Locale.ROOT);
                    sqlite = which.equals("sqlite");
                    postgres = which.equals("postgres") || which.equals("postgresql");
                    if (!sqlite && !postgres) {
                        usage("unknown backend " + which);
                    }
                }
                case "--writers" -> writers = parseWriters(args[++i]);
                case "--parallel-commits" -> parallelCommits = Integer.parseInt(args[++i]);
                case "--parallel-from" -> parallelFrom = Integer.parseInt(args[++i]);
                case "--bookmarks-only" -> bookmarksOnly = true;
                case "--platform-writers" -> Cases.virtualWriters = false;
                case "--out" -> out = Path.of(args[++i]);
                case "--bookmark-parsers" -> bookmarkParsers = true;
                case "--sqlite-commits" -> sqliteCommits = true;
                case "-h", "--help" -> {
                    usage(null);
                    return;
                }
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (bookmarkParsers) {
            BookmarkParsers.run(plan == Plan.QUICK);
            return;
        }
        if (sqliteCommits) {
            SqliteCommits.run(plan == Plan.QUICK);
            return;
        }
        PrintStream log = System.err;
        long started = System.nanoTime();
        ResultTable table = new ResultTable();
        List<String> setup = new ArrayList<>();
        setup.add("cores (nproc / availableProcessors): " + Runtime.getRuntime().availableProcessors());
        setup.add("java: " + System.getProperty("java.vm.name") + " " + Runtime.version() + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        setup.add("os: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        String loadBefore = loadAverage();
        setup.add("plan: " + (plan == Plan.FULL ? "full" : "quick") + ", " + plan.rounds()
                + " measured rounds after a warm-up; figures are medians of the rounds");
        if (!bookmarksOnly) {
            table.add(Cases.cacheMemory(plan.rounds(), log::println));
        }
        if (sqlite || postgres) {
            table.add(Cases.coordinationAlone(plan.rounds(), plan.storeRound(), log::println));
        }
        if (sqlite) {
            try (SqliteBackend backend = new SqliteBackend()) {
                setup.add("sqlite: " + backend.describe());
                new Cases(backend, plan, parallelCommits, parallelFrom, table::add, log::println).run(writers, bookmarksOnly);
            }
        }
        if (postgres) {
            log.println("starting an embedded PostgreSQL 17 (fsync and synchronous_commit on)...");
            try (PostgresBackend backend = new PostgresBackend(16)) {
                setup.add("postgresql: " + backend.describe());
                new Cases(backend, plan, parallelCommits, parallelFrom, table::add, log::println).run(writers, bookmarksOnly);
            }
        }
        setup.add("load average (1, 5, 15 min) at start: " + loadBefore + ", at end: " + loadAverage()
                + " (other processes on the machine share its cores and disk)");
        StringBuilder report = new StringBuilder();
        report.append("openwec collector engine benchmarks, ").append(Instant.now()).append('\n');
        setup.forEach(line -> report.append("- ").append(line).append('\n'));
        report.append('\n').append(table.markdown());
        long missed = table.results().stream().filter(r -> r.hasTarget() && !r.met()).count();
        report.append('\n').append(missed == 0 ? "Every target met." : missed + " target(s) missed.")
                .append(" Took ").append(Duration.ofNanos(System.nanoTime() - started).toSeconds()).append(" s.\n");
        System.out.print(report);
        try {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, report);
            log.println("(also written to " + out + ")");
        } catch (IOException e) {
            log.println("could not write " + out + ": " + e.getMessage());
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static List<Integer> parseWriters(String text) {
        List<Integer> counts = new ArrayList<>();
        for (String part : text.split(",")) {
            counts.add(Integer.parseInt(part.strip()));
        }
        return counts;
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println("benchmarks: " + problem);
        }
        System.err.println("usage: benchmarks/run [--quick] [--only sqlite|postgres] [--writers 1,16,64] [--parallel-commits N] [--parallel-from N] [--bookmarks-only] [--platform-writers] [--out FILE]");
        System.err.println("       benchmarks/run --bookmark-parsers [--quick]");
        System.err.println("       benchmarks/run --sqlite-commits [--quick]");
        System.err.println(org.openwec.benchmarks.load.LoadOptions.USAGE.replace("usage: ", "       "));
        if (problem != null) {
            System.exit(2);
        }
    }
}
