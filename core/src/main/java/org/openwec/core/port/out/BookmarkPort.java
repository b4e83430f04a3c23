package org.openwec.core.port.out;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.RowKey;

/** Stores one bookmark per (machine, subscription). A stored bookmark is durable when the call returns. */
public interface BookmarkPort {

    Optional<String> bookmark(String machine, UUID subscription);

    /** The bookmarks of one subscription, ordered by machine. */
    List<Bookmark> bookmarks(UUID subscription);

    /**
     * Inserts or replaces the bookmark of (machine, subscription).
     *
     * @throws org.openwec.core.model.UserError when the subscription does not exist
     */
    void storeBookmark(String machine, UUID subscription, String bookmark);

    /**
     * Stores several bookmarks in one transaction: all of them, or none (then the error says why). Later
     * entries for the same (machine, subscription) win. This is what batches of events and
     * {@code bookmarks copy} need: one commit for many bookmarks, and no half-done copy.
     *
     * @throws org.openwec.core.model.UserError when a subscription does not exist (nothing is stored)
     */
    void storeBookmarks(Collection<Bookmark> bookmarks);

    /**
     * Every bookmark of every subscription, a page at a time, in the backend's (machine, subscription)
     * order, the primary key's, so each page is an index range: the page after {@code after} (null for
     * the first), at most {@code limit} rows. Streams a whole table in bounded memory ({@code db copy}).
     */
    List<Bookmark> bookmarkPage(RowKey after, int limit);

    /** Deletes the bookmarks matching both arguments; a null argument matches everything. */
    void deleteBookmarks(String machine, UUID subscription);
}
