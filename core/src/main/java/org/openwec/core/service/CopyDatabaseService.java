package org.openwec.core.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.migration.SchemaStatus;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.HeartbeatRecord;
import org.openwec.core.model.Migration;
import org.openwec.core.model.RowKey;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.CopyDatabase;
import org.openwec.core.port.out.Storage;
import org.openwec.core.port.out.StorageOpener;

/**
 * {@code openwec db copy}: copies every subscription, bookmark and heartbeat of one database into another
 * (SQLite to PostgreSQL and back), then proves it by reading both again.
 *
 * <ul>
 *   <li>Bounded memory: bookmarks and heartbeats are read a page at a time in the source's key order and
 *       written a chunk at a time, one transaction per chunk; the next page is read (on one background
 *       thread) while the current one is written, so at most two chunks are held. Only the subscriptions
 *       (a small table) and the set of their UUIDs are held whole.</li>
 *   <li>Re-runnable: every write is an upsert of the source's exact values (subscriptions keep their UUID
 *       and internal version, heartbeats their first_seen), so running the copy again after an
 *       interruption, with {@code merge}, converges to the same target.</li>
 *   <li>Orphans: a bookmark or heartbeat whose subscription no longer exists in the source (possible in
 *       SQLite files written without foreign keys) cannot be stored in a target that enforces them; it is
 *       skipped and counted, never a failure.</li>
 *   <li>Verification: per table, the row count and an order-independent {@link RowChecksum} of the source
 *       and of the target's rows that belong to the source's subscriptions. Rows of subscriptions that only
 *       the target has (kept by a merge) are counted as extra and are not a mismatch; anything else that
 *       differs is.</li>
 * </ul>
 */
public final class CopyDatabaseService implements CopyDatabase {
    private final Storage source;
    private final StorageOpener targetOpener;
    private final int chunkSize;
    private final String targetSettings;
    private Storage openedTarget;
    private boolean sourceChecked;

    /**
     * @param target opened when first needed, created only by {@link #prepareTarget()}; whoever owns the opener
     *               closes what it opened
     * @param chunkSize rows per page read and per transaction written
     * @param targetSettings how the operator named the target's settings, for the commands messages suggest
     * @throws UserError when both are the same database
     */
    public CopyDatabaseService(Storage source, StorageOpener target, int chunkSize, String targetSettings) {
        this.source = Objects.requireNonNull(source, "source");
        this.targetOpener = Objects.requireNonNull(target, "target");
        this.chunkSize = requireChunkSize(chunkSize);
        this.targetSettings = Objects.requireNonNull(targetSettings, "targetSettings");
        if (source.location().equals(target.location())) {
            throw new UserError("The source and the target are the same " + source.location()
                    + ": give --to the settings file of another database.");
        }
    }

    @Override
    public String sourceLocation() {
        return source.location();
    }

    @Override
    public Target inspect(boolean merge) {
        requireSourceUpToDate();
        if (openedTarget == null && !targetOpener.exists()) {
            return new Target(targetOpener.location(), TargetState.MISSING);
        }
        Storage t = target(false);
        TargetState state = targetState(t);
        if (state == TargetState.READY && !merge) {
            requireEmptyTarget();
        }
        return new Target(t.location(), state);
    }

    @Override
    public Tally survey(Listener listener) {
        Set<UUID> subscriptions = uuids(source.subscriptions().subscriptions());
        listener.progressed(Phase.SURVEY, Table.SUBSCRIPTIONS, subscriptions.size());
        long[] bookmarks = new long[2];
        forEachPage(source, "bookmarks", after -> source.bookmarks().bookmarkPage(after, chunkSize),
                CopyDatabaseService::key, null, page -> {
                    page.forEach(b -> bookmarks[subscriptions.contains(b.subscription()) ? 0 : 1]++);
                    listener.progressed(Phase.SURVEY, Table.BOOKMARKS, bookmarks[0] + bookmarks[1]);
                });
        long[] heartbeats = new long[2];
        forEachPage(source, "heartbeats", after -> source.heartbeats().heartbeatPage(after, chunkSize),
                CopyDatabaseService::key, null, page -> {
                    page.forEach(h -> heartbeats[subscriptions.contains(h.subscription()) ? 0 : 1]++);
                    listener.progressed(Phase.SURVEY, Table.HEARTBEATS, heartbeats[0] + heartbeats[1]);
                });
        return new Tally(new RowCounts(subscriptions.size(), bookmarks[0], heartbeats[0]),
                new RowCounts(0, bookmarks[1], heartbeats[1]));
    }

