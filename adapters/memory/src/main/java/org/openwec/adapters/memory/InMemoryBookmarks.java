package org.openwec.adapters.memory;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.RowKey;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.out.BookmarkPort;

/** One bookmark per (machine, subscription); the subscription must exist, as the foreign key demands. */
final class InMemoryBookmarks implements BookmarkPort {
    private final InMemoryDatabase db;

    InMemoryBookmarks(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<String> bookmark(String machine, UUID subscription) {
        return db.locked(() -> Optional.ofNullable(db.bookmarks.get(new InMemoryDatabase.Key(machine, subscription))));
    }

    @Override
    public List<Bookmark> bookmarks(UUID subscription) {
        return db.locked(() -> db.bookmarks.entrySet().stream()
                .filter(e -> e.getKey().subscription().equals(subscription))
                .map(e -> new Bookmark(e.getKey().machine(), subscription, e.getValue()))
                .sorted(Comparator.comparing(Bookmark::machine, CodePointOrder.INSTANCE))
                .toList());
    }

    @Override
    public void storeBookmark(String machine, UUID subscription, String bookmark) {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(bookmark, "bookmark");
        db.locked(() -> {
            if (!db.subscriptions.containsKey(subscription)) {
                throw new UserError("Cannot store a bookmark of " + machine + " for subscription "
                        + Uuids.lowerCase(subscription) + ": no such subscription (was it deleted?)");
            }
            db.bookmarks.put(new InMemoryDatabase.Key(machine, subscription), bookmark);
        });
    }

    @Override
    public void storeBookmarks(Collection<Bookmark> batch) {
        db.atomically(() -> batch.forEach(b -> storeBookmark(b.machine(), b.subscription(), b.bookmark())));
    }

    @Override
    public List<Bookmark> bookmarkPage(RowKey after, int limit) {
        return db.locked(() -> db.bookmarks.entrySet().stream()
                .filter(e -> after == null || InMemoryDatabase.KEY_ORDER.compare(e.getKey(), InMemoryDatabase.Key.of(after)) > 0)
                .sorted(Map.Entry.comparingByKey(InMemoryDatabase.KEY_ORDER))
                .limit(limit)
                .map(e -> new Bookmark(e.getKey().machine(), e.getKey().subscription(), e.getValue()))
                .toList());
    }

    @Override
    public void deleteBookmarks(String machine, UUID subscription) {
        db.locked(() -> {
            db.bookmarks.keySet().removeIf(key -> (machine == null || machine.equals(key.machine()))
                    && (subscription == null || subscription.equals(key.subscription())));
        });
    }
}
