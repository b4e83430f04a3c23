package org.openwec.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** The results as a Markdown table, ready to paste into docs/benchmarks.md. */
final class ResultTable {
    private final List<Result> results = new ArrayList<>();

    void add(Result result) {
        results.add(result);
    }

    List<Result> results() {
        return List.copyOf(results);
    }

    String markdown() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"backend", "case", "engine (median)", "raw JDBC, same SQL (median)", "engine/raw",
                "target", ""});
        for (Result r : results) {
            rows.add(new String[] {r.backend(), r.scenario(), r.engineText(), r.rawText(), r.ratioText(),
                    r.target().text(), r.verdict()});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths);
            if (r == 0) {
                String[] rule = new String[widths.length];
                for (int i = 0; i < widths.length; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                line(out, rule, widths);
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            out.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
        }
        out.append('\n');
    }
}
