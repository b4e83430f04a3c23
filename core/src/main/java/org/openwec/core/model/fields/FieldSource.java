package org.openwec.core.model.fields;

import java.util.Optional;
import java.util.Set;

/** One TOML table or JSON object, as {@link FieldReader} reads it; each format implements it. */
public interface FieldSource {

    /** The keys written in this table, in the document's order when the format keeps one. */
    Set<String> keys();

    /** The value written at {@code key}: {@link FieldValue.Null} for an explicit JSON null, null when absent. */
    FieldValue get(String key);

    /** Where {@code key} is written, for formats that track it (TOML does, a JSON tree does not). */
    default Optional<FieldPosition> position(String key) {
        return Optional.empty();
    }
}
