package org.openwec.adapters.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.adapters.testkit.SubscriptionTestData.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.RowKey;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.port.out.BookmarkPort;
import org.openwec.core.port.out.Storage;

/**
 * What every {@link BookmarkPort} does: the reference's test_bookmarks (docs/reference/reference-tests.md §3), split into
 * one test per step group, plus byte-for-byte text, ordering and the foreign key to subscriptions.
 */
public abstract class BookmarkPortContract {

    /** A fresh database with the whole schema applied; the test closes it. */
    protected abstract Storage newStorage();

    private Storage storage;
    private BookmarkPort port;
    private Subscription u;
    private Subscription i;

    @BeforeEach
    void openStorage() {
        storage = newStorage();
        port = storage.bookmarks();
        u = subscription("tutu");
        i = subscription("titi");
        storage.subscriptions().storeSubscription(u);
        storage.subscriptions().storeSubscription(i);
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    private String bookmark(String machine, Subscription subscription) {
        return port.bookmark(machine, subscription.uuid()).orElse(null);
    }

    private void storeAgain(Subscription... subscriptions) {
        for (Subscription s : subscriptions) {
            storage.subscriptions().storeSubscription(s);
        }
    }

    // docs/reference/reference-tests.md §3: test_bookmarks

    @Test
    @DisplayName("3#2 a subscription starts without bookmark")
    void noBookmarkAtFirst() {
        assertThat(port.bookmark("toto", u.uuid())).isEmpty();
        assertThat(port.bookmarks(u.uuid())).isEmpty();
    }

    @Test
    @DisplayName("3#3 a stored bookmark reads back, alone and in the list")
    void storedBookmarkReadsBack() {
        port.storeBookmark("toto", u.uuid(), "titi");

        assertThat(bookmark("toto", u)).isEqualTo("titi");
        assertThat(port.bookmarks(u.uuid()).get(0)).isEqualTo(new Bookmark("toto", u.uuid(), "titi"));
    }

    @Test
    @DisplayName("3#4 storing again replaces the bookmark")
    void storingAgainReplaces() {
        port.storeBookmark("toto", u.uuid(), "titi");
        port.storeBookmark("toto", u.uuid(), "toto");

        assertThat(bookmark("toto", u)).isEqualTo("toto");
        assertThat(port.bookmarks(u.uuid())).containsExactly(new Bookmark("toto", u.uuid(), "toto"));
    }

    @Test
    @DisplayName("3#5 the same machine has one bookmark per subscription")
    void oneBookmarkPerSubscription() {
        port.storeBookmark("toto", u.uuid(), "toto");
        port.storeBookmark("toto", i.uuid(), "babar");

        assertThat(bookmark("toto", u)).isEqualTo("toto");
        assertThat(port.bookmarks(u.uuid())).containsExactly(new Bookmark("toto", u.uuid(), "toto"));
        assertThat(bookmark("toto", i)).isEqualTo("babar");
        assertThat(port.bookmarks(i.uuid())).containsExactly(new Bookmark("toto", i.uuid(), "babar"));
    }

    @Test
    @DisplayName("3#6-7 deleting a subscription deletes its bookmarks only")
    void deletingSubscriptionCascades() {
        port.storeBookmark("toto", u.uuid(), "toto");
        port.storeBookmark("toto", i.uuid(), "babar");

        storage.subscriptions().deleteSubscription(u.uuid());
        assertThat(bookmark("toto", u)).isNull();
        assertThat(port.bookmarks(u.uuid())).isEmpty();
        assertThat(bookmark("toto", i)).isEqualTo("babar");
        assertThat(port.bookmarks(i.uuid())).isNotEmpty();

        storage.subscriptions().deleteSubscription(i.uuid());
        assertThat(bookmark("toto", i)).isNull();
        assertThat(port.bookmarks(i.uuid())).isEmpty();
    }

    @Test
    @DisplayName("3#8 a subscription stored again after deletion starts without bookmark")
    void recreatedSubscriptionHasNoBookmark() {
        port.storeBookmark("toto", u.uuid(), "toto");
        storage.subscriptions().deleteSubscription(u.uuid());
        storeAgain(u);

        assertThat(bookmark("toto", u)).isNull();
        port.storeBookmark("toto", u.uuid(), "again");
        assertThat(bookmark("toto", u)).isEqualTo("again");
    }

    @Test
    @DisplayName("3#9-10 the bookmarks of a subscription are listed with their machine")
    void listsBookmarksOfSubscription() {
        storeFixture();

        assertThat(port.bookmarks(u.uuid())).containsExactlyInAnyOrder(
                new Bookmark("m1", u.uuid(), "m1b1"), new Bookmark("m2", u.uuid(), "m2b1"));
    }

    @Test
    @DisplayName("3#11 deleting by machine and subscription deletes that bookmark only")
    void deleteByMachineAndSubscription() {
        storeFixture();

        port.deleteBookmarks("m1", i.uuid());

        assertThat(bookmark("m1", i)).isNull();
        assertThat(bookmark("m1", u)).isEqualTo("m1b1");
        assertThat(bookmark("m2", u)).isEqualTo("m2b1");
    }

    @Test
    @DisplayName("3#12 deleting by subscription deletes the bookmarks of every machine of it")
    void deleteBySubscription() {
        storeFixture();
        port.deleteBookmarks("m1", i.uuid());
        port.storeBookmark("m1", i.uuid(), "m1b3");

        port.deleteBookmarks(null, u.uuid());

        assertThat(bookmark("m1", u)).isNull();
        assertThat(bookmark("m2", u)).isNull();
        assertThat(bookmark("m1", i)).isEqualTo("m1b3");
    }

    @Test
    @DisplayName("3#13 deleting by machine deletes its bookmarks of every subscription")
    void deleteByMachine() {
        port.storeBookmark("m1", i.uuid(), "m1b3");
        port.storeBookmark("m1", u.uuid(), "m1b4");
        port.storeBookmark("m2", u.uuid(), "m2b2");

        port.deleteBookmarks("m1", null);

        assertThat(bookmark("m2", u)).isEqualTo("m2b2");
        assertThat(bookmark("m1", u)).isNull();
        assertThat(bookmark("m1", i)).isNull();
    }

    @Test
    @DisplayName("3#14 deleting with neither machine nor subscription deletes every bookmark")
    void deleteAll() {
        port.storeBookmark("m2", u.uuid(), "m2b2");
        port.storeBookmark("m1", u.uuid(), "m1b5");
        port.storeBookmark("m2", i.uuid(), "m2b3");

        port.deleteBookmarks(null, null);

        assertThat(bookmark("m1", u)).isNull();
        assertThat(bookmark("m2", i)).isNull();
        assertThat(bookmark("m2", u)).isNull();
        assertThat(port.bookmarks(u.uuid())).isEmpty();
        assertThat(port.bookmarks(i.uuid())).isEmpty();
    }

    private void storeFixture() {
        port.storeBookmark("m1", u.uuid(), "m1b1");
        port.storeBookmark("m2", u.uuid(), "m2b1");
        port.storeBookmark("m1", i.uuid(), "m1b2");
    }

    // Beyond the reference

    @Test
    void deletingNothingThatMatchesIsNotAnError() {
        port.storeBookmark("m1", u.uuid(), "kept");

        port.deleteBookmarks("nobody", null);
        port.deleteBookmarks(null, UUID.randomUUID());
        port.deleteBookmarks("m1", i.uuid());

        assertThat(bookmark("m1", u)).isEqualTo("kept");
    }

    @Test
    void storingABookmarkForAnUnknownSubscriptionIsAUserError() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> port.storeBookmark("m1", unknown, "b")).isInstanceOf(UserError.class);
        assertThat(port.bookmark("m1", unknown)).isEmpty();
        assertThat(port.bookmarks(unknown)).isEmpty();
    }

    @Test
    void storingABookmarkForADeletedSubscriptionIsAUserError() {
        storage.subscriptions().deleteSubscription(u.uuid());

        assertThatThrownBy(() -> port.storeBookmark("m1", u.uuid(), "b")).isInstanceOf(UserError.class);
    }

    @Test
    void bookmarkTextIsReturnedByteForByte() {
        List<String> texts = List.of(
                "<BookmarkList><Bookmark Channel=\"Security\" RecordId=\"123456\" IsCurrent=\"true\"/></BookmarkList>",
                "it's; \"quoted\"; '; DROP TABLE bookmarks; --",
                "Évènements ünïcödé 日本語 🙂 \u00a0",
                "line 1\nline 2\r\nline 3\r\ttabbed\n",
                "  leading and trailing spaces  ",
                "back\\slash %_ wildcards",
                "");
        for (int n = 0; n < texts.size(); n++) {
            port.storeBookmark("m" + n, u.uuid(), texts.get(n));
        }

        for (int n = 0; n < texts.size(); n++) {
            assertThat(bookmark("m" + n, u)).isEqualTo(texts.get(n));
        }
        assertThat(port.bookmarks(u.uuid())).extracting(Bookmark::bookmark).containsExactlyElementsOf(texts);
    }

    @Test
    void aLongBookmarkIsKeptWhole() {
        String longText = "<BookmarkList>" + "<Bookmark Channel=\"Application\" RecordId=\"1\"/>".repeat(2000)
                + "</BookmarkList>";
        port.storeBookmark("m1", u.uuid(), longText);

        assertThat(bookmark("m1", u)).isEqualTo(longText);
    }

    @Test
    void machineIsACaseSensitiveKey() {
        port.storeBookmark("WIN10$@WINDOMAIN.LOCAL", u.uuid(), "upper");
        port.storeBookmark("win10$@windomain.local", u.uuid(), "lower");

        assertThat(bookmark("WIN10$@WINDOMAIN.LOCAL", u)).isEqualTo("upper");
        assertThat(bookmark("win10$@windomain.local", u)).isEqualTo("lower");
        assertThat(bookmark("Win10$@WinDomain.Local", u)).isNull();
    }

    @Test
    void bookmarksAreOrderedByMachine() {
        // Lower-case ASCII letters only: every collation (C, ICU, glibc locales) orders them alike.
        for (String machine : List.of("delta", "alpha", "charlie", "bravo", "alphabet")) {
            port.storeBookmark(machine, u.uuid(), "b-" + machine);
        }

        assertThat(port.bookmarks(u.uuid())).extracting(Bookmark::machine)
                .containsExactly("alpha", "alphabet", "bravo", "charlie", "delta");
    }

    @Test
    void bookmarksEchoTheSubscriptionAsked() {
        port.storeBookmark("m1", u.uuid(), "b");

        assertThat(port.bookmarks(u.uuid())).extracting(Bookmark::subscription).containsExactly(u.uuid());
        assertThat(port.bookmarks(i.uuid())).isEmpty();
    }

    @Test
    void updatingTheSubscriptionKeepsItsBookmarks() {
        port.storeBookmark("m1", u.uuid(), "b");
        storage.subscriptions().storeSubscription(u.withEnabled(false).withUri("/changed"));

        assertThat(bookmark("m1", u)).isEqualTo("b");
    }

    // Batches: one transaction for many bookmarks (events batches, bookmarks copy)

    @Test
    @DisplayName("a batch of bookmarks is stored whole, later entries for a key winning")
    void batchIsStoredWhole() {
        port.storeBookmark("m1", u.uuid(), "old");
        port.storeBookmarks(List.of(
                new Bookmark("m1", u.uuid(), "first"),
                new Bookmark("m2", u.uuid(), "m2"),
                new Bookmark("m1", i.uuid(), "other subscription"),
                new Bookmark("m1", u.uuid(), "last")));

        assertThat(bookmark("m1", u)).isEqualTo("last");
        assertThat(bookmark("m2", u)).isEqualTo("m2");
        assertThat(bookmark("m1", i)).isEqualTo("other subscription");
    }

    @Test
    @DisplayName("a batch naming an unknown subscription stores nothing and says why")
    void batchWithUnknownSubscriptionStoresNothing() {
        port.storeBookmark("m1", u.uuid(), "kept");
        assertThatThrownBy(() -> port.storeBookmarks(List.of(
                new Bookmark("m1", u.uuid(), "replaced?"),
                new Bookmark("m2", UUID.randomUUID(), "orphan"))))
                .isInstanceOf(UserError.class);

        assertThat(bookmark("m1", u)).isEqualTo("kept");
        assertThat(port.bookmarks(u.uuid())).hasSize(1);
    }

    @Test
    @DisplayName("an empty batch is a no-op")
    void emptyBatch() {
        port.storeBookmarks(List.of());
        assertThat(port.bookmarks(u.uuid())).isEmpty();
    }

    // Paging through every bookmark (db copy)

    @Test
    @DisplayName("pages cover every bookmark exactly once, in (machine, subscription) order")
    void pagesCoverEveryBookmarkOnce() {
        List<Bookmark> stored = new ArrayList<>();
        for (int n = 0; n < 23; n++) {
            stored.add(new Bookmark("machine-" + n, n % 2 == 0 ? u.uuid() : i.uuid(), "bookmark " + n));
        }
        port.storeBookmarks(stored);

        List<Bookmark> read = new ArrayList<>();
        RowKey after = null;
        for (List<Bookmark> page = port.bookmarkPage(null, 5); !page.isEmpty(); page = port.bookmarkPage(after, 5)) {
            assertThat(page.size()).isLessThanOrEqualTo(5);
            read.addAll(page);
            Bookmark last = page.get(page.size() - 1);
            after = new RowKey(last.subscription(), last.machine());
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(stored);
        assertThat(read).doesNotHaveDuplicates();
        // Machines come in order (ASCII names sort alike under every backend's collation).
        assertThat(read.stream().map(Bookmark::machine).toList()).isSortedAccordingTo(String::compareTo);
    }

    @Test
    @DisplayName("an empty table has an empty first page")
    void emptyTableHasEmptyPage() {
        assertThat(port.bookmarkPage(null, 10)).isEmpty();
    }
}
