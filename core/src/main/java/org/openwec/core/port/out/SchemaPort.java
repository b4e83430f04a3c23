package org.openwec.core.port.out;

import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import org.openwec.core.model.DowngradeLoss;
import org.openwec.core.model.Migration;

/**
 * Schema bookkeeping of one database: which migrations this binary registers for it and which are
 * applied (the {@code __schema_migrations} rows). The rules of what to apply live in the core's
 * migration engine; the adapter only runs one step at a time.
 */
public interface SchemaPort {

    /** Creates the bookkeeping table when it is absent. */
    void setupSchema();

    /** False when the bookkeeping table does not exist (the database was never initialised). */
    boolean isInitialised();

    /**
     * The applied versions, ascending.
     *
     * @throws org.openwec.core.migration.SchemaNotInitialisedException when the bookkeeping table is absent
     */
    SortedSet<Long> appliedVersions();

    /** The migrations this binary knows for this backend, by version. */
    SortedMap<Long, Migration> registeredMigrations();

    /**
     * Runs the up step of a registered migration and records it, in one transaction, unless it is
     * recorded already. Several nodes may upgrade at once: the bookkeeping row is the lock (taken first,
     * inside the transaction), so each migration runs exactly once and the others wait, then skip it.
     *
     * @return false when another upgrade had applied it meanwhile (nothing was done)
     */
    boolean apply(long version);

    /**
     * What reverting these versions, in this order (descending), would lose or be unable to convert,
     * looking at the data as it is now. Nothing is changed. Empty when a downgrade is harmless.
     */
    List<DowngradeLoss> downgradeLosses(List<Long> versionsDescending);

    /**
     * Runs the down step of a registered migration and forgets it, in one transaction, unless it is
     * not recorded (any more).
     *
     * @return false when another downgrade had reverted it meanwhile (nothing was done)
     */
    boolean revert(long version);
}
