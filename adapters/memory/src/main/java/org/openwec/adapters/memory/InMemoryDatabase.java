package org.openwec.adapters.memory;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.openwec.core.model.Migration;
import org.openwec.core.model.RowKey;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.Uuids;

/**
 * The tables of one in-memory database behind a single lock: every port call is one atomic step, as a
 * statement or transaction is on SQLite. Values are immutable records, so rows are shared, not copied.
 */
final class InMemoryDatabase {
    static final String LOCATION = "in-memory database";

    /** The primary key of bookmarks and heartbeats. */
    record Key(String machine, UUID subscription) {
        static Key of(RowKey key) {
            return new Key(key.machine(), key.subscription());
        }
    }

    /** Paging order: machine, then stored subscription key, both by code point as SQLite's BINARY collation. */
    static final Comparator<Key> KEY_ORDER = Comparator
            .comparing(Key::machine, CodePointOrder.INSTANCE)
            .thenComparing((Key k) -> Uuids.storedKey(k.subscription()), CodePointOrder.INSTANCE);

    record HeartbeatRow(String ip, long firstSeen, long lastSeen, Long lastEventSeen) {}

    final Map<UUID, Subscription> subscriptions = new HashMap<>();
    final Map<Key, String> bookmarks = new HashMap<>();
    final Map<Key, HeartbeatRow> heartbeats = new HashMap<>();
    final SortedMap<Long, Migration> registeredMigrations;
    /** The __schema_migrations rows; null while the table does not exist. */
    SortedSet<Long> appliedVersions;

    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    InMemoryDatabase(SortedMap<Long, Migration> registeredMigrations) {
        this.registeredMigrations = Objects.requireNonNull(registeredMigrations, "registeredMigrations");
    }

    <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            if (closed) {
                throw new StorageException("The " + LOCATION + " is closed");
            }
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    void locked(Runnable body) {
        locked(() -> {
            body.run();
            return null;
        });
    }

    /** Runs {@code body} under the lock as one transaction: on failure every table is restored. */
    void atomically(Runnable body) {
        locked(() -> {
            Map<UUID, Subscription> subscriptionsBefore = new HashMap<>(subscriptions);
            Map<Key, String> bookmarksBefore = new HashMap<>(bookmarks);
            Map<Key, HeartbeatRow> heartbeatsBefore = new HashMap<>(heartbeats);
            try {
                body.run();
            } catch (RuntimeException e) {
                subscriptions.clear();
                subscriptions.putAll(subscriptionsBefore);
                bookmarks.clear();
                bookmarks.putAll(bookmarksBefore);
                heartbeats.clear();
                heartbeats.putAll(heartbeatsBefore);
                throw e;
            }
        });
    }

    /** Foreign-key removal of a subscription's rows, as ON DELETE CASCADE does. */
    void deleteSubscriptionCascading(UUID uuid) {
        subscriptions.remove(uuid);
        bookmarks.keySet().removeIf(key -> key.subscription().equals(uuid));
        heartbeats.keySet().removeIf(key -> key.subscription().equals(uuid));
    }

    void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }
}
