package org.openwec.adapters.sql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openwec.adapters.sql.json.JsonFieldSource;
import org.openwec.core.model.fields.FieldErrors;
import org.openwec.core.model.fields.FieldProblem;
import org.openwec.core.model.fields.FieldReader;
import org.openwec.core.model.fields.FieldValue;

/**
 * The core's field rules over one object of the stored outputs column, with the column codec's messages:
 * an IllegalArgumentException naming the output and the key ("output 2: Tcp config: 'port' must be ...").
 * Unknown keys are ignored, as serde ignores them in the reference's output structs.
 */
final class StoredFields implements FieldErrors {
    private static final StoredFields ERRORS = new StoredFields();

    private StoredFields() {
    }

    /** @param where names the object in errors, e.g. "output 2: Tcp config" */
    static FieldReader of(ObjectNode node, String where) {
        return FieldReader.of(new JsonFieldSource(node), where, ERRORS);
    }

    static IllegalArgumentException missing(String where, String key) {
        return new IllegalArgumentException(where + " has no '" + key + "'");
    }

    @Override
    public String where(String origin, String table) {
        return origin;
    }

    @Override
    public RuntimeException error(FieldProblem problem) {
        FieldProblem.Location at = problem.at();
        String key = "'" + at.dotted() + "'";
        return switch (problem) {
            case FieldProblem.Missing m -> missing(at.origin(), at.dotted());
            case FieldProblem.Null n -> new IllegalArgumentException(at.origin() + ": " + key + " must not be null");
            case FieldProblem.WrongType w -> new IllegalArgumentException(
                    at.origin() + ": " + key + " must be " + expected(w) + ", found " + describe(w.found()));
            case FieldProblem.OutOfRange r -> new IllegalArgumentException(at.origin() + ": " + key
                    + " must be an integer from " + r.range().min() + " to " + r.range().max() + ", found " + r.found());
            case FieldProblem.UnknownKey u -> new IllegalArgumentException(at.origin() + ": unknown key " + key);
            case FieldProblem.Invalid i -> new IllegalArgumentException(at.origin() + ": " + i.problem());
        };
    }

    private static String expected(FieldProblem.WrongType w) {
        return switch (w.expected()) {
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case INTEGER -> "an integer from " + w.range().min() + " to " + w.range().max();
            case TABLE -> "a JSON object";
            case ARRAY_OF_STRINGS -> "an array of strings";
            case ARRAY_OF_NUMBERS -> "an array of numbers";
            case ARRAY_OF_TABLES -> "an array of objects";
        };
    }

    /** The JSON type of a value, as {@link org.openwec.adapters.sql.json.SerdeJson#describe} names it. */
    private static String describe(FieldValue value) {
        return switch (value) {
            case null -> "nothing";
            case FieldValue.Text t -> "string";
            case FieldValue.Int i -> "number";
            case FieldValue.Decimal d -> "number";
            case FieldValue.Bool b -> "boolean";
            case FieldValue.Null n -> "null";
            case FieldValue.Array a -> "array";
            case FieldValue.Table t -> "object";
            case FieldValue.Other o -> o.type();
        };
    }
}
