package org.openwec.core.port.in;

import java.nio.file.Path;
import org.openwec.core.model.Backup;

/** {@code openwec db backup}: a consistent copy of the live database in one file, verified before it is named. */
public interface BackupDatabase {

    /**
     * @param replace whether an existing {@code file} may be replaced (once the new copy is complete and verified)
     * @throws org.openwec.core.model.UserError when the backend has no such backup (saying what to use instead),
     *         or when the file cannot be written or does not verify
     */
    Backup backup(Path file, boolean replace);
}
