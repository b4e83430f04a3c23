package org.openwec.core.service;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.BookmarkPosition;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.in.RecordEventsBatch.Outcome;
import org.openwec.core.port.out.BookmarkPort;
import org.openwec.core.port.out.SubscriptionPort;
import org.openwec.core.service.KnownBookmarks.Key;
import org.openwec.core.service.KnownBookmarks.Known;

/**
 * The bookmark write path of the collector, with group commit. Every events batch ends with
 * {@link #store}: concurrent calls are coalesced into one transaction ({@link BookmarkPort#storeBookmarks})
 * of at most {@code maxBatchSize} bookmarks, and each caller returns only once its bookmark is committed,
 * or throws the commit's error, so that the client resends and nothing acknowledged is ever lost. The
 * reference wrote one autocommitted statement per bookmark: one disk flush each, which caps a collector at
 * a few thousand clients' batches per second.
 *
 * <p><b>Leader and followers.</b> There is no committer thread. A caller that finds no commit in flight
 * commits, in its own thread, everything queued (itself included, up to the bound); callers that arrive
 * meanwhile queue and wait, and when the commit ends the first of them becomes the next leader and commits
 * all of them at once. A lone caller therefore commits at once with no thread hand-off, nothing sleeps on a
 * timer, and under load each flush to disk carries every caller that arrived during the previous one. A
 * leader that finds fewer callers queued than the last commit answered first lets those come back, for at
 * most {@code handOverWait}, yielding its thread to them (see {@link Settings}).
 * SQLite has one writer at a time: one commit in flight. PostgreSQL overlaps concurrent commits: up to
 * {@code parallelCommits} may be in flight, a further one starting only when {@code parallelFrom} callers
 * wait, so that light load still makes large batches. A key in a batch in flight is not taken into another
 * before that one ends, so a key's bookmarks are written in the order their calls came.
 *
 * <p>Within a batch the last bookmark of a (machine, subscription) wins: the earlier ones return
 * {@link Outcome#SUPERSEDED} once the later one is committed. Rows are written in primary-key order. A
 * bookmark that is behind the stored one on every channel both name (see {@link BookmarkPosition#isBehind})
 * is not written: the call returns {@link Outcome#KEPT_STORED}, the event is logged and counted. OpenWEC lost
 * events when a client's synthetic EventForwarder event 111 carried such a bookmark after a restart (its
 * issue #291). After {@code acceptBackwardAfter} backward bookmarks in a row for the same client the next
 * one is stored, as a client whose event log really started over would otherwise never move its bookmark
 * again; and {@link BackwardBookmarks#REPLACE} restores the reference's behaviour of always replacing.
 *
 * <p>When a transaction fails because one of its subscriptions was deleted meanwhile, the callers of that
 * subscription get the error and the others are committed again, once: a deleted subscription must not
 * cost the other clients their acknowledgement. {@link #close} lets every queued call be committed.
 */
public final class BookmarkGroupCommit implements AutoCloseable {
    private static final Logger LOG = System.getLogger(BookmarkGroupCommit.class.getName());
    /** (machine, subscription), as the tables' primary key; the subscription by its stored upper-case text. */
    private static final Comparator<Pending> PENDING_KEY_ORDER = (a, b) -> {
        int byMachine = a.key.machine().compareTo(b.key.machine());
        if (byMachine != 0 || a.key.subscription().equals(b.key.subscription())) {
            return byMachine;
        }
        return Uuids.storedKey(a.key.subscription()).compareTo(Uuids.storedKey(b.key.subscription()));
    };

    /** What to do with a bookmark that is behind the stored one. */
    public enum BackwardBookmarks {
        /** Keep the stored bookmark (the default). */
        KEEP_STORED,
        /** Store it anyway, as OpenWEC does. */
        REPLACE
    }

