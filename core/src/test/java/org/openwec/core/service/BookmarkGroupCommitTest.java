package org.openwec.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.core.service.CollectorFixtures.active;
import static org.openwec.core.service.CollectorFixtures.bookmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.service.BookmarkGroupCommit.BackwardBookmarks;
import org.openwec.core.service.BookmarkGroupCommit.Outcome;
import org.openwec.core.service.BookmarkGroupCommit.Settings;

@Timeout(30)
class BookmarkGroupCommitTest {
    private final FakeCollectorDatabase db = new FakeCollectorDatabase();
    private final Subscription security = active("security");
    private final Subscription system = active("system");
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void subscriptions() {
        db.add(security);
        db.add(system);
    }

    @AfterEach
    void close() throws Exception {
        db.bookmarkGate = null;
        db.writeFailure = null;
        for (AutoCloseable c : toClose) {
            c.close();
        }
        threads.shutdownNow();
    }

    private BookmarkGroupCommit commit(Settings settings) {
        BookmarkGroupCommit commit = new BookmarkGroupCommit(db.bookmarkPort(), db.subscriptionPort(), settings);
        toClose.add(commit);
        return commit;
    }

    private BookmarkGroupCommit commit() {
        return commit(Settings.defaults());
    }

    /** Starts a store in its own thread and returns once it waits for its commit. */
    private Future<Outcome> storeInBackground(BookmarkGroupCommit commit, String machine, UUID subscription, String text)
            throws InterruptedException {
        AtomicReference<Thread> thread = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Future<Outcome> result = threads.submit(() -> {
            thread.set(Thread.currentThread());
            started.countDown();
            return commit.store(machine, subscription, text);
        });
        started.await();
        while (result.isDone() == false && thread.get().getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
        return result;
    }

    /** Starts a store that the committer takes alone and holds at the gate: later stores form the next batch. */
    private Future<Outcome> blockTheCommitter(BookmarkGroupCommit commit) throws InterruptedException {
        int before = db.bookmarkBatches.size();
        Future<Outcome> blocker = storeInBackground(commit, "blocker", security.uuid(), "x");
        while (db.bookmarkBatches.size() == before) {
            Thread.sleep(1);
        }
        return blocker;
    }

    @Test
    void aStoredBookmarkIsCommittedWhenTheCallReturns() {
        assertThat(commit().store("WIN10$", security.uuid(), bookmark("Security", 10))).isEqualTo(Outcome.STORED);
        assertThat(db.storedBookmark("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 10));
    }

    @Test
    void theCallerWaitsForTheCommit() throws Exception {
        BookmarkGroupCommit commit = commit();
        db.bookmarkGate = new CountDownLatch(1);
        Future<Outcome> pending = storeInBackground(commit, "WIN10$", security.uuid(), bookmark("Security", 10));
        Thread.sleep(50);
        assertThat(pending).isNotDone();
        db.bookmarkGate.countDown();
        assertThat(pending.get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.STORED);
    }

    @Test
    void concurrentCallsShareTransactions() throws Exception {
        BookmarkGroupCommit commit = commit();
        db.writeDelayMillis = 5; // a disk flush
        int writers = 32;
        int each = 20;
        List<Future<?>> all = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String machine = "M" + w;
            all.add(threads.submit(() -> {
                for (int i = 1; i <= each; i++) {
                    assertThat(commit.store(machine, security.uuid(), bookmark("Security", i))).isEqualTo(Outcome.STORED);
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        for (int w = 0; w < writers; w++) {
            assertThat(db.storedBookmark("M" + w, security.uuid())).isEqualTo(bookmark("Security", each));
        }
        assertThat(commit.stats().stored()).isEqualTo(writers * each);
        assertThat(commit.stats().commits()).as("far fewer transactions than bookmarks").isLessThan(writers * each / 4);
        assertThat(commit.stats().largestBatch()).isGreaterThan(writers / 2);
    }

    @Test
    void batchesAreBounded() throws Exception {
        BookmarkGroupCommit commit = commit(Settings.defaults().withMaxBatchSize(3));
        db.bookmarkGate = new CountDownLatch(1);
        List<Future<Outcome>> pending = new ArrayList<>();
        pending.add(blockTheCommitter(commit));
        for (int i = 0; i < 7; i++) {
            pending.add(storeInBackground(commit, "M" + i, security.uuid(), "x"));
        }
        db.bookmarkGate.countDown();
        for (Future<Outcome> f : pending) {
            assertThat(f.get()).isEqualTo(Outcome.STORED);
        }
        assertThat(db.bookmarkBatches).allMatch(size -> size <= 3).contains(3);
    }

    @Test
    void aLoneCallerDoesNotWaitForCompany() {
        BookmarkGroupCommit commit = commit(Settings.defaults().withMaxWait(Duration.ofSeconds(5)));
        long start = System.nanoTime();
        for (int i = 1; i <= 5; i++) {
            commit.store("WIN10$", security.uuid(), bookmark("Security", i));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void theLastBookmarkOfAClientWinsWithinABatch() throws Exception {
        BookmarkGroupCommit commit = commit();
        db.bookmarkGate = new CountDownLatch(1);
        Future<Outcome> blocker = blockTheCommitter(commit);
        Future<Outcome> first = storeInBackground(commit, "WIN10$", security.uuid(), "not xml 1");
        Future<Outcome> second = storeInBackground(commit, "WIN10$", security.uuid(), "not xml 2");
        db.bookmarkGate.countDown();
        assertThat(blocker.get()).isEqualTo(Outcome.STORED);
        assertThat(first.get()).isEqualTo(Outcome.SUPERSEDED);
        assertThat(second.get()).isEqualTo(Outcome.STORED);
        assertThat(db.storedBookmark("WIN10$", security.uuid())).isEqualTo("not xml 2");
        assertThat(db.bookmarkBatches).containsExactly(1, 1);
    }

    @Test
    void batchesAreWrittenInPrimaryKeyOrder() throws Exception {
        BookmarkGroupCommit commit = commit();
        db.bookmarkGate = new CountDownLatch(1);
        Future<Outcome> blocker = blockTheCommitter(commit);
        List<Future<Outcome>> pending = new ArrayList<>();
        for (String machine : List.of("C", "A", "B")) {
            pending.add(storeInBackground(commit, machine, security.uuid(), "x"));
        }
        db.bookmarkGate.countDown();
        blocker.get();
        for (Future<Outcome> f : pending) {
            f.get();
        }
        assertThat(db.lastBookmarkBatch).containsExactly("A", "B", "C");
    }

    @Test
    void aFailedCommitIsReportedToEveryCallerOfItsBatchAndNothingIsAcknowledged() throws Exception {
        BookmarkGroupCommit commit = commit();
        db.bookmarkGate = new CountDownLatch(1);
        db.writeFailure = FakeCollectorDatabase::unavailable;
        List<Future<Outcome>> pending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pending.add(storeInBackground(commit, "M" + i, security.uuid(), bookmark("Security", 1)));
        }
        db.bookmarkGate.countDown();
        for (Future<Outcome> f : pending) {
            assertThatThrownBy(f::get).hasCauseInstanceOf(StorageException.class).hasMessageContaining("database unavailable");
        }
        assertThat(db.bookmarkRows).isEmpty();
        assertThat(commit.stats().failed()).isEqualTo(5);
        db.writeFailure = null;
        assertThat(commit.store("M0", security.uuid(), bookmark("Security", 1))).isEqualTo(Outcome.STORED);
    }

    @Test
    void aDeletedSubscriptionFailsItsOwnCallersOnly() throws Exception {
        BookmarkGroupCommit commit = commit();
        Subscription deleted = active("deleted");
        db.bookmarkGate = new CountDownLatch(1);
        Future<Outcome> blocker = blockTheCommitter(commit);
        Future<Outcome> ok1 = storeInBackground(commit, "A", security.uuid(), "a");
        Future<Outcome> orphan = storeInBackground(commit, "B", deleted.uuid(), "b");
        Future<Outcome> ok2 = storeInBackground(commit, "C", system.uuid(), "c");
        db.bookmarkGate.countDown();
        assertThat(blocker.get()).isEqualTo(Outcome.STORED);
        assertThat(ok1.get()).isEqualTo(Outcome.STORED);
        assertThat(ok2.get()).isEqualTo(Outcome.STORED);
        assertThatThrownBy(orphan::get).hasCauseInstanceOf(UserError.class).hasMessageContaining("does not exist");
        assertThat(db.storedBookmark("A", security.uuid())).isEqualTo("a");
        assertThat(db.storedBookmark("C", system.uuid())).isEqualTo("c");
        assertThat(db.storedBookmark("B", deleted.uuid())).isNull();
    }

    @Test
    void aBackwardBookmarkDoesNotReplaceTheStoredOne() {
        BookmarkGroupCommit commit = commit();
        commit.store("WIN10$", security.uuid(), bookmark("Security", 100));
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 99))).isEqualTo(Outcome.KEPT_STORED);
        assertThat(db.storedBookmark("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 100));
        assertThat(commit.stats().keptStored()).isEqualTo(1);
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 100))).as("equal is not behind")
                .isEqualTo(Outcome.STORED);
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 101))).isEqualTo(Outcome.STORED);
        assertThat(db.storedBookmark("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 101));
    }

    @Test
    void theGuardReadsWhatIsStoredWhenItDoesNotKnowIt() {
        db.bookmarkRows.put(FakeCollectorDatabase.key("WIN10$", security.uuid()), bookmark("Security", 500));
        BookmarkGroupCommit commit = commit();
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 111))).isEqualTo(Outcome.KEPT_STORED);
        assertThat(db.storedBookmark("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 500));
        commit.store("WIN10$", security.uuid(), bookmark("Security", 501));
        commit.store("WIN10$", security.uuid(), bookmark("Security", 502));
        assertThat(db.bookmarkReads).as("one read, then it knows").hasValue(1);
    }

    @Test
    void anUnreadableStoredBookmarkIsReplaced() {
        db.bookmarkRows.put(FakeCollectorDatabase.key("WIN10$", security.uuid()), "garbage");
        assertThat(commit().store("WIN10$", security.uuid(), bookmark("Security", 1))).isEqualTo(Outcome.STORED);
        assertThat(db.storedBookmark("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 1));
    }

    @Test
    void theReferenceBehaviourCanBeRestored() {
        BookmarkGroupCommit commit = commit(Settings.defaults().withBackwardBookmarks(BackwardBookmarks.REPLACE));
        commit.store("WIN10$", security.uuid(), bookmark("Security", 100));
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 99))).isEqualTo(Outcome.STORED);
        assertThat(db.storedBookmark("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 99));
        assertThat(db.bookmarkReads).as("no guard, no read").hasValue(0);
    }

    @Test
    void aClientWhoseLogStartedOverMovesOnAfterSomeBackwardBookmarks() {
        BookmarkGroupCommit commit = commit(Settings.defaults().withAcceptBackwardAfter(2));
        commit.store("WIN10$", security.uuid(), bookmark("Security", 1000));
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 1))).isEqualTo(Outcome.KEPT_STORED);
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 2))).isEqualTo(Outcome.KEPT_STORED);
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 3))).isEqualTo(Outcome.STORED);
        assertThat(db.storedBookmark("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 3));
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 2))).as("counting starts again")
                .isEqualTo(Outcome.KEPT_STORED);
    }

    @Test
    void aBookmarkBehindAnotherOfTheSameBatchFollowsItsFate() throws Exception {
        BookmarkGroupCommit commit = commit();
        db.bookmarkGate = new CountDownLatch(1);
        Future<Outcome> blocker = blockTheCommitter(commit);
        Future<Outcome> ahead = storeInBackground(commit, "WIN10$", security.uuid(), bookmark("Security", 100));
        Future<Outcome> behind = storeInBackground(commit, "WIN10$", security.uuid(), bookmark("Security", 50));
        db.bookmarkGate.countDown();
        assertThat(blocker.get()).isEqualTo(Outcome.STORED);
        assertThat(ahead.get()).isEqualTo(Outcome.STORED);
        assertThat(behind.get()).isEqualTo(Outcome.KEPT_STORED);
        assertThat(db.storedBookmark("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 100));
    }

    @Test
    void enumerateTellsTheGuardWhatAnAdministratorChanged() {
        BookmarkGroupCommit commit = commit();
        commit.store("WIN10$", security.uuid(), bookmark("Security", 100));
        db.deleteBookmarks("WIN10$", null); // openwec bookmarks delete: the client starts over
        try (EnumerateSubscriptions enumerate = new EnumerateSubscriptions(db.subscriptionPort(), db.bookmarkPort(),
                Duration.ofHours(1), commit.known())) {
            assertThat(enumerate.enumerate("WIN10$", null, "/wsman").get(0).bookmark()).isNull();
        }
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 5))).isEqualTo(Outcome.STORED);
    }

    @Test
    void closeCommitsWhatIsQueuedThenRefuses() throws Exception {
        BookmarkGroupCommit commit = commit();
        db.bookmarkGate = new CountDownLatch(1);
        List<Future<Outcome>> pending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pending.add(storeInBackground(commit, "M" + i, security.uuid(), "x" + i));
        }
        Future<?> closing = threads.submit(commit::close);
        Thread.sleep(50);
        db.bookmarkGate.countDown();
        closing.get();
        for (Future<Outcome> f : pending) {
            assertThat(f.get()).isEqualTo(Outcome.STORED);
        }
        assertThat(db.bookmarkRows).hasSize(5);
        assertThatThrownBy(() -> commit.store("late", security.uuid(), "x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedReadOfTheStoredBookmarkFailsTheCall() {
        BookmarkGroupCommit commit = commit();
        db.readFailure = FakeCollectorDatabase::unavailable;
        assertThatThrownBy(() -> commit.store("WIN10$", security.uuid(), bookmark("Security", 1)))
                .isInstanceOf(StorageException.class);
        assertThat(db.bookmarkRows).isEmpty();
    }
}
