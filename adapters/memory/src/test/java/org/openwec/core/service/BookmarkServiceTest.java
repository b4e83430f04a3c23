package org.openwec.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.ManageBookmarks;
import org.openwec.core.port.in.ManageBookmarks.CopyPlan;
import org.openwec.core.port.out.Storage;

/** The bookmarks use case on the in-memory storage: showing, deleting, and copying them between subscriptions. */
class BookmarkServiceTest {
    private final Storage storage = MemoryStorages.migrated("in-memory database");
    private final ManageBookmarks bookmarks = new BookmarkService(storage.bookmarks());
    private Subscription alpha;
    private Subscription beta;

    @BeforeEach
    void setUp() {
        alpha = Subscription.create("alpha", "q");
        beta = Subscription.create("beta", "q");
        storage.subscriptions().storeSubscriptions(List.of(alpha, beta), List.of());
        storage.bookmarks().storeBookmarks(List.of(new Bookmark("A", alpha.uuid(), "<a/>"), new Bookmark("B", alpha.uuid(), "<b/>")));
    }

    @Test
    void showsTheBookmarksOfASubscriptionOrOfOneMachine() {
        assertThat(bookmarks.bookmarks(alpha)).extracting(Bookmark::machine).containsExactly("A", "B");
        assertThat(bookmarks.bookmark("B", alpha)).contains("<b/>");
        assertThat(bookmarks.bookmark("B", beta)).isEmpty();
    }

    @Test
    void copyingAllIsOneTransactionUnderTheDestination() {
        CopyPlan plan = bookmarks.planCopy(alpha, beta, null);

        assertThat(plan.replacesExisting()).isFalse();
        assertThat(bookmarks.bookmarks(beta)).as("planning writes nothing").isEmpty();
        assertThat(bookmarks.copy(plan)).isEqualTo(2);
        assertThat(bookmarks.bookmarks(beta)).containsExactly(new Bookmark("A", beta.uuid(), "<a/>"),
                new Bookmark("B", beta.uuid(), "<b/>"));
    }

    @Test
    void copyingOneOverAnExistingBookmarkSaysSoAsData() {
        storage.bookmarks().storeBookmark("A", beta.uuid(), "<older/>");

        CopyPlan plan = bookmarks.planCopy(alpha, beta, "A");

        assertThat(plan.replacesExisting()).isTrue();
        assertThat(plan.copies()).containsExactly(new Bookmark("A", beta.uuid(), "<a/>"));
        assertThat(bookmarks.bookmark("A", beta)).contains("<older/>");
        assertThat(bookmarks.copy(plan)).isEqualTo(1);
        assertThat(bookmarks.bookmark("A", beta)).contains("<a/>");
        assertThat(bookmarks.planCopy(alpha, beta, "B").replacesExisting()).isFalse();
    }

    @Test
    void theSameSubscriptionOrAMissingBookmarkIsRefused() {
        assertThatThrownBy(() -> bookmarks.planCopy(alpha, alpha, null))
                .isInstanceOf(UserError.class).hasMessage("Source and destination are equal");
        assertThatThrownBy(() -> bookmarks.planCopy(alpha, beta, "Z"))
                .isInstanceOf(UserError.class).hasMessage("Could not find bookmark for Z in \"alpha\"");
    }

    @Test
    void deletesByMachineBySubscriptionOrAll() {
        storage.bookmarks().storeBookmark("A", beta.uuid(), "<a/>");

        bookmarks.delete("A", alpha);
        assertThat(bookmarks.bookmarks(alpha)).extracting(Bookmark::machine).containsExactly("B");
        assertThat(bookmarks.bookmarks(beta)).hasSize(1);

        bookmarks.delete(null, null);
        assertThat(bookmarks.bookmarks(alpha)).isEmpty();
        assertThat(bookmarks.bookmarks(beta)).isEmpty();
    }
}
