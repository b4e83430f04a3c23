package org.openwec.core.port.out;

import java.util.Optional;

/**
 * A configured database before it is opened: named for messages, looked for, opened (or created) only when a
 * use case needs it. This is how {@code db copy} leaves a missing target uncreated until the operator said yes,
 * and how {@code db backup} tells a backend without backups from one with, without connecting to it.
 */
public interface StorageOpener {

    /** As {@link Storage#location()} will say once opened; never a password. */
    String location();

    /** False when there is no database yet (a SQLite file not created); a server's database always exists. */
    boolean exists();

    /**
     * Opens the database; the caller closes it (or the program that owns the opener does, at its end).
     *
     * @param create whether a missing database may be created; only initialisations should
     * @throws org.openwec.core.model.UserError when it is missing and not {@code create}, or cannot be opened
     */
    Storage open(boolean create);

    /** The backend's own backup, when it has one. Asking opens nothing. */
    Optional<BackupPort> backups();
}
