package org.openwec.core.model.fields;

import java.math.BigInteger;
import java.util.Optional;

/** Why a field cannot be read, and where it is; {@link FieldErrors} words it. */
public sealed interface FieldProblem {

    Location at();

    /**
     * @param origin the document: a file name, or a label such as "output 2: Tcp config"
     * @param table the dotted path of the table inside the document, "" for its root; array elements
     *              read as tables are named {@code key[i]}
     * @param key the key inside that table, null when the problem is the table's own
     * @param position where the key is written, when the format knows it
     */
    record Location(String origin, String table, String key, Optional<FieldPosition> position) {

        /** The dotted path of the key ({@code database.port}), or of the table when there is no key. */
        public String dotted() {
            if (key == null) {
                return table;
            }
            return table.isEmpty() ? key : table + "." + key;
        }
    }

    /** What a field was expected to hold. */
    enum Expected { STRING, BOOLEAN, INTEGER, TABLE, ARRAY_OF_STRINGS, ARRAY_OF_NUMBERS, ARRAY_OF_TABLES }

    /** A required key is not written. {@code hint} (may be null) says how to add it. */
    record Missing(Location at, String hint) implements FieldProblem {}

    /** A required key is written as JSON null. */
    record Null(Location at) implements FieldProblem {}

    /**
     * The value is not of the expected kind; for an array, {@code found} is the first element that is not.
     * {@code range} is the accepted range when an integer was expected, else null.
     */
    record WrongType(Location at, Expected expected, FieldValue found, IntegerRange range) implements FieldProblem {}

    record OutOfRange(Location at, IntegerRange range, BigInteger found) implements FieldProblem {}

    /** A key the struct does not know, where the reference denies unknown fields. */
    record UnknownKey(Location at) implements FieldProblem {}

    /** A caller's own check failed on a value that was read fine (an unknown enum name, say). */
    record Invalid(Location at, String problem) implements FieldProblem {}
}