    /**
     * @param maxBatchSize most bookmarks in one transaction
     * @param acceptBackwardAfter backward bookmarks in a row kept out for one client before the next is
     *                            stored anyway; 0 never stores one
     * @param rememberedPositions most (machine, subscription) positions kept in memory for the guard; a
     *                            forgotten one costs one read at its next write
     * @param parallelCommits most commits in flight at once. 1 for SQLite, which has one writer at a time;
     *                        more suits PostgreSQL, which overlaps concurrent commits and flushes their WAL
     *                        together
     * @param parallelFrom callers waiting, while every commit in flight has taken its batch, that start one
     *                     more commit beside them (when {@code parallelCommits} allows): below it, callers wait
     *                     for the commit in flight and make one larger batch
     * @param handOverWait the most a leader waits, before it takes its batch, for the callers answered by the
     *                     last commit to come back with their next bookmark while fewer are queued than that
     *                     commit held; it stops sooner once they are all back, or once none has come for a
     *                     tenth of this. Zero takes the batch at once
     */
    public record Settings(int maxBatchSize, BackwardBookmarks backwardBookmarks, int acceptBackwardAfter,
                           int rememberedPositions, int parallelCommits, int parallelFrom, Duration handOverWait) {
        public Settings {
            Objects.requireNonNull(backwardBookmarks, "backwardBookmarks");
            Objects.requireNonNull(handOverWait, "handOverWait");
            if (handOverWait.isNegative()) {
                throw new IllegalArgumentException("handOverWait must not be negative");
            }
            if (maxBatchSize < 1) {
                throw new IllegalArgumentException("maxBatchSize must be at least 1");
            }
            if (acceptBackwardAfter < 0) {
                throw new IllegalArgumentException("acceptBackwardAfter must not be negative");
            }
            if (rememberedPositions < 1) {
                throw new IllegalArgumentException("rememberedPositions must be at least 1");
            }
            if (parallelCommits < 1) {
                throw new IllegalArgumentException("parallelCommits must be at least 1");
            }
            if (parallelFrom < 1) {
                throw new IllegalArgumentException("parallelFrom must be at least 1");
            }
        }

        /** One commit in flight: right for SQLite; see {@link #forPostgres()}. */
        public static Settings defaults() {
            return new Settings(512, BackwardBookmarks.KEEP_STORED, 10, 500_000, 1, 16, Duration.of(200, ChronoUnit.MICROS));
        }

        /** The defaults with up to four commits in flight, the next one starting when 16 callers wait. */
        public static Settings forPostgres() {
            return defaults().withParallelCommits(4);
        }

        public Settings withMaxBatchSize(int value) {
            return new Settings(value, backwardBookmarks, acceptBackwardAfter, rememberedPositions, parallelCommits,
                    parallelFrom, handOverWait);
        }

        public Settings withBackwardBookmarks(BackwardBookmarks value) {
            return new Settings(maxBatchSize, value, acceptBackwardAfter, rememberedPositions, parallelCommits,
                    parallelFrom, handOverWait);
        }

        public Settings withAcceptBackwardAfter(int value) {
            return new Settings(maxBatchSize, backwardBookmarks, value, rememberedPositions, parallelCommits,
                    parallelFrom, handOverWait);
        }

        public Settings withRememberedPositions(int value) {
            return new Settings(maxBatchSize, backwardBookmarks, acceptBackwardAfter, value, parallelCommits,
                    parallelFrom, handOverWait);
        }

        public Settings withParallelCommits(int value) {
            return new Settings(maxBatchSize, backwardBookmarks, acceptBackwardAfter, rememberedPositions, value,
                    parallelFrom, handOverWait);
        }

        public Settings withParallelFrom(int value) {
            return new Settings(maxBatchSize, backwardBookmarks, acceptBackwardAfter, rememberedPositions,
                    parallelCommits, value, handOverWait);
        }

        public Settings withHandOverWait(Duration value) {
            return new Settings(maxBatchSize, backwardBookmarks, acceptBackwardAfter, rememberedPositions,
                    parallelCommits, parallelFrom, value);
        }
    }

    /**
     * Counters since start, and the callers queued now (waiting for a commit to take them).
     *
     * @param failed calls answered with an error
     * @param failedCommits transactions that failed (a deleted subscription's retry included)
     */
    public record Stats(long commits, long stored, long superseded, long keptStored, long failed, long failedCommits,
                        long largestBatch, int queued) {}

    private final BookmarkPort bookmarks;
    private final SubscriptionPort subscriptions;
    private final Settings settings;
    private final KnownBookmarks known;
    private final boolean guard;
    private final Commits writer;
    private volatile boolean closed;

