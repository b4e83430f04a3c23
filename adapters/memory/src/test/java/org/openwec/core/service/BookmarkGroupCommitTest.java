package org.openwec.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.core.service.CollectorFixtures.active;
import static org.openwec.core.service.CollectorFixtures.bookmark;
import static org.openwec.core.service.CollectorFixtures.storedBookmark;
import static org.openwec.core.service.CollectorFixtures.until;
import static org.openwec.core.service.CollectorFixtures.untilWaiting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openwec.adapters.testkit.FaultyStorage;
import org.openwec.adapters.testkit.FaultyStorage.Call;
import org.openwec.adapters.testkit.FaultyStorage.Gate;
import org.openwec.adapters.testkit.FaultyStorage.Invocation;
import org.openwec.adapters.testkit.time.ManualScheduler;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.RecordEventsBatch.Outcome;
import org.openwec.core.service.BookmarkGroupCommit.BackwardBookmarks;
import org.openwec.core.service.BookmarkGroupCommit.Settings;

@Timeout(30)
class BookmarkGroupCommitTest {
    private final FaultyStorage db = CollectorFixtures.faultyStorage();
    private final Subscription security = active("security");
    private final Subscription system = active("system");
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void subscriptions() {
        db.wrapped().subscriptions().storeSubscription(security);
        db.wrapped().subscriptions().storeSubscription(system);
    }

    @AfterEach
    void close() throws Exception {
        db.heal();
        for (AutoCloseable c : toClose) {
            c.close();
        }
        threads.shutdownNow();
        db.storage().close();
    }

    private BookmarkGroupCommit commit(Settings settings) {
        BookmarkGroupCommit commit = new BookmarkGroupCommit(db.storage().bookmarks(), db.storage().subscriptions(),
                settings);
        toClose.add(commit);
        return commit;
    }

    private BookmarkGroupCommit commit() {
        return commit(Settings.defaults());
    }

    private String stored(String machine, UUID subscription) {
        return storedBookmark(db, machine, subscription);
    }

    /** A call that commits alone and is held inside its commit: calls made meanwhile queue behind it. */
    private record Blocker(Future<Outcome> result, Gate gate) {}

    private Blocker blockTheCommit(BookmarkGroupCommit commit) {
        Gate gate = db.block(Call.STORE_BOOKMARK);
        Future<Outcome> result = threads.submit(() -> commit.store("blocker", security.uuid(), "x"));
        gate.awaitArrival();
        return new Blocker(result, gate);
    }

    /** Starts a store in its own thread and returns once it is queued behind the commit in flight. */
    private Future<Outcome> queueBehind(BookmarkGroupCommit commit, String machine, UUID subscription, String text) {
        int before = commit.stats().queued();
        Future<Outcome> result = threads.submit(() -> commit.store(machine, subscription, text));
        until(machine + " queued", () -> commit.stats().queued() == before + 1);
        return result;
    }

