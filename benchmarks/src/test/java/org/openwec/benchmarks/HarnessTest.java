package org.openwec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openwec.benchmarks.Result.Target;
import org.openwec.benchmarks.Result.Unit;

/** The harness's arithmetic and table: fast, and run by every build (the benchmarks themselves are not). */
class HarnessTest {

    @Test
    void mediansOfOddAndEvenCounts() {
        assertThat(Statistics.median(3, 1, 2)).isEqualTo(2);
        assertThat(Statistics.median(4, 1, 3, 2)).isEqualTo(2.5);
    }

    @Test
    void nearestRankPercentiles() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            values[i] = 100 - i;
        }
        assertThat(Statistics.percentile(values, 100, 50)).isEqualTo(50);
        assertThat(Statistics.percentile(values, 100, 99)).isEqualTo(99);
        assertThat(Statistics.percentile(new long[] {7, 0, 0}, 1, 99)).as("only the first count values").isEqualTo(7);
    }

    @Test
    void targetsJudgeTheEngineFigure() {
        assertThat(new Result("SQLite", "x", Unit.PER_SECOND, 41_000, 500, "raw", Target.atLeast(40_000, "/s")).met()).isTrue();
        assertThat(new Result("SQLite", "x", Unit.PER_SECOND, 7, 10, "raw", Target.ratioAtLeast(0.8)).met()).isFalse();
        assertThat(new Result("SQLite", "x", Unit.MILLISECONDS, 110, 100, "raw", Target.timeWithin(1.2)).met()).isTrue();
        assertThat(new Result("SQLite", "x", Unit.MILLISECONDS, 51, 10, "raw", Target.atMost(50, "ms")).verdict())
                .isEqualTo("MISSED");
    }

    @Test
    void theTableIsAlignedMarkdown() {
        ResultTable table = new ResultTable();
        table.add(new Result("SQLite", "bookmark stores, 64 writers", Unit.PER_SECOND, 29_157, 402, "64 writers",
                Target.atLeast(40_000, "/s")));
        table.add(new Result("any", "memory", Unit.MEGABYTES, 26.1, Double.NaN, "", Target.NONE));
        String[] lines = table.markdown().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[2]).contains("29,157 /s", "402 /s (64 writers)", "72.53", ">= 40,000/s", "MISSED");
        assertThat(lines[3]).contains("26.1 MB", "n/a");
        assertThat(lines).allMatch(line -> line.length() == lines[0].length());
    }
}
