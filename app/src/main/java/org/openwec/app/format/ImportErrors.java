package org.openwec.app.format;

import com.fasterxml.jackson.databind.JsonNode;
import org.openwec.adapters.sql.json.JsonFieldSource;
import org.openwec.adapters.sql.json.SerdeJson;
import org.openwec.core.model.UserError;
import org.openwec.core.model.fields.FieldErrors;
import org.openwec.core.model.fields.FieldProblem;
import org.openwec.core.model.fields.FieldReader;
import org.openwec.core.model.fields.FieldValue;

/**
 * An import file's messages for the core's field rules, as serde_json's errors read in the reference
 * ("missing field data"), naming the file and the path to the field. Unknown fields are ignored on import,
 * as serde ignores them there.
 */
final class ImportErrors implements FieldErrors {
    private static final ImportErrors ERRORS = new ImportErrors();

    private ImportErrors() {}

    /** The document, which must be a JSON object; {@code where} names it in errors. */
    static FieldReader root(JsonNode document, String where) {
        return FieldReader.of(JsonFieldSource.value(document), where, ERRORS);
    }

    @Override
    public String where(String origin, String table) {
        return table.isEmpty() ? origin : origin + "." + table;
    }

    @Override
    public RuntimeException error(FieldProblem problem) {
        FieldProblem.Location at = problem.at();
        String where = where(at.origin(), at.table());
        return switch (problem) {
            case FieldProblem.Missing m -> new UserError(where + ": missing field " + at.key() + ".");
            case FieldProblem.Null n -> new UserError(where + ": missing field " + at.key() + ".");
            case FieldProblem.WrongType w when at.key() == null ->
                    new UserError(where + " must be a JSON object, found " + describe(w.found()) + ".");
            case FieldProblem.WrongType w when w.range() != null -> new UserError(where + ": " + at.key()
                    + " must be an integer from " + w.range().min() + " to " + w.range().max() + ", found "
                    + json(w.found()) + ".");
            case FieldProblem.WrongType w -> new UserError(where + ": " + at.key() + " must be "
                    + expected(w.expected()) + ", found " + describe(w.found()) + ".");
            case FieldProblem.OutOfRange r -> new UserError(where + ": " + at.key() + " must be an integer from "
                    + r.range().min() + " to " + r.range().max() + ", found " + r.found() + ".");
            case FieldProblem.UnknownKey u -> new UserError(where + ": unknown field " + at.key() + ".");
            case FieldProblem.Invalid i -> new UserError(
                    (at.key() == null ? where : where + ": " + at.key()) + ": " + i.problem() + ".");
        };
    }

    private static String expected(FieldProblem.Expected expected) {
        return switch (expected) {
            case STRING -> "a string";
            case BOOLEAN -> "true or false";
            case INTEGER -> "an integer";
            case TABLE -> "a JSON object";
            case ARRAY_OF_STRINGS -> "an array of strings";
            case ARRAY_OF_NUMBERS -> "an array of numbers";
            case ARRAY_OF_TABLES -> "an array of objects";
        };
    }

    /** A JSON type and the value's text: {@code string "30"}, {@code number 5.5}. */
    private static String describe(FieldValue value) {
        return switch (value) {
            case null -> "nothing";
            case FieldValue.Array a -> "an array";
            case FieldValue.Table t -> "an object";
            case FieldValue.Null n -> "null";
            case FieldValue.Text t -> "string " + json(value);
            case FieldValue.Bool b -> "boolean " + json(value);
            case FieldValue.Int i -> "number " + json(value);
            case FieldValue.Decimal d -> "number " + json(value);
            case FieldValue.Other o -> o.type() + " " + o.text();
        };
    }

    private static String json(FieldValue value) {
        return switch (value) {
            case FieldValue.Text t -> SerdeJson.quote(t.value());
            case FieldValue.Bool b -> Boolean.toString(b.value());
            case FieldValue.Int i -> i.value().toString();
            case FieldValue.Decimal d -> Double.toString(d.value());
            default -> describe(value);
        };
    }
}
