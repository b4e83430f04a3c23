package org.openwec.core.service;

import java.util.Iterator;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.openwec.core.model.BookmarkPosition;

/**
 * What this collector last knew to be stored for each (machine, subscription): the position of the bookmark
 * it committed or read, so that the backward-bookmark guard does not read the database before every write.
 * A miss (never seen, or forgotten to stay within {@code capacity}) means "read it from the database".
 *
 * <p>The database stays the truth: Enumerate reads each client's stored bookmark anyway and refreshes what
 * is known here, so a bookmark deleted or rewritten by {@code openwec bookmarks} is picked up at the
 * client's next Enumerate. What is known here can only lag the database through another collector node
 * writing the same client, which weakens the guard for that client and never blocks a forward bookmark.
 */
final class KnownBookmarks {
    /** Channel names are few ("Security", "System", ...); past this many distinct ones they are no longer shared. */
    private static final int MAX_SHARED_CHANNEL_NAMES = 10_000;

    record Key(String machine, UUID subscription) {
        Key {
            Objects.requireNonNull(machine, "machine");
            Objects.requireNonNull(subscription, "subscription");
        }
    }

    /** @param refusedInARow backward bookmarks kept out since the last stored one */
    record Known(BookmarkPosition position, int refusedInARow) {}

    private final ConcurrentHashMap<Key, Known> known = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> channelNames = new ConcurrentHashMap<>();
    private final int capacity;

    KnownBookmarks(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /** Null when nothing is known: the caller reads the database. */
    Known get(Key key) {
        return known.get(key);
    }

    /**
     * After a commit, or a refusal: this is what the database holds now. The position comes from
     * {@link #share} (the writer shares it in the caller's thread, so that the committing thread does not).
     */
    void remember(Key key, BookmarkPosition shared, int refusedInARow) {
        known.put(key, new Known(shared, refusedInARow));
        trim();
    }

    /** After a read that may be older than a concurrent commit: only fills a gap. */
    void learn(Key key, BookmarkPosition stored) {
        known.putIfAbsent(key, new Known(share(stored), 0));
        trim();
    }

    /** After Enumerate read the stored bookmark: the database wins over what was known. */
    void refresh(Key key, BookmarkPosition stored) {
        known.compute(key, (k, previous) -> previous != null && previous.position().equals(stored)
                ? previous : new Known(share(stored), 0));
        trim();
    }

    int size() {
        return known.size();
    }

    /** The same position with its channel names shared with every other position known here. */
    BookmarkPosition share(BookmarkPosition position) {
        if (!position.isComparable() || channelNames.size() >= MAX_SHARED_CHANNEL_NAMES) {
            return position;
        }
        return position.withCanonicalChannels(channelNames);
    }

    /** Forgets an arbitrary eighth when over capacity: those keys are read from the database again when written. */
    private void trim() {
        if (known.size() <= capacity) {
            return;
        }
        int toForget = Math.max(1, capacity / 8);
        Iterator<Key> keys = known.keySet().iterator();
        while (toForget-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
