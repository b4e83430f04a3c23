package org.openwec.benchmarks;

import java.util.Locale;

/**
 * One line of the table: what the engine reached, what raw JDBC running the same SQL reached in the same
 * run, and the target of the issue.
 *
 * @param raw NaN when there is no raw counterpart
 * @param rawMethod how the raw figure was obtained
 */
record Result(String backend, String scenario, Unit unit, double engine, double raw, String rawMethod, Target target) {

    enum Unit {
        PER_SECOND("/s", true), MILLISECONDS("ms", false), MICROSECONDS("µs", false), MEGABYTES("MB", false);

        final String symbol;
        final boolean higherIsBetter;

        Unit(String symbol, boolean higherIsBetter) {
            this.symbol = symbol;
            this.higherIsBetter = higherIsBetter;
        }
    }

    /** What the issue asks of a figure; {@link #met} says whether it holds. */
    record Target(String text, java.util.function.BiPredicate<Double, Double> check) {
        static final Target NONE = new Target("", (engine, raw) -> true);

        static Target atLeast(double value, String unit) {
            return new Target(">= " + Result.format(value) + unit, (engine, raw) -> engine >= value);
        }

        static Target atMost(double value, String unit) {
            return new Target("< " + Result.format(value) + " " + unit, (engine, raw) -> engine < value);
        }

        static Target ratioAtLeast(double ratio) {
            return ratioAtLeast(ratio, "raw");
        }

        static Target ratioAtLeast(double ratio, String of) {
            return new Target(">= " + ratio + "x " + of, (engine, raw) -> engine / raw >= ratio);
        }

        /** For durations: the engine takes at most {@code ratio} times the raw time. */
        static Target timeWithin(double ratio) {
            return new Target("<= " + ratio + "x raw time", (engine, raw) -> engine / raw <= ratio);
        }
    }

    double ratio() {
        return engine / raw;
    }

    boolean hasTarget() {
        return !target.text().isEmpty();
    }

    boolean met() {
        return target.check().test(engine, raw);
    }

    String engineText() {
        return format(engine) + " " + unit.symbol;
    }

    String rawText() {
        if (Double.isNaN(raw)) {
            return rawMethod.isEmpty() ? "n/a" : "n/a (" + rawMethod + ")";
        }
        return format(raw) + " " + unit.symbol + " (" + rawMethod + ")";
    }

    String ratioText() {
        return Double.isNaN(raw) ? "" : String.format(Locale.ROOT, "%.2f", ratio());
    }

    String verdict() {
        return !hasTarget() ? "" : met() ? "met" : "MISSED";
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
