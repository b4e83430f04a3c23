package org.openwec.adapters.memory;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import org.openwec.core.migration.SchemaNotInitialisedException;
import org.openwec.core.model.DowngradeLoss;
import org.openwec.core.model.Migration;
import org.openwec.core.model.StorageException;
import org.openwec.core.port.out.SchemaPort;

/**
 * The bookkeeping of the in-memory database. There is no DDL to run, so a step only records or forgets
 * its version; the checks around it are those of the SQL adapters.
 */
public final class InMemorySchema implements SchemaPort {
    private final InMemoryDatabase db;

    InMemorySchema(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void setupSchema() {
        db.locked(() -> {
            if (db.appliedVersions == null) {
                db.appliedVersions = new TreeSet<>();
            }
        });
    }

    @Override
    public boolean isInitialised() {
        return db.locked(() -> db.appliedVersions != null);
    }

    @Override
    public SortedSet<Long> appliedVersions() {
        return db.locked(() -> Collections.unmodifiableSortedSet(new TreeSet<>(applied())));
    }

    @Override
    public SortedMap<Long, Migration> registeredMigrations() {
        return db.registeredMigrations;
    }

    @Override
    public boolean apply(long version) {
        return db.locked(() -> {
            requireRegistered(version);
            return applied().add(version);
        });
    }

    @Override
    public boolean revert(long version) {
        return db.locked(() -> {
            requireRegistered(version);
            return applied().remove(version);
        });
    }

    /** Steps here only do bookkeeping: there are no older data shapes to lose. */
    @Override
    public List<DowngradeLoss> downgradeLosses(List<Long> versionsDescending) {
        return List.of();
    }

    /**
     * Records a version as applied without running anything, whether registered or not: what a database
     * written by a newer binary looks like to this one.
     */
    public void markApplied(long version) {
        db.locked(() -> {
            applied().add(version);
        });
    }

    private SortedSet<Long> applied() {
        if (db.appliedVersions == null) {
            throw new SchemaNotInitialisedException(InMemoryDatabase.LOCATION);
        }
        return db.appliedVersions;
    }

    private void requireRegistered(long version) {
        if (!db.registeredMigrations.containsKey(version)) {
            // The reference's wording.
            throw new StorageException("Could not retrieve migration with version " + version);
        }
    }
}
