package org.openwec.core.service;

import java.util.stream.Collectors;
import org.openwec.core.migration.SchemaNotInitialisedException;
import org.openwec.core.migration.SchemaStatus;
import org.openwec.core.model.UserError;

/**
 * The start-up check every program but {@code openwec db} runs: refuse a database whose schema is not
 * exactly the one this binary knows. Unlike the reference, a database from a newer binary gets its own
 * message instead of "needs to be updated", which would send the user to a harmful upgrade.
 */
public final class CheckSchema {
    /** The reference's text, kept word for word because scripts and documentation quote it. */
    public static final String OUTDATED =
            "Schema needs to be updated. Please read the changelog and then run `openwec db upgrade`";

    private final MigrateSchema migrateSchema;
    private final String location;

    public CheckSchema(MigrateSchema migrateSchema, String location) {
        this.migrateSchema = migrateSchema;
        this.location = location;
    }

    public void requireUpToDate() {
        SchemaStatus status = migrateSchema.status();
        switch (status.state()) {
            case UP_TO_DATE -> { }
            case NOT_INITIALISED -> throw new SchemaNotInitialisedException(location);
            case OUTDATED -> throw new UserError(OUTDATED);
            case NEWER_THAN_BINARY -> throw new UserError("The " + location + " has schema version(s) "
                    + status.unknown().stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " that this binary does not know: it was written by a newer openwec. "
                    + "Use that newer version, or downgrade the database with it (`openwec db downgrade`).");
        }
    }
}
