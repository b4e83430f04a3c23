package org.openwec.app.config;

import java.nio.file.Path;
import org.openwec.core.model.fields.FieldErrors;
import org.openwec.core.model.fields.FieldProblem;
import org.openwec.core.model.fields.FieldReader;

/**
 * The settings file's messages for the core's field rules: a {@link ConfigError} naming the file, the line
 * and column and the dotted key, and saying what to do.
 */
final class SettingsErrors implements FieldErrors {
    private static final SettingsErrors ERRORS = new SettingsErrors();

    private SettingsErrors() {}

    static FieldReader root(Path file, org.tomlj.TomlTable toml) {
        return FieldReader.of(new TomlFieldSource(toml), file.toString(), ERRORS);
    }

    @Override
    public RuntimeException error(FieldProblem problem) {
        FieldProblem.Location at = problem.at();
        String key = at.dotted();
        return switch (problem) {
            case FieldProblem.Missing m -> new ConfigError("Configuration file " + at.origin() + ": "
                    + (at.table().isEmpty() ? "the file" : "[" + at.table() + "]") + " has no key \"" + at.key() + "\"."
                    + (m.hint() == null ? "" : " " + m.hint()));
            case FieldProblem.Null n -> at(at, "key " + key + " must not be empty. Fix that value.");
            case FieldProblem.WrongType w -> at(at, "key " + key + " must be " + expected(w.expected()) + ", got "
                    + TomlFieldSource.describe(w.found()) + ". Fix that value.");
            case FieldProblem.OutOfRange r -> at(at, "key " + key + " must be from " + r.range().min() + " to "
                    + r.range().max() + ", got " + r.found() + ". Fix that value.");
            case FieldProblem.UnknownKey u -> at(at, "unknown key " + key + ". Remove it or fix its spelling.");
            case FieldProblem.Invalid i -> at(at, i.problem());
        };
    }

    private static ConfigError at(FieldProblem.Location at, String problem) {
        String where = at.position().map(p -> ", line " + p.line() + ", column " + p.column()).orElse("");
        return new ConfigError("Configuration file " + at.origin() + where + ": " + problem);
    }

    private static String expected(FieldProblem.Expected expected) {
        return switch (expected) {
            case STRING -> "a string";
            case BOOLEAN -> "true or false";
            case INTEGER -> "an integer";
            case TABLE -> "a table";
            case ARRAY_OF_STRINGS -> "an array of strings";
            case ARRAY_OF_NUMBERS -> "an array of numbers";
            case ARRAY_OF_TABLES -> "an array of tables";
        };
    }
}
