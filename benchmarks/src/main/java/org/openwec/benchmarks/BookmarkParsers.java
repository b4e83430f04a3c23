package org.openwec.benchmarks;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link BookmarkParsing} with JMH and prints ns per bookmark of both parsers side by side. */
final class BookmarkParsers {
    private BookmarkParsers() {}

    static void run(boolean quick) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder().include(BookmarkParsing.class.getName() + "\\.");
        if (quick) {
            options.forks(1).warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
                    .measurementIterations(2).measurementTime(TimeValue.milliseconds(200));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, double[]> byChannels = new TreeMap<>();
        for (RunResult result : results) {
            String channels = result.getParams().getParam("channels");
            boolean core = result.getParams().getBenchmark().endsWith(".coreParser");
            double[] row = byChannels.computeIfAbsent(channels, c -> new double[4]);
            row[core ? 0 : 2] = result.getPrimaryResult().getScore();
            row[core ? 1 : 3] = result.getPrimaryResult().getScoreError();
        }
        System.out.println();
        System.out.println("| channels | core parser, ns/bookmark | StAX, ns/bookmark | StAX / core |");
        System.out.println("|---|---|---|---|");
        byChannels.forEach((channels, r) -> System.out.println(String.format(Locale.ROOT,
                "| %s | %s | %s | %.1fx |", channels, score(r[0], r[1]), score(r[2], r[3]), r[2] / r[0])));
        if (quick) {
            System.out.println("(--quick: a smoke run, not figures to quote)");
        }
    }

    /** The mean and JMH's 99.9% error, when there were enough iterations to have one. */
    private static String score(double mean, double error) {
        return Double.isNaN(error) ? String.format(Locale.ROOT, "%.0f", mean)
                : String.format(Locale.ROOT, "%.0f ± %.0f", mean, error);
    }
}
