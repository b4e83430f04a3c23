package org.openwec.core.migration;

import org.openwec.core.model.UserError;

/** The database has no bookkeeping table: it was never initialised. */
public class SchemaNotInitialisedException extends UserError {
    public SchemaNotInitialisedException(String location) {
        super("The " + location + " has no schema yet (no __schema_migrations table). "
                + "Help: You may need to run `openwec db init` to setup your database.");
    }
}
