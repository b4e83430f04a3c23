package org.openwec.core.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A backup written and verified: what was found in the file when it was opened again.
 *
 * @param database the database backed up, as configured
 * @param versions the applied schema versions; empty when the database was never initialised
 */
public record Backup(Path database, Path file, long bytes, SortedSet<Long> versions, long subscriptions,
                     long bookmarks, long heartbeats) {
    public Backup {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(file, "file");
        versions = Collections.unmodifiableSortedSet(new TreeSet<>(versions));
    }
}