    @Override
    public List<Migration> prepareTarget() {
        Storage t = target(!targetOpener.exists());
        if (targetState(t) == TargetState.READY) {
            return List.of();
        }
        List<Migration> applied = schemaOf(t).init();
        if (targetState(t) != TargetState.READY) {
            throw new UserError("The target " + t.location() + " is not up to date after its initialisation: run"
                    + " `openwec -c " + targetSettings + " db upgrade`, then copy again.");
        }
        return applied;
    }

    /** True when the target holds no subscription, bookmark or heartbeat. */
    public boolean targetIsEmpty() {
        Storage target = readyTarget();
        return target.subscriptions().subscriptions().isEmpty()
                && target.bookmarks().bookmarkPage(null, 1).isEmpty()
                && target.heartbeats().heartbeatPage(null, 1).isEmpty();
    }

    /** @throws UserError saying what the target holds and how to copy anyway, unless it is empty */
    public void requireEmptyTarget() {
        Storage target = target(false);
        int subscriptions = target.subscriptions().subscriptions().size();
        boolean bookmarks = !target.bookmarks().bookmarkPage(null, 1).isEmpty();
        boolean heartbeats = !target.heartbeats().heartbeatPage(null, 1).isEmpty();
        if (subscriptions == 0 && !bookmarks && !heartbeats) {
            return;
        }
        List<String> holds = new ArrayList<>();
        if (subscriptions > 0) {
            holds.add(subscriptions + " subscription(s)");
        }
        if (bookmarks) {
            holds.add("bookmarks");
        }
        if (heartbeats) {
            holds.add("heartbeats");
        }
        throw new UserError("The target " + target.location() + " is not empty (it holds " + String.join(", ", holds)
                + "). Copy into an empty database, or add --merge to copy into it anyway (rows with the same key"
                + " are overwritten, the others kept); --merge also completes an interrupted copy.");
    }

    /**
     * Copies subscriptions (all in one transaction), then bookmarks, then heartbeats (one transaction per
     * chunk). Without {@code merge}, refuses a target that is not empty.
     */
    @Override
    public Tally copy(boolean merge, Listener listener) {
        requireSourceUpToDate();
        Storage target = readyTarget();
        if (!merge) {
            requireEmptyTarget();
        }
        List<Subscription> subscriptions = source.subscriptions().subscriptions();
        Set<UUID> known = uuids(subscriptions);
        try {
            target.subscriptions().storeSubscriptions(subscriptions, List.of());
        } catch (UserError e) {
            throw new UserError("Cannot copy the subscriptions into the target " + target.location() + ": "
                    + e.getMessage(), e);
        }
        listener.progressed(Phase.COPY, Table.SUBSCRIPTIONS, subscriptions.size());

        long[] bookmarks = new long[2];
        long[] heartbeats = new long[2];
        try (ReadAhead readAhead = new ReadAhead()) {
            forEachPage(source, "bookmarks", after -> source.bookmarks().bookmarkPage(after, chunkSize), CopyDatabaseService::key,
                    readAhead, page -> {
                        List<Bookmark> keep = page.stream().filter(b -> known.contains(b.subscription())).toList();
                        target.bookmarks().storeBookmarks(keep);
                        bookmarks[0] += keep.size();
                        bookmarks[1] += page.size() - keep.size();
                        listener.progressed(Phase.COPY, Table.BOOKMARKS, bookmarks[0] + bookmarks[1]);
                    });
            forEachPage(source, "heartbeats", after -> source.heartbeats().heartbeatPage(after, chunkSize),
                    CopyDatabaseService::key, readAhead, page -> {
                        List<HeartbeatRecord> keep = page.stream().filter(h -> known.contains(h.subscription())).toList();
                        target.heartbeats().restoreHeartbeats(keep);
                        heartbeats[0] += keep.size();
                        heartbeats[1] += page.size() - keep.size();
                        listener.progressed(Phase.COPY, Table.HEARTBEATS, heartbeats[0] + heartbeats[1]);
                    });
        }
        return new Tally(new RowCounts(subscriptions.size(), bookmarks[0], heartbeats[0]),
                new RowCounts(0, bookmarks[1], heartbeats[1]));
    }