    private final LongAdder stored = new LongAdder();
    private final LongAdder superseded = new LongAdder();
    private final LongAdder keptStored = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong failedCommits = new AtomicLong();
    private final AtomicLong largestBatch = new AtomicLong();
    private final AtomicInteger queued = new AtomicInteger();

    public BookmarkGroupCommit(BookmarkPort bookmarks, SubscriptionPort subscriptions, Settings settings) {
        this(bookmarks, subscriptions, settings, new KnownBookmarks(settings.rememberedPositions()));
    }

    BookmarkGroupCommit(BookmarkPort bookmarks, SubscriptionPort subscriptions, Settings settings, KnownBookmarks known) {
        this.bookmarks = Objects.requireNonNull(bookmarks, "bookmarks");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.known = Objects.requireNonNull(known, "known");
        this.guard = settings.backwardBookmarks() == BackwardBookmarks.KEEP_STORED;
        this.writer = new Commits();
    }

    /**
     * Stores the bookmark of an events batch and returns once it is durable (or once a newer one is). The
     * calling thread may commit the bookmarks of other callers too.
     *
     * @throws UserError when the subscription does not exist, or the database says what to fix
     * @throws StorageException when the commit failed: nothing of this call is acknowledged
     * @throws IllegalStateException after {@link #close}
     */
    public Outcome store(String machine, UUID subscription, String bookmark) {
        Key key = new Key(machine, subscription);
        Objects.requireNonNull(bookmark, "bookmark");
        if (closed) {
            throw closedError();
        }
        // Parsed, and its channel names shared, in the caller's thread: the committing thread has less to do.
        BookmarkPosition position = guard ? known.share(BookmarkPosition.parse(bookmark)) : BookmarkPosition.NOT_COMPARABLE;
        if (position.isComparable() && known.get(key) == null) {
            // Read in the caller's thread: callers read in parallel while others commit.
            known.learn(key, BookmarkPosition.parse(bookmarks.bookmark(machine, subscription).orElse(null)));
        }
        Pending pending = new Pending(new Bookmark(machine, subscription, bookmark), key, position);
        return writer.store(pending);
    }

    /** For the events path, which must not write to the outputs once the bookmarks can no longer be stored. */
    void requireOpen() {
        if (closed) {
            throw closedError();
        }
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("The bookmark writer is closed: the collector is shutting down.");
    }

    public Stats stats() {
        return new Stats(commits.get(), stored.sum(), superseded.sum(), keptStored.sum(), failed.sum(),
                failedCommits.get(), largestBatch.get(), queued.get());
    }

    /** Package-private for the enumerate path, which refreshes what is known from what it reads. */
    KnownBookmarks known() {
        return known;
    }

    /**
     * Refuses new calls, then returns once every call already queued has been committed (their callers
     * commit them: nothing is left behind).
     */
    @Override
    public void close() {
        closed = true;
        writer.awaitIdle();
    }

    /**
     * The queue of calls and the commits in flight. Invariants, under the lock: a queued call's key is in at
     * most one batch in flight ({@code busy}), so a key's bookmarks are committed in the order they came; and
     * when the queue is not empty, some caller is committing or has been chosen to ({@code leaders > 0}), so a
     * queued caller is never left waiting.
     */
    private final class Commits {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition idle = lock.newCondition();
        private final ArrayDeque<Pending> queue = new ArrayDeque<>();
        /** Guarded by lock: the keys of the batches in flight (tracked only when several may be). */
        private final Set<Key> busy = new HashSet<>();
        /** Guarded by lock: callers committing, or chosen to. */
        private int leaders;
        /** Guarded by lock: leaders that have not taken their batch yet. */
        private int leadersToStart;
        /** Guarded by lock: the size of the last batch taken. */
        private int lastBatch;
        private final long handOverWaitNanos = settings.handOverWait().toNanos();
        private final long handOverQuietNanos = handOverWaitNanos / 10;

        Outcome store(Pending pending) {
            boolean lead;
            lock.lock();
            try {
                if (closed) {
                    throw closedError();
                }
                queue.addLast(pending);
                queued.incrementAndGet();
                lead = mayLead();
                if (lead) {
                    choose(pending);
                }
            } finally {
                lock.unlock();
            }
            while (lead || awaitTurn(pending)) {
                if (lead(pending)) {
                    break;
                }
                lead = false;
            }
            return pending.answer();
        }

