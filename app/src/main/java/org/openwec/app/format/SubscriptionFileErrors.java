package org.openwec.app.format;

import org.openwec.app.config.TomlFieldSource;
import org.openwec.core.model.UserError;
import org.openwec.core.model.fields.FieldErrors;
import org.openwec.core.model.fields.FieldProblem;
import org.openwec.core.model.fields.FieldReader;
import org.tomlj.TomlTable;

/**
 * A subscription file's messages for the core's field rules, as {@code subscriptions load} prints them:
 * "Failed to parse file F, line L, column C: options.max_time must be from 0 to 4294967295, got -1."
 */
final class SubscriptionFileErrors implements FieldErrors {
    private static final SubscriptionFileErrors ERRORS = new SubscriptionFileErrors();

    private SubscriptionFileErrors() {}

    static FieldReader root(String file, TomlTable toml) {
        return FieldReader.of(new TomlFieldSource(toml), file, ERRORS);
    }

    @Override
    public RuntimeException error(FieldProblem problem) {
        FieldProblem.Location at = problem.at();
        String key = at.dotted();
        return switch (problem) {
            case FieldProblem.Missing m -> whole(at, "missing key " + key);
            case FieldProblem.Null n -> whole(at, "missing key " + key);
            case FieldProblem.WrongType w -> at(at, key + " must be " + expected(w.expected(), key) + ", got "
                    + TomlFieldSource.describe(w.found()));
            case FieldProblem.OutOfRange r -> at(at, key + " must be from " + r.range().min() + " to " + r.range().max()
                    + ", got " + r.found());
            case FieldProblem.UnknownKey u -> at(at, "unknown key " + key + ". Remove it or fix its spelling");
            case FieldProblem.Invalid i -> at.key() == null ? whole(at, i.problem()) : at(at, i.problem());
        };
    }

    /** A problem of a table as a whole: no position, the table named after the file. */
    private UserError whole(FieldProblem.Location at, String problem) {
        return new UserError("Failed to parse file " + where(at.origin(), at.table()) + ": " + problem + ".");
    }

    private static UserError at(FieldProblem.Location at, String problem) {
        String line = at.position().map(p -> ", line " + p.line() + ", column " + p.column()).orElse("");
        return new UserError("Failed to parse file " + at.origin() + line + ": " + problem + ".");
    }

    private static String expected(FieldProblem.Expected expected, String key) {
        return switch (expected) {
            case STRING -> "a string";
            case BOOLEAN -> "true or false";
            case INTEGER -> "an integer";
            case TABLE -> "a table";
            case ARRAY_OF_STRINGS -> "an array of strings";
            case ARRAY_OF_NUMBERS -> "an array of numbers";
            case ARRAY_OF_TABLES -> "an array of tables ([[" + key + "]])";
        };
    }
}