    /**
     * Reads both databases again, whole, and compares them table by table over the source's subscriptions.
     * The two are read at the same time (the target on a second thread); a database written to meanwhile
     * (a running collector) shows as a mismatch.
     */
    @Override
    public Verification verify(Listener listener) {
        Storage target = readyTarget();
        List<Subscription> sourceSubscriptions = source.subscriptions().subscriptions();
        Set<UUID> known = uuids(sourceSubscriptions);
        Listener shared = synchronised(listener);
        Digest targetDigest;
        Digest sourceDigest;
        try (ReadAhead background = new ReadAhead()) {
            Future<Digest> targetSide = background.submit(
                    () -> digest(target, target.subscriptions().subscriptions(), known, Phase.VERIFY_TARGET, shared));
            sourceDigest = digest(source, sourceSubscriptions, known, Phase.VERIFY_SOURCE, shared);
            targetDigest = ReadAhead.await(targetSide);
        }
        List<TableCheck> checks = new ArrayList<>();
        for (Table table : Table.values()) {
            Side s = sourceDigest.of(table);
            Side t = targetDigest.of(table);
            checks.add(new TableCheck(table, s.matched.rows(), t.matched.rows(), s.matched.hex(), t.matched.hex(),
                    s.other, t.other));
        }
        return new Verification(checks);
    }

    // ------------------------------------------------------------------ the two ends

    private void requireSourceUpToDate() {
        if (!sourceChecked) {
            schemaOf(source).requireUpToDate();
            sourceChecked = true;
        }
    }

    private Storage target(boolean create) {
        if (openedTarget == null) {
            openedTarget = targetOpener.open(create);
        }
        return openedTarget;
    }

    /** The target, which must carry this binary's schema: a copy never writes into a database it could not read. */
    private Storage readyTarget() {
        Storage t = target(false);
        if (targetState(t) != TargetState.READY) {
            throw new UserError("The target " + t.location() + " has no schema yet: run `openwec -c " + targetSettings
                    + " db init`, then copy again.");
        }
        return t;
    }

    private TargetState targetState(Storage t) {
        SchemaStatus status = schemaOf(t).status();
        return switch (status.state()) {
            case UP_TO_DATE -> TargetState.READY;
            case NOT_INITIALISED -> TargetState.NOT_INITIALISED;
            case OUTDATED -> throw new UserError("The target " + t.location()
                    + " has an outdated schema (version " + status.currentVersion() + "): run `openwec -c "
                    + targetSettings + " db upgrade` first, then copy again.");
            case NEWER_THAN_BINARY -> throw new UserError("The target " + t.location()
                    + " has schema version(s) " + status.unknown() + " that this binary does not know: it was written"
                    + " by a newer openwec. Copy with that version.");
        };
    }

    private static SchemaService schemaOf(Storage storage) {
        return new SchemaService(storage.schema(), storage.location(), MigrationEngine.Listener.SILENT);
    }

    /** Every row of one database, split into rows of the {@code known} subscriptions (summed) and others (counted). */
    private Digest digest(Storage db, List<Subscription> subscriptions, Set<UUID> known, Phase phase, Listener listener) {
        Digest digest = new Digest(new Side(), new Side(), new Side());
        subscriptions.forEach(s -> digest.subscriptions.add(known.contains(s.uuid()), s));
        listener.progressed(phase, Table.SUBSCRIPTIONS, digest.subscriptions.read());
        forEachPage(db, "bookmarks", after -> db.bookmarks().bookmarkPage(after, chunkSize), CopyDatabaseService::key, null,
                page -> {
                    page.forEach(b -> digest.bookmarks.add(known.contains(b.subscription()), b));
                    listener.progressed(phase, Table.BOOKMARKS, digest.bookmarks.read());
                });
        forEachPage(db, "heartbeats", after -> db.heartbeats().heartbeatPage(after, chunkSize), CopyDatabaseService::key, null,
                page -> {
                    page.forEach(h -> digest.heartbeats.add(known.contains(h.subscription()), h));
                    listener.progressed(phase, Table.HEARTBEATS, digest.heartbeats.read());
                });
        return digest;
    }

