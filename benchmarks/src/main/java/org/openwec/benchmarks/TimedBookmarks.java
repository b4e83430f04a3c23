package org.openwec.benchmarks;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.RowKey;
import org.openwec.core.port.out.BookmarkPort;

/**
 * The adapter's bookmark port, timed: how long the group commit spends in its writes and how many reads
 * its guard makes, so that a commit cycle can be split into the adapter's part and the engine's.
 */
final class TimedBookmarks implements BookmarkPort {
    private final BookmarkPort adapter;
    final LongAdder writes = new LongAdder();
    final LongAdder writeNanos = new LongAdder();
    final LongAdder reads = new LongAdder();

    TimedBookmarks(BookmarkPort adapter) {
        this.adapter = adapter;
    }

    @Override
    public Optional<String> bookmark(String machine, UUID subscription) {
        reads.increment();
        return adapter.bookmark(machine, subscription);
    }

    @Override
    public List<Bookmark> bookmarks(UUID subscription) {
        return adapter.bookmarks(subscription);
    }

    @Override
    public void storeBookmark(String machine, UUID subscription, String bookmark) {
        long start = System.nanoTime();
        try {
            adapter.storeBookmark(machine, subscription, bookmark);
        } finally {
            writeNanos.add(System.nanoTime() - start);
            writes.increment();
        }
    }

    @Override
    public void storeBookmarks(Collection<Bookmark> bookmarks) {
        long start = System.nanoTime();
        try {
            adapter.storeBookmarks(bookmarks);
        } finally {
            writeNanos.add(System.nanoTime() - start);
            writes.increment();
        }
    }

    @Override
    public List<Bookmark> bookmarkPage(RowKey after, int limit) {
        return adapter.bookmarkPage(after, limit);
    }

    @Override
    public void deleteBookmarks(String machine, UUID subscription) {
        adapter.deleteBookmarks(machine, subscription);
    }
}
