package org.openwec.core.model;

import java.util.Objects;

/** A schema version and its description, exactly as the reference prints it. */
public record Migration(long version, String description) {
    public Migration {
        Objects.requireNonNull(description, "description");
    }

    @Override
    public String toString() {
        return version + ": " + description;
    }
}
