package org.openwec.core.port.out;

import java.nio.file.Path;
import org.openwec.core.model.Backup;

/**
 * A backend that can copy its live database into one file by itself (SQLite's {@code VACUUM INTO}):
 * consistent as of one instant while collectors keep writing, written aside, synced, opened and checked, and
 * only then given its name. Backends without one (PostgreSQL, CockroachDB) have their own tools.
 */
public interface BackupPort {

    /**
     * @param replace whether an existing {@code file} may be replaced (atomically, once the copy is verified)
     * @throws org.openwec.core.model.UserError when the file exists (and not {@code replace}), is a directory,
     *         is the database itself, or its directory is missing; or when the copy does not verify
     */
    Backup backup(Path file, boolean replace);
}
