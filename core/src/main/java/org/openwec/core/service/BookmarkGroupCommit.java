package org.openwec.core.service;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.BookmarkPosition;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
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
 * <p>One committer thread writes (or a few, for PostgreSQL, each owning a share of the keys). While it
 * commits, new calls queue up; it then takes everything queued (up to the bound) and, when the previous
 * batch was bigger, waits at most {@code maxWait} for as many callers to come back, since those are the
 * clients that were just released. A lone caller therefore never waits, and under load every flush to
 * disk carries many bookmarks.
 *
 * <p>Within a batch the last bookmark of a (machine, subscription) wins: the earlier ones return
 * {@link Outcome#SUPERSEDED} once the later one is committed. A bookmark that is behind the stored one on
 * every channel both name (see {@link BookmarkPosition#isBehind}) is not written: the call returns
 * {@link Outcome#KEPT_STORED}, the event is logged and counted. OpenWEC lost events when a client's synthetic
 * EventForwarder event 111 carried such a bookmark after a restart (its issue #291). After
 * {@code acceptBackwardAfter} backward bookmarks in a row for the same client the next one is stored, as a
 * client whose event log really started over would otherwise never move its bookmark again; and
 * {@link BackwardBookmarks#REPLACE} restores the reference's behaviour of always replacing.
 *
 * <p>When a transaction fails because one of its subscriptions was deleted meanwhile, the callers of that
 * subscription get the error and the others are committed again, once: a deleted subscription must not
 * cost the other clients their acknowledgement.
 */
public final class BookmarkGroupCommit implements AutoCloseable {
    private static final Logger LOG = System.getLogger(BookmarkGroupCommit.class.getName());
    /** (machine, subscription), as the tables' primary key; the subscription by its stored upper-case text. */
    private static final Comparator<Bookmark> PRIMARY_KEY_ORDER = Comparator.comparing(Bookmark::machine)
            .thenComparing(b -> Uuids.storedKey(b.subscription()));

    /** What to do with a bookmark that is behind the stored one. */
    public enum BackwardBookmarks {
        /** Keep the stored bookmark (the default). */
        KEEP_STORED,
        /** Store it anyway, as OpenWEC does. */
        REPLACE
    }

    /**
     * @param maxBatchSize most bookmarks in one transaction
     * @param maxWait longest a batch waits for more callers before it is committed
     * @param acceptBackwardAfter backward bookmarks in a row kept out for one client before the next is
     *                            stored anyway; 0 never stores one
     * @param rememberedPositions most (machine, subscription) positions kept in memory for the guard; a
     *                            forgotten one costs one read at its next write
     * @param committers transactions in flight at once. 1 for SQLite, which has one writer at a time; more
     *                   suits PostgreSQL, which overlaps concurrent commits and flushes their WAL together.
     *                   Each (machine, subscription) always goes to the same committer, so its bookmarks are
     *                   written in the order they came.
     */
    public record Settings(int maxBatchSize, Duration maxWait, BackwardBookmarks backwardBookmarks,
                           int acceptBackwardAfter, int rememberedPositions, int committers) {
        public Settings {
            Objects.requireNonNull(maxWait, "maxWait");
            Objects.requireNonNull(backwardBookmarks, "backwardBookmarks");
            if (maxBatchSize < 1) {
                throw new IllegalArgumentException("maxBatchSize must be at least 1");
            }
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException("maxWait must not be negative");
            }
            if (acceptBackwardAfter < 0) {
                throw new IllegalArgumentException("acceptBackwardAfter must not be negative");
            }
            if (rememberedPositions < 1) {
                throw new IllegalArgumentException("rememberedPositions must be at least 1");
            }
            if (committers < 1) {
                throw new IllegalArgumentException("committers must be at least 1");
            }
        }

        /** One committer: right for SQLite; see {@link #forPostgres()}. */
        public static Settings defaults() {
            return new Settings(512, Duration.ofMillis(2), BackwardBookmarks.KEEP_STORED, 10, 500_000, 1);
        }

        /** The defaults with four committers, which PostgreSQL runs side by side. */
        public static Settings forPostgres() {
            return defaults().withCommitters(4);
        }

        public Settings withMaxBatchSize(int value) {
            return new Settings(value, maxWait, backwardBookmarks, acceptBackwardAfter, rememberedPositions, committers);
        }

        public Settings withMaxWait(Duration value) {
            return new Settings(maxBatchSize, value, backwardBookmarks, acceptBackwardAfter, rememberedPositions, committers);
        }

        public Settings withBackwardBookmarks(BackwardBookmarks value) {
            return new Settings(maxBatchSize, maxWait, value, acceptBackwardAfter, rememberedPositions, committers);
        }

        public Settings withAcceptBackwardAfter(int value) {
            return new Settings(maxBatchSize, maxWait, backwardBookmarks, value, rememberedPositions, committers);
        }

        public Settings withRememberedPositions(int value) {
            return new Settings(maxBatchSize, maxWait, backwardBookmarks, acceptBackwardAfter, value, committers);
        }

        public Settings withCommitters(int value) {
            return new Settings(maxBatchSize, maxWait, backwardBookmarks, acceptBackwardAfter, rememberedPositions, value);
        }
    }

    /** How a stored bookmark was dealt with; all three mean the client may be acknowledged. */
    public enum Outcome {
        /** Committed. */
        STORED,
        /** A later bookmark of the same client and subscription was committed in the same transaction. */
        SUPERSEDED,
        /** Behind the stored bookmark, which was kept. */
        KEPT_STORED
    }

    /** Counters since start. */
    public record Stats(long commits, long stored, long superseded, long keptStored, long failed, long failedCommits,
                        long largestBatch) {}

    private final BookmarkPort bookmarks;
    private final SubscriptionPort subscriptions;
    private final Settings settings;
    private final KnownBookmarks known;
    private final boolean guard;
    /** One queue and one thread per committer; a key's bookmarks always go to the same one. */
    private final List<LinkedBlockingQueue<Pending>> queues = new ArrayList<>();
    /** Callers hold it shared while they enqueue; close takes it exclusively, so nothing is enqueued after. */
    private final ReentrantReadWriteLock intake = new ReentrantReadWriteLock();
    private volatile boolean closed;
    private final List<Thread> committers = new ArrayList<>();

    private final LongAdder stored = new LongAdder();
    private final LongAdder superseded = new LongAdder();
    private final LongAdder keptStored = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong failedCommits = new AtomicLong();
    private final AtomicLong largestBatch = new AtomicLong();

    public BookmarkGroupCommit(BookmarkPort bookmarks, SubscriptionPort subscriptions, Settings settings) {
        this(bookmarks, subscriptions, settings, new KnownBookmarks(settings.rememberedPositions()));
    }

    BookmarkGroupCommit(BookmarkPort bookmarks, SubscriptionPort subscriptions, Settings settings, KnownBookmarks known) {
        this.bookmarks = Objects.requireNonNull(bookmarks, "bookmarks");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.known = known;
        this.guard = settings.backwardBookmarks() == BackwardBookmarks.KEEP_STORED;
        for (int i = 0; i < settings.committers(); i++) {
            LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            committers.add(Thread.ofPlatform().daemon().name("openwec-bookmark-commit-" + i).start(() -> run(queue)));
        }
    }

    /**
     * Stores the bookmark of an events batch and returns once it is durable (or once a newer one is).
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
        BookmarkPosition position = guard ? BookmarkPosition.parse(bookmark) : BookmarkPosition.NOT_COMPARABLE;
        if (position.isComparable() && known.get(key) == null) {
            // Read in the caller's thread: callers read in parallel while the committer writes.
            known.learn(key, BookmarkPosition.parse(bookmarks.bookmark(machine, subscription).orElse(null)));
        }
        Pending pending = new Pending(new Bookmark(machine, subscription, bookmark), key, position);
        intake.readLock().lock();
        try {
            if (closed) {
                throw closedError();
            }
            queues.get(Math.floorMod(key.hashCode(), queues.size())).add(pending);
        } finally {
            intake.readLock().unlock();
        }
        return await(pending);
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("The bookmark writer is closed: the collector is shutting down.");
    }

    public Stats stats() {
        return new Stats(commits.get(), stored.sum(), superseded.sum(), keptStored.sum(), failed.sum(),
                failedCommits.get(), largestBatch.get());
    }

    /** Package-private for the enumerate path, which refreshes what is known from what it reads. */
    KnownBookmarks known() {
        return known;
    }

    /** Commits everything already queued, then stops; later calls to {@link #store} fail. */
    @Override
    public void close() {
        intake.writeLock().lock();
        try {
            closed = true;
        } finally {
            intake.writeLock().unlock();
        }
        boolean interrupted = false;
        for (Thread committer : committers) {
            while (committer.isAlive()) {
                try {
                    committer.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Outcome await(Pending pending) {
        try {
            return pending.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while the bookmark of " + pending.bookmark.machine()
                    + " was being committed: it may or may not be stored.");
        } catch (ExecutionException e) {
            // A fresh exception per caller: one failed transaction answers many threads.
            Throwable cause = e.getCause();
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (cause instanceof UserError) {
                throw new UserError(message, cause);
            }
            throw new StorageException(message, cause);
        }
    }

    private void run(LinkedBlockingQueue<Pending> queue) {
        List<Pending> batch = new ArrayList<>();
        int expected = 1;
        while (true) {
            Pending first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue; // only close stops the committer, once the queue is empty
            }
            if (first == null) {
                if (closed && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, settings.maxBatchSize() - batch.size());
            int wanted = closed ? 1 : Math.min(expected, settings.maxBatchSize());
            long deadline = System.nanoTime() + settings.maxWait().toNanos();
            while (batch.size() < wanted) {
                long left = deadline - System.nanoTime();
                Pending next = null;
                if (left > 0) {
                    try {
                        next = queue.poll(left, TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        break;
                    }
                }
                if (next == null) {
                    break;
                }
                batch.add(next);
                queue.drainTo(batch, settings.maxBatchSize() - batch.size());
            }
            try {
                commit(batch);
            } catch (RuntimeException | Error e) {
                // A bug here must not leave callers waiting forever.
                batch.forEach(p -> p.result.completeExceptionally(e));
                LOG.log(Level.ERROR, "Bookmark commit failed unexpectedly", e);
            }
            expected = batch.size();
            batch.clear();
        }
    }

    /** One key's share of a batch: the bookmark to write, and the calls that follow its fate. */
    private static final class Slot {
        Pending winner;
        final List<Pending> superseded = new ArrayList<>();
        /** Behind the winner of this batch: kept out only if the winner commits. */
        final List<Pending> behindWinner = new ArrayList<>();

        Slot(Pending winner) {
            this.winner = winner;
        }
    }

    private void commit(List<Pending> batch) {
        largestBatch.accumulateAndGet(batch.size(), Math::max);
        Map<Key, Slot> slots = new LinkedHashMap<>();
        for (Pending p : batch) {
            Slot slot = slots.get(p.key);
            if (slot == null) {
                if (isKeptOutByStored(p)) {
                    continue;
                }
                slots.put(p.key, new Slot(p));
            } else if (guard && p.position.isBehind(slot.winner.position)) {
                slot.behindWinner.add(p);
            } else {
                slot.superseded.add(slot.winner);
                slot.winner = p;
            }
        }
        if (slots.isEmpty()) {
            return;
        }
        List<Slot> all = List.copyOf(slots.values());
        try {
            write(all);
        } catch (RuntimeException e) {
            recoverFrom(e, all);
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
        p.result.complete(Outcome.KEPT_STORED);
        return true;
    }

    /**
     * Rows go in primary-key order: transactions of several collector nodes (or of {@code bookmarks copy})
     * then lock rows in the same order and cannot deadlock, and index pages are written in sequence. A batch
     * of one is a single autocommitted statement, which costs one round trip less than a transaction.
     */
    private void write(List<Slot> slots) {
        List<Bookmark> rows = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            rows.add(slot.winner.bookmark);
        }
        if (rows.size() == 1) {
            Bookmark only = rows.get(0);
            bookmarks.storeBookmark(only.machine(), only.subscription(), only.bookmark());
        } else {
            rows.sort(PRIMARY_KEY_ORDER);
            bookmarks.storeBookmarks(rows);
        }
        commits.incrementAndGet();
        // Count and remember first: a caller that returns sees its store in the stats and in the guard.
        for (Slot slot : slots) {
            if (guard) {
                known.remember(slot.winner.key, slot.winner.position, 0);
            }
            stored.increment();
            superseded.add(slot.superseded.size());
            keptStored.add(slot.behindWinner.size());
        }
        for (Slot slot : slots) {
            slot.winner.result.complete(Outcome.STORED);
            slot.superseded.forEach(p -> p.result.complete(Outcome.SUPERSEDED));
            for (Pending p : slot.behindWinner) {
                logKept(p, slot.winner.position);
                p.result.complete(Outcome.KEPT_STORED);
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
     */
    private void recoverFrom(RuntimeException failure, List<Slot> slots) {
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
                        } catch (RuntimeException again) {
                            failedCommits.incrementAndGet();
                            others.forEach(slot -> fail(slot, again));
                            logFailure(again, others);
                        }
                    }
                    return;
                }
            }
        }
        slots.forEach(slot -> fail(slot, failure));
        logFailure(failure, slots);
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
        slot.winner.result.completeExceptionally(failure);
        slot.superseded.forEach(p -> p.result.completeExceptionally(failure));
        slot.behindWinner.forEach(p -> p.result.completeExceptionally(failure));
    }

    private static void logFailure(RuntimeException failure, List<Slot> slots) {
        int calls = slots.stream().mapToInt(s -> 1 + s.superseded.size() + s.behindWinner.size()).sum();
        LOG.log(Level.WARNING, () -> "Failed to commit " + slots.size() + " bookmarks; " + calls
                + " events batches were not acknowledged and will be sent again: " + failure.getMessage());
    }

    private static final class Pending {
        final Bookmark bookmark;
        final Key key;
        final BookmarkPosition position;
        final CompletableFuture<Outcome> result = new CompletableFuture<>();

        Pending(Bookmark bookmark, Key key, BookmarkPosition position) {
            this.bookmark = bookmark;
            this.key = key;
            this.position = position;
        }
    }
}
