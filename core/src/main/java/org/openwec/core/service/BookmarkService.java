package org.openwec.core.service;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.ManageBookmarks;
import org.openwec.core.port.out.BookmarkPort;

/** The bookmarks use case on a {@link BookmarkPort}. */
public final class BookmarkService implements ManageBookmarks {
    private final BookmarkPort bookmarks;

    public BookmarkService(BookmarkPort bookmarks) {
        this.bookmarks = Objects.requireNonNull(bookmarks, "bookmarks");
    }

    @Override
    public List<Bookmark> bookmarks(Subscription subscription) {
        return bookmarks.bookmarks(subscription.uuid());
    }

    @Override
    public Optional<String> bookmark(String machine, Subscription subscription) {
        return bookmarks.bookmark(machine, subscription.uuid());
    }

    @Override
    public void delete(String machine, Subscription subscription) {
        bookmarks.deleteBookmarks(machine, subscription == null ? null : subscription.uuid());
    }

    @Override
    public CopyPlan planCopy(Subscription source, Subscription destination, String machine) {
        // Compared as subscriptions, not as the operator typed them: a name and a UUID can name the same one.
        if (source.uuid().equals(destination.uuid())) {
            throw new UserError("Source and destination are equal");
        }
        if (machine == null) {
            List<Bookmark> copies = bookmarks.bookmarks(source.uuid()).stream()
                    .map(b -> new Bookmark(b.machine(), destination.uuid(), b.bookmark()))
                    .toList();
            return new CopyPlan(source, destination, null, copies, false);
        }
        boolean replacesExisting = bookmarks.bookmark(machine, destination.uuid()).isPresent();
        String text = bookmarks.bookmark(machine, source.uuid()).orElseThrow(() -> new UserError(
                "Could not find bookmark for " + machine + " in \"" + source.name() + "\""));
        return new CopyPlan(source, destination, machine, List.of(new Bookmark(machine, destination.uuid(), text)),
                replacesExisting);
    }

    @Override
    public int copy(CopyPlan plan) {
        bookmarks.storeBookmarks(plan.copies());
        return plan.copies().size();
    }
}
