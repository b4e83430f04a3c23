package org.openwec.core.port.in;

/**
 * The start-up check every program but {@code openwec db} runs before it touches the data: the database
 * must carry exactly the schema this binary knows.
 */
public interface CheckSchema {
    /** The reference's text, kept word for word because scripts and documentation quote it. */
    String OUTDATED = "Schema needs to be updated. Please read the changelog and then run `openwec db upgrade`";

    /**
     * @throws org.openwec.core.model.UserError when the schema is missing ({@code openwec db init}), outdated
     *         ({@link #OUTDATED}), or written by a newer binary (its own message, never "needs to be updated",
     *         which would send the user to a harmful upgrade)
     */
    void requireUpToDate();
}
