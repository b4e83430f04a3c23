package org.openwec.core.model.fields;

/**
 * Turns a {@link FieldProblem} into the caller's exception, worded for the caller's users, and names tables
 * in the caller's own messages. The rules are shared; what a settings file, a subscription file, an import
 * and a stored column say about a problem is not.
 */
public interface FieldErrors {

    RuntimeException error(FieldProblem problem);

    /** How {@link FieldReader#where()} names a table of {@code origin} at the dotted path {@code table}. */
    default String where(String origin, String table) {
        return table.isEmpty() ? origin : origin + " [" + table + "]";
    }
}