        /** Waits until the call is answered (false) or chosen to lead (true). */
        private boolean awaitTurn(Pending pending) {
            boolean interrupted = false;
            try {
                while (true) {
                    int state = pending.state;
                    if (state == Pending.DONE) {
                        return false;
                    }
                    if (state == Pending.LEADER) {
                        return true;
                    }
                    LockSupport.park(this);
                    if (Thread.interrupted()) {
                        interrupted = true;
                        if (withdraw(pending)) {
                            throw new StorageException("Interrupted while waiting to commit the bookmark of "
                                    + pending.bookmark.machine() + ": it was not stored.");
                        }
                        // Taken by a commit already, or chosen to lead: its answer comes soon.
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private boolean withdraw(Pending pending) {
            lock.lock();
            try {
                if (pending.state == Pending.WAITING && queue.remove(pending)) {
                    queued.decrementAndGet();
                    return true;
                }
                return false;
            } finally {
                lock.unlock();
            }
        }

        /**
         * Commits batches until the leader's own call is answered, waking their callers after each, then hands
         * on. Waking them before handing on gives them time to come back with their next bookmark while the
         * next leader starts: handing on first was measured to shrink batches to one or two bookmarks when
         * commits are fast.
         *
         * @return false when the leader stepped down, its own call still queued behind a commit in flight of
         *         the same key; it is then chosen to lead again, or answered, later
         */
        private boolean lead(Pending leader) {
            boolean answered = false;
            try {
                while (leader.state != Pending.DONE) {
                    List<Pending> batch = take(leader);
                    if (batch.isEmpty()) {
                        return false;
                    }
                    List<Slot> committed = List.of();
                    try {
                        committed = commitAnswering(batch);
                    } finally {
                        wake(batch);
                        remember(committed);
                        release(batch);
                    }
                }
                answered = true;
                return true;
            } finally {
                handOver(leader, answered);
            }
        }

        /** Commits a batch and answers every call of it, whatever happens; returns the slots committed. */
        private List<Slot> commitAnswering(List<Pending> batch) {
            try {
                return commit(batch);
            } catch (RuntimeException | Error e) {
                // A bug here must not leave callers waiting forever.
                for (Pending p : batch) {
                    if (p.state != Pending.DONE) {
                        p.fail(e);
                    }
                }
                LOG.log(Level.ERROR, "Bookmark commit failed unexpectedly", e);
                return List.of();
            }
        }

        private static void wake(List<Pending> answered) {
            Thread self = Thread.currentThread();
            for (Pending p : answered) {
                if (p.thread != self) {
                    LockSupport.unpark(p.thread);
                }
            }
        }

        /**
         * Up to {@code maxBatchSize} calls, in queue order, leaving those chosen to lead (but the leader's own)
         * and those whose key is in another batch in flight.
         */
        private List<Pending> take(Pending leader) {
            lock.lock();
            try {
                if (leader.toStart) {
                    leader.toStart = false;
                    leadersToStart--;
                }
                int expected = lastBatch;
                if (queue.size() < expected && handOverWaitNanos > 0) {
                    lock.unlock();
                    try {
                        awaitReturningCallers(expected);
                    } finally {
                        lock.lock();
                    }
                }
                boolean parallel = settings.parallelCommits() > 1;
                List<Pending> batch = new ArrayList<>(Math.min(queue.size(), settings.maxBatchSize()));
                Set<Key> taken = parallel ? new HashSet<>() : null;
                for (Iterator<Pending> it = queue.iterator(); it.hasNext() && batch.size() < settings.maxBatchSize(); ) {
                    Pending p = it.next();
                    if (p != leader && p.state == Pending.LEADER || parallel && busy.contains(p.key) && !taken.contains(p.key)) {
                        continue;
                    }
                    it.remove();
                    batch.add(p);
                    if (parallel) {
                        taken.add(p.key);
                    }
                }
                if (parallel) {
                    busy.addAll(taken);
                }
                queued.addAndGet(-batch.size());
                if (batch.isEmpty()) {
                    // Everything queued waits for a commit in flight (the leader's own call included): step down.
                    leader.state = Pending.WAITING;
                } else {
                    lastBatch = batch.size();
                }
                return batch;
            } finally {
                lock.unlock();
            }
        }

        /**
         * Fewer callers are queued than the last batch held: those it answered are runnable but most have not
         * come back with their next bookmark yet (on 2 cores they run after the leader). Yields to them while
         * they keep coming, so that the batch is as large as the last one instead of taking the few already
         * back and leaving the others a commit behind; a collector whose clients do not come back at once
         * (each answer goes out over the network first) loses a tenth of {@code handOverWait}. Measured in
         * docs/benchmarks.md ("SQLite: the hand-over").
         */
        private void awaitReturningCallers(int expected) {
            long start = System.nanoTime();
            long lastArrival = start;
            int seen = queued.get();
            while (seen < expected) {
                Thread.yield();
                long now = System.nanoTime();
                int queuedNow = queued.get();
                if (queuedNow > seen) {
                    seen = queuedNow;
                    lastArrival = now;
                } else if (now - lastArrival >= handOverQuietNanos || now - start >= handOverWaitNanos) {
                    return;
                }
            }
        }

        private void release(List<Pending> batch) {
            if (settings.parallelCommits() == 1) {
                return;
            }
            lock.lock();
            try {
                for (Pending p : batch) {
                    busy.remove(p.key);
                }
            } finally {
                lock.unlock();
            }
        }

        /**
         * Holding the lock: whether one more caller should lead. One when nothing is in flight; another one, up
         * to {@code parallelCommits}, when {@code parallelFrom} calls wait while every leader has taken its batch
         * (a leader about to take would take them all).
         */
        private boolean mayLead() {
            return leaders == 0 && !queue.isEmpty() || leadersToStart == 0 && leaders < settings.parallelCommits()
                    && queue.size() >= settings.parallelFrom();
        }

        /** Holding the lock. */
        private void choose(Pending next) {
            next.state = Pending.LEADER;
            next.toStart = true;
            leaders++;
            leadersToStart++;
        }

        /**
         * Chooses the next leader among the calls queued meanwhile, if one should lead (see {@link #mayLead}), the
         * first that could be taken now. With nothing queued and nothing in flight, the writer is idle.
         */
        private void handOver(Pending leader, boolean answered) {
            Pending chosen = null;
            lock.lock();
            try {
                leaders--;
                if (leader.toStart) {
                    leader.toStart = false;
                    leadersToStart--;
                }
                if (!answered && leader.state == Pending.LEADER) {
                    leader.state = Pending.WAITING; // failed before it could step down: it may be chosen again below
                }
                if (mayLead()) {
                    for (Pending next : queue) {
                        if (next.state == Pending.WAITING && !busy.contains(next.key)) {
                            choose(next);
                            chosen = next;
                            break;
                        }
                    }
                }
                if (leaders == 0 && closed) {
                    idle.signalAll();
                }
            } finally {
                lock.unlock();
            }
            if (chosen != null) {
                LockSupport.unpark(chosen.thread);
            }
        }

        void awaitIdle() {
            lock.lock();
            try {
                while (leaders > 0 || !queue.isEmpty()) {
                    idle.awaitUninterruptibly();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** One key's share of a batch: the bookmark to write, and the calls that follow its fate. */
    private static final class Slot {
        Pending winner;
        List<Pending> superseded = List.of();
        /** Behind the winner of this batch: kept out only if the winner commits. */
        List<Pending> behindWinner = List.of();

        Slot(Pending winner) {
            this.winner = winner;
        }

        void supersede(Pending later) {
            superseded = mutable(superseded);
            superseded.add(winner);
            winner = later;
        }

        void keepBehind(Pending p) {
            behindWinner = mutable(behindWinner);
            behindWinner.add(p);
        }

        /** Most batches hold one call per key: the lists are made only for the few that hold more. */
        private static List<Pending> mutable(List<Pending> list) {
            return list.isEmpty() ? new ArrayList<>(2) : list;
        }
    }

    /**
     * Sorted in primary-key order (see {@link #write}); the sort is stable, so a key's calls stay in the order
     * they came, next to each other: one pass then finds each key's winner, with no map.
     */
    private List<Slot> commit(List<Pending> batch) {
        largestBatch.accumulateAndGet(batch.size(), Math::max);
        Pending[] inKeyOrder = batch.toArray(new Pending[0]);
        Arrays.sort(inKeyOrder, PENDING_KEY_ORDER);
        List<Slot> all = new ArrayList<>(inKeyOrder.length);
        Key key = null;
        Slot slot = null;
        for (Pending p : inKeyOrder) {
            if (!p.key.equals(key)) {
                key = p.key;
                slot = null;
            }
            if (slot == null) {
                if (isKeptOutByStored(p)) {
                    continue;
                }
                slot = new Slot(p);
                all.add(slot);
            } else if (guard && p.position.isBehind(slot.winner.position)) {
                slot.keepBehind(p);
            } else {
                slot.supersede(p);
            }
        }
        if (all.isEmpty()) {
            return List.of();
        }
        try {
            write(all);
            return all;
        } catch (RuntimeException e) {
            return recoverFrom(e, all);
        }
    }

    /**
     * What the database now holds for the keys of these slots, for the guard. Called once their callers are
     * woken, so that it overlaps their return, and before the keys are released or the lead handed on, so
     * that no commit of the same keys decides against what was known before.
     */
    private void remember(List<Slot> committed) {
        if (guard) {
            for (Slot slot : committed) {
                known.remember(slot.winner.key, slot.winner.position, 0);
            }
        }
    }

    /** Decides, against what is stored, whether a call is answered without writing. */
    private boolean isKeptOutByStored(Pending p) {
        if (!p.position.isComparable()) {
            return false;
        }
        Known stored = known.get(p.key);
        if (stored == null || !p.position.isBehind(stored.position())) {
            return false;
        }
        int refused = stored.refusedInARow() + 1;
        if (settings.acceptBackwardAfter() > 0 && refused > settings.acceptBackwardAfter()) {
            LOG.log(Level.WARNING, () -> "Storing the bookmark of " + p.bookmark.machine() + " for subscription "
                    + Uuids.lowerCase(p.bookmark.subscription()) + " although it is behind the stored one (" + p.position
                    + " < " + stored.position() + "): " + stored.refusedInARow()
                    + " backward bookmarks in a row, the client's event log seems to have started over.");
            return false;
        }
        known.remember(p.key, stored.position(), refused);
        keptStored.increment();
        LOG.log(Level.WARNING, () -> "Kept the stored bookmark of " + p.bookmark.machine() + " for subscription "
                + Uuids.lowerCase(p.bookmark.subscription()) + ": the incoming one (" + p.position
                + ") is behind it (" + stored.position() + "). The client probably restarted its stream "
                + "(OpenWEC issue #291); its events were written, its bookmark was not moved back.");
        p.complete(Outcome.KEPT_STORED);
        return true;
    }

    /**
     * Rows go in primary-key order, as {@link #commit} sorted the slots: transactions of several collector
     * nodes (or of {@code bookmarks copy}) then lock rows in the same order and cannot deadlock, and index
     * pages are written in sequence. A batch of one is a single autocommitted statement, which costs one
     * round trip less than a transaction.
     */
    private void write(List<Slot> slots) {
        if (slots.size() == 1) {
            Bookmark only = slots.get(0).winner.bookmark;
            bookmarks.storeBookmark(only.machine(), only.subscription(), only.bookmark());
        } else {
            List<Bookmark> rows = new ArrayList<>(slots.size());
            for (Slot slot : slots) {
                rows.add(slot.winner.bookmark);
            }
            bookmarks.storeBookmarks(rows);
        }
        commits.incrementAndGet();
        // Count first: a caller that returns sees its store in the stats.
        for (Slot slot : slots) {
            stored.increment();
            if (!slot.superseded.isEmpty()) {
                superseded.add(slot.superseded.size());
            }
            if (!slot.behindWinner.isEmpty()) {
                keptStored.add(slot.behindWinner.size());
            }
        }
        for (Slot slot : slots) {
            slot.winner.complete(Outcome.STORED);
            slot.superseded.forEach(p -> p.complete(Outcome.SUPERSEDED));
            for (Pending p : slot.behindWinner) {
                logKept(p, slot.winner.position);
                p.complete(Outcome.KEPT_STORED);
            }
        }
    }

    private void logKept(Pending p, BookmarkPosition stored) {
        LOG.log(Level.WARNING, () -> "Kept the bookmark of " + p.bookmark.machine() + " for subscription "
                + Uuids.lowerCase(p.bookmark.subscription()) + " committed with it: the incoming one (" + p.position
                + ") is behind it (" + stored + ").");
    }

    /**
     * A deleted subscription fails the whole transaction (foreign key). Find out whether that is what
     * happened, answer those callers, and commit the others once more; any other failure goes to every caller.
     *
     * @return the slots committed after all
     */
    private List<Slot> recoverFrom(RuntimeException failure, List<Slot> slots) {
        failedCommits.incrementAndGet();
        if (failure instanceof UserError && slots.size() > 1) {
            Set<UUID> existing = existingSubscriptions();
            if (existing != null) {
                List<Slot> orphans = new ArrayList<>();
                List<Slot> others = new ArrayList<>();
                for (Slot slot : slots) {
                    (existing.contains(slot.winner.bookmark.subscription()) ? others : orphans).add(slot);
                }
                if (!orphans.isEmpty()) {
                    for (Slot slot : orphans) {
                        fail(slot, new UserError("Cannot store the bookmark of " + slot.winner.bookmark.machine()
                                + " for subscription " + Uuids.lowerCase(slot.winner.bookmark.subscription())
                                + ": it does not exist (was it deleted?).", failure));
                    }
                    if (!others.isEmpty()) {
                        try {
                            write(others);
                            return others;
                        } catch (RuntimeException again) {
                            failedCommits.incrementAndGet();
                            others.forEach(slot -> fail(slot, again));
                            logFailure(again, others);
                        }
                    }
                    return List.of();
                }
            }
        }
        slots.forEach(slot -> fail(slot, failure));
        logFailure(failure, slots);
        return List.of();
    }

    private Set<UUID> existingSubscriptions() {
        try {
            Set<UUID> uuids = new HashSet<>();
            for (Subscription s : subscriptions.subscriptions()) {
                uuids.add(s.uuid());
            }
            return uuids;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void fail(Slot slot, RuntimeException failure) {
        failed.add(1 + slot.superseded.size() + slot.behindWinner.size());
        slot.winner.fail(failure);
        slot.superseded.forEach(p -> p.fail(failure));
        slot.behindWinner.forEach(p -> p.fail(failure));
    }

    private static void logFailure(RuntimeException failure, List<Slot> slots) {
        int calls = slots.stream().mapToInt(s -> 1 + s.superseded.size() + s.behindWinner.size()).sum();
        LOG.log(Level.WARNING, () -> "Failed to commit " + slots.size() + " bookmarks; " + calls
                + " events batches were not acknowledged and will be sent again: " + failure.getMessage());
    }

    /**
     * One call: its bookmark, and how it is answered (written before {@link #state} becomes DONE, which the
     * caller reads before it reads them).
     */
    private static final class Pending {
        static final int WAITING = 0;
        static final int LEADER = 1;
        static final int DONE = 2;

        final Bookmark bookmark;
        final Key key;
        final BookmarkPosition position;
        final Thread thread = Thread.currentThread();
        volatile int state = WAITING;
        /** Guarded by the lock of {@link Commits}: chosen to lead, batch not taken yet. */
        boolean toStart;
        private Outcome outcome;
        private Throwable failure;

        Pending(Bookmark bookmark, Key key, BookmarkPosition position) {
            this.bookmark = bookmark;
            this.key = key;
            this.position = position;
        }

        void complete(Outcome value) {
            outcome = value;
            finish();
        }

        void fail(Throwable value) {
            failure = value;
            finish();
        }

        /** Answered; the leader wakes the caller once the lane is handed on. */
        private void finish() {
            state = DONE;
        }

        /** Called by the caller's own thread once DONE. A fresh exception per caller: one failure answers many. */
        Outcome answer() {
            if (failure == null) {
                return outcome;
            }
            String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            if (failure instanceof UserError) {
                throw new UserError(message, failure);
            }
            throw new StorageException(message, failure);
        }
    }
}
