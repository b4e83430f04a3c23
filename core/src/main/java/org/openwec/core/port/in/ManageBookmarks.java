package org.openwec.core.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.Subscription;

/**
 * Where each machine is in its event stream, per subscription. Deleting or overwriting a bookmark makes the
 * machine send events again, or skip some: drivers ask the operator first.
 */
public interface ManageBookmarks {

    /** The bookmarks of a subscription, ordered by machine. */
    List<Bookmark> bookmarks(Subscription subscription);

    Optional<String> bookmark(String machine, Subscription subscription);

    /** Deletes the bookmarks of a machine, of a subscription, of both, or (both null) all of them. */
    void delete(String machine, Subscription subscription);

    /**
     * A copy of bookmarks from one subscription to another, e.g. to replace a subscription without resending
     * events.
     *
     * @param machine the one machine whose bookmark is copied, or null for all of them
     * @param copies the bookmarks to store, under the destination
     * @param replacesExisting the destination already has a bookmark for {@code machine} (one machine only),
     *                         which the copy overwrites: worth a warning
     */
    record CopyPlan(Subscription source, Subscription destination, String machine, List<Bookmark> copies,
                    boolean replacesExisting) {
        public CopyPlan {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            copies = List.copyOf(copies);
        }
    }

    /**
     * Reads what to copy. Nothing is written.
     *
     * @throws org.openwec.core.model.UserError when source and destination are the same subscription however
     *         named, or when the source has no bookmark for {@code machine}
     */
    CopyPlan planCopy(Subscription source, Subscription destination, String machine);

    /**
     * Stores the copies in one transaction, overwriting the destination's bookmarks of the same machines.
     *
     * @return how many bookmarks were copied
     */
    int copy(CopyPlan plan);
}