    private record Digest(Side subscriptions, Side bookmarks, Side heartbeats) {
        Side of(Table table) {
            return switch (table) {
                case SUBSCRIPTIONS -> subscriptions;
                case BOOKMARKS -> bookmarks;
                case HEARTBEATS -> heartbeats;
            };
        }
    }

    private static Listener synchronised(Listener listener) {
        Object lock = new Object();
        return (phase, table, rows) -> {
            synchronized (lock) {
                listener.progressed(phase, table, rows);
            }
        };
    }

    /** One table of one database: the checksum of the rows of known subscriptions, and a count of the others. */
    private static final class Side {
        final RowChecksum matched = new RowChecksum();
        long other;

        void add(boolean known, Object row) {
            if (!known) {
                other++;
            } else {
                switch (row) {
                    case Subscription s -> matched.add(s);
                    case Bookmark b -> matched.add(b);
                    case HeartbeatRecord h -> matched.add(h);
                    default -> throw new IllegalArgumentException("Not a row: " + row.getClass());
                }
            }
        }

        long read() {
            return matched.rows() + other;
        }
    }

    // ------------------------------------------------------------------ paging

    private static RowKey key(Bookmark b) {
        return new RowKey(b.subscription(), b.machine());
    }

    private static RowKey key(HeartbeatRecord h) {
        return new RowKey(h.subscription(), h.machine());
    }

    /**
     * Keyset paging: each page starts after the last key of the previous one, until an empty page (a short
     * page is not taken as the end, so an adapter may cap its pages). A page that ends where the previous
     * one ended would repeat forever (keys stored in a form the backend's paging does not expect), so it
     * stops the copy instead. With {@code readAhead}, the next page is read while {@code consumer} handles
     * the current one: at most two pages are held.
     */
    private static <T> void forEachPage(Storage db, String table, Function<RowKey, List<T>> next,
                                        Function<T, RowKey> key, ReadAhead readAhead, Consumer<List<T>> consumer) {
        RowKey after = null;
        Future<List<T>> pending = readAhead == null ? null : readAhead.submit(() -> next.apply(null));
        while (true) {
            List<T> page = pending == null ? next.apply(after) : ReadAhead.await(pending);
            if (page.isEmpty()) {
                return;
            }
            RowKey last = key.apply(page.get(page.size() - 1));
            if (last.equals(after)) {
                throw new StorageException("Reading the " + table + " of the " + db.location()
                        + " page by page does not advance past machine '" + last.machine() + "' of subscription "
                        + last.subscription() + ": the rows are not stored in the expected form (upper-case UUIDs).");
            }
            after = last;
            if (readAhead != null) {
                pending = readAhead.submit(() -> next.apply(last));
            }
            consumer.accept(page);
        }
    }

    /**
     * One background thread for reading ahead (the next page, or the other database), so that reading one
     * database overlaps writing or reading the other. Closing it cancels and waits for what is still running,
     * so nothing touches a database after the call that started it has returned.
     */
    private static final class ReadAhead implements AutoCloseable {
        private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "openwec-db-copy-read-ahead");
            thread.setDaemon(true);
            return thread;
        });

        <V> Future<V> submit(Callable<V> task) {
            return executor.submit(task);
        }

        static <V> V await(Future<V> future) {
            try {
                return future.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new StorageException("Reading failed: " + cause, cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("Interrupted while reading", e);
            }
        }

        @Override
        public void close() {
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(5, TimeUnit.MINUTES)) {
                    throw new StorageException("A background read did not stop within 5 minutes");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Set<UUID> uuids(List<Subscription> subscriptions) {
        Set<UUID> set = new HashSet<>();
        subscriptions.forEach(s -> set.add(s.uuid()));
        return set;
    }

    private static int requireChunkSize(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("The chunk size must be at least 1, got " + chunkSize);
        }
        return chunkSize;
    }
}
