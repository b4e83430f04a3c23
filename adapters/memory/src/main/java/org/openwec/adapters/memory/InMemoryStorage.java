package org.openwec.adapters.memory;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.openwec.core.migration.MigrationCatalogue;
import org.openwec.core.model.Migration;
import org.openwec.core.port.out.Storage;

/** Opens in-memory databases. Each call is a new, empty database whose schema is not initialised yet. */
public final class InMemoryStorage {
    private InMemoryStorage() {}

    /** Registers the SQLite catalogue, so that status and plans read as they do on SQLite. */
    public static Storage create() {
        return create(MigrationCatalogue.upTo(MigrationCatalogue.SQLITE_LATEST));
    }

    /**
     * Registers {@code migrations} instead of the reference catalogue. The schema port of the result is
     * an {@link InMemorySchema}, which can also mark versions applied by a newer binary.
     */
    public static Storage create(SortedMap<Long, Migration> migrations) {
        InMemoryDatabase db = new InMemoryDatabase(Collections.unmodifiableSortedMap(new TreeMap<>(migrations)));
        return new Storage(InMemoryDatabase.LOCATION, new InMemorySubscriptions(db), new InMemoryBookmarks(db),
                new InMemoryHeartbeats(db), new InMemorySchema(db), db::close);
    }
}
