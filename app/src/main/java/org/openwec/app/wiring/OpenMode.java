package org.openwec.app.wiring;

/** Whether opening the database may create it: only {@code db init} may, so no other command leaves a file behind. */
public enum OpenMode {
    CREATE_IF_MISSING,
    EXISTING_ONLY
}