    /** The size of every bookmark write, in order: 1 for a single statement, the rows of a batch. */
    private List<Integer> writeSizes() {
        return db.invocations(Call.STORE_BOOKMARK, Call.STORE_BOOKMARKS).stream().map(Invocation::rows).toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> machinesOfLastBatch() {
        List<Invocation> batches = db.invocations(Call.STORE_BOOKMARKS);
        List<Bookmark> rows = (List<Bookmark>) batches.get(batches.size() - 1).argument(0);
        return rows.stream().map(Bookmark::machine).toList();
    }

    @Test
    void aStoredBookmarkIsCommittedWhenTheCallReturns() {
        assertThat(commit().store("WIN10$", security.uuid(), bookmark("Security", 10))).isEqualTo(Outcome.STORED);
        assertThat(stored("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 10));
    }

    @Test
    void theCallerWaitsForTheCommit() throws Exception {
        BookmarkGroupCommit commit = commit();
        Gate gate = db.block(Call.STORE_BOOKMARK);
        Future<Outcome> pending = threads.submit(() -> commit.store("WIN10$", security.uuid(), bookmark("Security", 10)));
        gate.awaitArrival();
        assertThat(pending).isNotDone();
        assertThat(stored("WIN10$", security.uuid())).isNull();
        gate.release();
        assertThat(pending.get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.STORED);
    }

    @Test
    void aLoneCallerCommitsAtOnceInItsOwnThread() {
        BookmarkGroupCommit commit = commit();
        for (int i = 1; i <= 5; i++) {
            commit.store("WIN10$", security.uuid(), bookmark("Security", i));
        }
        assertThat(db.invocations(Call.STORE_BOOKMARK)).hasSize(5)
                .allSatisfy(call -> assertThat(call.thread()).as("no hand-off to another thread")
                        .isSameAs(Thread.currentThread()));
        assertThat(db.count(Call.STORE_BOOKMARKS)).isZero();
    }

    /**
     * Each commit is held until every writer still running is queued or in it, as when the disk is much
     * slower than the callers: then every commit takes everyone who arrived during the previous one.
     */
    @Test
    void concurrentCallsShareTransactions() throws Exception {
        BookmarkGroupCommit commit = commit();
        int writers = 32;
        int each = 20;
        AtomicInteger running = new AtomicInteger(writers);
        for (Call write : List.of(Call.STORE_BOOKMARK, Call.STORE_BOOKMARKS)) {
            db.whenCalled(write, call -> until("every running writer queued",
                    () -> commit.stats().queued() + call.rows() >= running.get()));
        }
        List<Future<?>> all = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String machine = "M" + w;
            all.add(threads.submit(() -> {
                for (int i = 1; i <= each; i++) {
                    assertThat(commit.store(machine, security.uuid(), bookmark("Security", i))).isEqualTo(Outcome.STORED);
                }
                running.decrementAndGet();
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        for (int w = 0; w < writers; w++) {
            assertThat(stored("M" + w, security.uuid())).isEqualTo(bookmark("Security", each));
        }
        assertThat(commit.stats().stored()).isEqualTo(writers * each);
        assertThat(commit.stats().commits()).as("far fewer transactions than bookmarks").isLessThan(writers * each / 4);
        assertThat(commit.stats().largestBatch()).isGreaterThan(writers / 2);
        assertThat(commit.stats().queued()).isZero();
    }

    @Test
    void batchesAreBounded() throws Exception {
        BookmarkGroupCommit commit = commit(Settings.defaults().withMaxBatchSize(3));
        Blocker blocker = blockTheCommit(commit);
        List<Future<Outcome>> pending = new ArrayList<>();
        pending.add(blocker.result());
        for (int i = 0; i < 7; i++) {
            pending.add(queueBehind(commit, "M" + i, security.uuid(), "x"));
        }
        blocker.gate().release();
        for (Future<Outcome> f : pending) {
            assertThat(f.get()).isEqualTo(Outcome.STORED);
        }
        assertThat(writeSizes()).allMatch(size -> size <= 3).contains(3);
        assertThat(commit.stats().stored()).isEqualTo(8);
    }

    @Test
    void theLastBookmarkOfAClientWinsWithinABatch() throws Exception {
        BookmarkGroupCommit commit = commit();
        Blocker blocker = blockTheCommit(commit);
        Future<Outcome> first = queueBehind(commit, "WIN10$", security.uuid(), "not xml 1");
        Future<Outcome> second = queueBehind(commit, "WIN10$", security.uuid(), "not xml 2");
        blocker.gate().release();
        assertThat(blocker.result().get()).isEqualTo(Outcome.STORED);
        assertThat(first.get()).isEqualTo(Outcome.SUPERSEDED);
        assertThat(second.get()).isEqualTo(Outcome.STORED);
        assertThat(stored("WIN10$", security.uuid())).isEqualTo("not xml 2");
        assertThat(writeSizes()).containsExactly(1, 1);
    }

    @Test
    void batchesAreWrittenInPrimaryKeyOrder() throws Exception {
        BookmarkGroupCommit commit = commit();
        Blocker blocker = blockTheCommit(commit);
        List<Future<Outcome>> pending = new ArrayList<>();
        for (String machine : List.of("C", "A", "B")) {
            pending.add(queueBehind(commit, machine, security.uuid(), "x"));
        }
        blocker.gate().release();
        blocker.result().get();
        for (Future<Outcome> f : pending) {
            f.get();
        }
        assertThat(machinesOfLastBatch()).containsExactly("A", "B", "C");
    }

    @Test
    void aFailedCommitIsReportedToEveryCallerOfItsBatchAndNothingIsAcknowledged() throws Exception {
        BookmarkGroupCommit commit = commit();
        db.fail(Call.writes(), FaultyStorage::unavailable);
        Blocker blocker = blockTheCommit(commit);
        List<Future<Outcome>> pending = new ArrayList<>();
        pending.add(blocker.result());
        for (int i = 0; i < 4; i++) {
            pending.add(queueBehind(commit, "M" + i, security.uuid(), bookmark("Security", 1)));
        }
        blocker.gate().release();
        for (Future<Outcome> f : pending) {
            assertThatThrownBy(f::get).hasCauseInstanceOf(StorageException.class).hasMessageContaining("database unavailable");
        }
        assertThat(db.wrapped().bookmarks().bookmarkPage(null, 100)).isEmpty();
        assertThat(commit.stats().failed()).isEqualTo(5);
        assertThat(commit.stats().failedCommits()).isEqualTo(2);
        db.heal();
        assertThat(commit.store("M0", security.uuid(), bookmark("Security", 1))).isEqualTo(Outcome.STORED);
    }

    @Test
    void aDeletedSubscriptionFailsItsOwnCallersOnly() throws Exception {
        BookmarkGroupCommit commit = commit();
        Subscription deleted = active("deleted");
        Blocker blocker = blockTheCommit(commit);
        Future<Outcome> ok1 = queueBehind(commit, "A", security.uuid(), "a");
        Future<Outcome> orphan = queueBehind(commit, "B", deleted.uuid(), "b");
        Future<Outcome> ok2 = queueBehind(commit, "C", system.uuid(), "c");
        blocker.gate().release();
        assertThat(blocker.result().get()).isEqualTo(Outcome.STORED);
        assertThat(ok1.get()).isEqualTo(Outcome.STORED);
        assertThat(ok2.get()).isEqualTo(Outcome.STORED);
        assertThatThrownBy(orphan::get).hasCauseInstanceOf(UserError.class).hasMessageContaining("does not exist");
        assertThat(stored("A", security.uuid())).isEqualTo("a");
        assertThat(stored("C", system.uuid())).isEqualTo("c");
        assertThat(stored("B", deleted.uuid())).isNull();
    }

    @Test
    void aBackwardBookmarkDoesNotReplaceTheStoredOne() {
        BookmarkGroupCommit commit = commit();
        commit.store("WIN10$", security.uuid(), bookmark("Security", 100));
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 99))).isEqualTo(Outcome.KEPT_STORED);
        assertThat(stored("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 100));
        assertThat(commit.stats().keptStored()).isEqualTo(1);
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 100))).as("equal is not behind")
                .isEqualTo(Outcome.STORED);
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 101))).isEqualTo(Outcome.STORED);
        assertThat(stored("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 101));
    }

    @Test
    void theGuardReadsWhatIsStoredWhenItDoesNotKnowIt() {
        db.wrapped().bookmarks().storeBookmark("WIN10$", security.uuid(), bookmark("Security", 500));
        BookmarkGroupCommit commit = commit();
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 111))).isEqualTo(Outcome.KEPT_STORED);
        assertThat(stored("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 500));
        commit.store("WIN10$", security.uuid(), bookmark("Security", 501));
        commit.store("WIN10$", security.uuid(), bookmark("Security", 502));
        assertThat(db.count(Call.BOOKMARK)).as("one read, then it knows").isEqualTo(1);
    }

    @Test
    void anUnreadableStoredBookmarkIsReplaced() {
        db.wrapped().bookmarks().storeBookmark("WIN10$", security.uuid(), "garbage");
        assertThat(commit().store("WIN10$", security.uuid(), bookmark("Security", 1))).isEqualTo(Outcome.STORED);
        assertThat(stored("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 1));
    }

    @Test
    void theReferenceBehaviourCanBeRestored() {
        BookmarkGroupCommit commit = commit(Settings.defaults().withBackwardBookmarks(BackwardBookmarks.REPLACE));
        commit.store("WIN10$", security.uuid(), bookmark("Security", 100));
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 99))).isEqualTo(Outcome.STORED);
        assertThat(stored("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 99));
        assertThat(db.count(Call.BOOKMARK)).as("no guard, no read").isZero();
    }

    @Test
    void aClientWhoseLogStartedOverMovesOnAfterSomeBackwardBookmarks() {
        BookmarkGroupCommit commit = commit(Settings.defaults().withAcceptBackwardAfter(2));
        commit.store("WIN10$", security.uuid(), bookmark("Security", 1000));
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 1))).isEqualTo(Outcome.KEPT_STORED);
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 2))).isEqualTo(Outcome.KEPT_STORED);
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 3))).isEqualTo(Outcome.STORED);
        assertThat(stored("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 3));
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 2))).as("counting starts again")
                .isEqualTo(Outcome.KEPT_STORED);
    }

    @Test
    void aBookmarkBehindAnotherOfTheSameBatchFollowsItsFate() throws Exception {
        BookmarkGroupCommit commit = commit();
        Blocker blocker = blockTheCommit(commit);
        Future<Outcome> ahead = queueBehind(commit, "WIN10$", security.uuid(), bookmark("Security", 100));
        Future<Outcome> behind = queueBehind(commit, "WIN10$", security.uuid(), bookmark("Security", 50));
        blocker.gate().release();
        assertThat(blocker.result().get()).isEqualTo(Outcome.STORED);
        assertThat(ahead.get()).isEqualTo(Outcome.STORED);
        assertThat(behind.get()).isEqualTo(Outcome.KEPT_STORED);
        assertThat(stored("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 100));
    }

    @Test
    void enumerateTellsTheGuardWhatAnAdministratorChanged() {
        BookmarkGroupCommit commit = commit();
        commit.store("WIN10$", security.uuid(), bookmark("Security", 100));
        db.storage().bookmarks().deleteBookmarks("WIN10$", null); // openwec bookmarks delete: the client starts over
        try (ActiveSubscriptions enumerate = new ActiveSubscriptions(db.storage().subscriptions(),
                db.storage().bookmarks(), Duration.ofHours(1), new ManualScheduler(), commit.known())) {
            assertThat(enumerate.enumerate("WIN10$", null, "/wsman").get(0).bookmark()).isNull();
        }
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 5))).isEqualTo(Outcome.STORED);
    }

    @Test
    void closeCommitsWhatIsQueuedThenRefuses() throws Exception {
        BookmarkGroupCommit commit = commit();
        Blocker blocker = blockTheCommit(commit);
        List<Future<Outcome>> pending = new ArrayList<>();
        pending.add(blocker.result());
        for (int i = 0; i < 4; i++) {
            pending.add(queueBehind(commit, "M" + i, security.uuid(), "x" + i));
        }
        AtomicReference<Thread> closer = new AtomicReference<>();
        Future<?> closing = threads.submit(() -> {
            closer.set(Thread.currentThread());
            commit.close();
        });
        until("close to start", () -> closer.get() != null);
        untilWaiting(closer.get());
        assertThat(closing).as("close waits for the queued calls").isNotDone();
        assertThatThrownBy(() -> commit.store("late", security.uuid(), "x")).isInstanceOf(IllegalStateException.class);
        blocker.gate().release();
        closing.get();
        for (Future<Outcome> f : pending) {
            assertThat(f.get()).isEqualTo(Outcome.STORED);
        }
        assertThat(db.wrapped().bookmarks().bookmarkPage(null, 100)).hasSize(5);
        assertThatThrownBy(() -> commit.store("later", security.uuid(), "x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedReadOfTheStoredBookmarkFailsTheCall() {
        BookmarkGroupCommit commit = commit();
        db.fail(Call.BOOKMARK, FaultyStorage::unavailable);
        assertThatThrownBy(() -> commit.store("WIN10$", security.uuid(), bookmark("Security", 1)))
                .isInstanceOf(StorageException.class);
        assertThat(db.wrapped().bookmarks().bookmarkPage(null, 100)).isEmpty();
    }

    @Test
    void anInterruptedCallerStillQueuedIsWithdrawnAndNotStored() throws Exception {
        BookmarkGroupCommit commit = commit();
        Blocker blocker = blockTheCommit(commit);
        AtomicReference<Thread> caller = new AtomicReference<>();
        Future<Outcome> withdrawn = threads.submit(() -> {
            caller.set(Thread.currentThread());
            return commit.store("WIN10$", security.uuid(), bookmark("Security", 7));
        });
        until("the caller to queue", () -> commit.stats().queued() == 1);
        caller.get().interrupt();
        assertThatThrownBy(withdrawn::get).hasCauseInstanceOf(StorageException.class)
                .hasMessageContaining("it was not stored");
        assertThat(commit.stats().queued()).isZero();
        blocker.gate().release();
        assertThat(blocker.result().get()).isEqualTo(Outcome.STORED);
        assertThat(stored("WIN10$", security.uuid())).isNull();
        assertThat(commit.store("WIN10$", security.uuid(), bookmark("Security", 7))).isEqualTo(Outcome.STORED);
    }

    @Test
    void aKeyInACommitInFlightWaitsForItWhileOtherKeysCommitBesideIt() throws Exception {
        BookmarkGroupCommit commit = commit(Settings.defaults().withParallelCommits(2).withParallelFrom(2));
        Gate gate = db.block(Call.STORE_BOOKMARK);
        Future<Outcome> first = threads.submit(() -> commit.store("WIN10$", security.uuid(), bookmark("Security", 1)));
        gate.awaitArrival();
        Future<Outcome> again = queueBehind(commit, "WIN10$", security.uuid(), bookmark("Security", 2));
        Future<Outcome> other = threads.submit(() -> commit.store("DC$", security.uuid(), bookmark("Security", 9)));
        assertThat(other.get(10, TimeUnit.SECONDS)).as("two callers waiting start a second commit").isEqualTo(Outcome.STORED);
        assertThat(stored("DC$", security.uuid())).isEqualTo(bookmark("Security", 9));
        assertThat(again).as("not taken while its key is in the commit held at the gate").isNotDone();
        assertThat(commit.stats().queued()).isEqualTo(1);
        gate.release();
        assertThat(first.get()).isEqualTo(Outcome.STORED);
        assertThat(again.get()).isEqualTo(Outcome.STORED);
        assertThat(stored("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 2));
    }

    @Test
    void oneCallerWaitingDoesNotStartASecondCommit() throws Exception {
        BookmarkGroupCommit commit = commit(Settings.forPostgres());
        Blocker blocker = blockTheCommit(commit);
        List<Future<Outcome>> pending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pending.add(queueBehind(commit, "M" + i, security.uuid(), "x"));
        }
        assertThat(db.count(Call.STORE_BOOKMARK, Call.STORE_BOOKMARKS)).as("fewer than parallelFrom wait").isEqualTo(1);
        blocker.gate().release();
        for (Future<Outcome> f : pending) {
            assertThat(f.get()).isEqualTo(Outcome.STORED);
        }
        assertThat(writeSizes()).containsExactly(1, 5);
    }

    @Test
    void severalCommitsInFlightKeepEachClientsOrder() throws Exception {
        BookmarkGroupCommit commit = commit(Settings.forPostgres().withParallelFrom(2));
        int writers = 16;
        int each = 50;
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
            assertThat(stored("M" + w, security.uuid())).isEqualTo(bookmark("Security", each));
        }
        assertThat(commit.stats().stored()).isEqualTo(writers * each);
        assertThat(commit.stats().keptStored()).as("no bookmark overtook an earlier one").isZero();
    }
    /**
     * A leader that finds fewer callers queued than the last batch held lets the others come back first: three
     * writers storing twice make two batches of three, not a lone caller's commit and then the two others.
     */
    @Test
    void aLeaderLetsTheCallersOfTheLastBatchComeBackBeforeItTakesItsBatch() throws Exception {
        BookmarkGroupCommit commit = commit(Settings.defaults().withHandOverWait(Duration.ofSeconds(60)));
        Blocker blocker = blockTheCommit(commit);
        List<Future<?>> writers = new ArrayList<>();
        for (String machine : List.of("A", "B", "C")) {
            int before = commit.stats().queued();
            writers.add(threads.submit(() -> {
                commit.store(machine, security.uuid(), bookmark("Security", 1));
                return commit.store(machine, security.uuid(), bookmark("Security", 2));
            }));
            until(machine + " queued", () -> commit.stats().queued() == before + 1);
        }
        blocker.gate().release();
        for (Future<?> writer : writers) {
            assertThat(writer.get()).isEqualTo(Outcome.STORED);
        }
        assertThat(writeSizes()).containsExactly(1, 3, 3);
    }
}
