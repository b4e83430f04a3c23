package org.openwec.core.service;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.openwec.core.model.HeartbeatFlushReport;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.StorageException;
import org.openwec.core.port.out.HeartbeatPort;

/**
 * The collector's heartbeat cache (docs/reference/operations.md §5.2), without its losses. Request handlers
 * {@linkplain #recordHeartbeat record} what they see straight into a cache keyed by (machine, subscription),
 * under a lock held for about a microsecond; every {@code flush_heartbeats_interval} the cache is swapped for
 * an empty one and written with {@link HeartbeatPort#storeHeartbeats}, while recording goes on. The
 * reference passed messages through a queue to one task that also flushed; merging in the handler's thread
 * costs no thread hand-off, and nothing waits for a flush.
 *
 * <p>Merge rules are the reference's, made monotonic: an events message sets last_seen and last_event_seen,
 * a heartbeat sets last_seen and keeps the cached last_event_seen; the ip follows the newest message; but
 * no timestamp ever moves backwards (the reference overwrote, so a message processed late could). The
 * stored rows are monotonic too: the adapters' upserts take the greater of stored and flushed values.
 *
 * <p>When a flush fails the whole batch is kept: merged back under the entries that arrived meanwhile,
 * and written at the next tick. The reference cleared the cache on failure. The cache holds at most one
 * entry per (machine, subscription), so keeping failed batches costs no more memory than the number of
 * clients; {@code maxEntries} bounds even that. At the bound, a message for a new client waits until a
 * flush frees room (the first one of an episode flushes at once, in its own thread, and logs a warning),
 * which delays that client's response (back-pressure) instead of dropping anything while the database is
 * away; messages of clients already cached merge in place. Entries whose subscription was deleted are
 * dropped by the adapter and counted.
 *
 * <p>{@link #close} stops intake (callers already waiting for room still get in), flushes everything,
 * retrying a failed flush every second for up to {@code shutdownTimeout}; what is still unwritten then is
 * logged and reported as an error.
 */
public final class HeartbeatBatcher implements AutoCloseable {
    private static final Logger LOG = System.getLogger(HeartbeatBatcher.class.getName());
    private static final Duration SHUTDOWN_RETRY = Duration.ofSeconds(1);
    /**
     * The cache is kept in primary-key order (machine, then subscription), so that a flush writes rows in
     * that order without sorting them: index pages are touched in sequence instead of at random (on
     * PostgreSQL a 100,000-row flush in hash order took about a third longer), and flushes of several nodes
     * lock rows in the same order, so they cannot deadlock.
     */
    private static final Comparator<Key> PRIMARY_KEY_ORDER = (a, b) -> {
        int byMachine = a.machine().compareTo(b.machine());
        return byMachine != 0 ? byMachine : a.subscription().compareTo(b.subscription());
    };

    /**
     * @param flushInterval the reference's {@code server.flush_heartbeats_interval}
     * @param maxEntries most (machine, subscription) entries held, being flushed included
     * @param shutdownTimeout how long {@link #close} retries a failing final flush
     */
    public record Settings(Duration flushInterval, int maxEntries, Duration shutdownTimeout) {
        public Settings {
            Objects.requireNonNull(flushInterval, "flushInterval");
            Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
            if (flushInterval.isNegative() || flushInterval.isZero()) {
                throw new IllegalArgumentException("flushInterval must be positive");
            }
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be at least 1");
            }
            if (shutdownTimeout.isNegative()) {
                throw new IllegalArgumentException("shutdownTimeout must not be negative");
            }
        }

        /** The reference's flush interval (5 s); room for a million clients' entries; 30 s to flush at shutdown. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), 1_000_000, Duration.ofSeconds(30));
        }

        public Settings withFlushInterval(Duration value) {
            return new Settings(value, maxEntries, shutdownTimeout);
        }

        public Settings withMaxEntries(int value) {
            return new Settings(flushInterval, value, shutdownTimeout);
        }

        public Settings withShutdownTimeout(Duration value) {
            return new Settings(flushInterval, maxEntries, value);
        }
    }

    /**
     * Counters since start, and the current content.
     *
     * @param recorded messages merged into the cache
     * @param dropped entries the adapter could not store because their subscription no longer exists
     * @param lost entries given up at shutdown (the database stayed away for the whole shutdown timeout)
     * @param stalls messages that had to wait for room at the {@code maxEntries} bound
     * @param waiting callers waiting for room now
     */
    public record Stats(long recorded, long flushes, long failedFlushes, long flushedEntries, long dropped, long lost,
                        long stalls, int cached, int flushing, int waiting) {}

    private record Key(String machine, UUID subscription) {}

    private final HeartbeatPort port;
    private final Settings settings;
    private final Clock clock;
    private final Scheduler scheduler;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roomFreed = lock.newCondition();
    /** Signalled at shutdown when a caller stops waiting for room (it got in, or gave up). */
    private final Condition waiterIn = lock.newCondition();
    /** Guarded by lock. */
    private TreeMap<Key, HeartbeatUpdate> cache = new TreeMap<>(PRIMARY_KEY_ORDER);
    /** Guarded by lock: entries of the flush in progress. */
    private int flushing;
    /** Guarded by lock: callers waiting for room. */
    private int waiting;
    /** Guarded by lock: the bound was hit since the last successful flush (flushed and warned once per episode). */
    private boolean stalled;
    /** Guarded by lock. */
    private boolean closed;
    /** Guarded by lock: shutdown gave up on the database; callers still waiting for room fail. */
    private boolean givenUp;

    /** Serialises flushes (the periodic one, flushNow, the one at the bound and the final one). */
    private final ReentrantLock flushInProgress = new ReentrantLock();
    private final Scheduler.Repeating ticker;

    private final LongAdder recorded = new LongAdder();
    private final LongAdder flushes = new LongAdder();
    private final LongAdder failedFlushes = new LongAdder();
    private final LongAdder flushedEntries = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder stalls = new LongAdder();

    /**
     * @param clock stamps each message (Unix seconds), as the reference stamps it when queued
     * @param scheduler runs the flush every {@code flushInterval} and times the retries at shutdown
     */
    public HeartbeatBatcher(HeartbeatPort port, Settings settings, Clock clock, Scheduler scheduler) {
        this.port = Objects.requireNonNull(port, "port");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.ticker = scheduler.repeat("openwec-heartbeat-flush", settings.flushInterval(), this::flushOnce);
    }

    /**
     * A heartbeat message of {@code machine} for {@code subscription}, seen now; waits while the cache is at
     * its bound and has no entry for it.
     *
     * @throws IllegalStateException after {@link #close}
     * @throws StorageException when interrupted while waiting for room, or when shutdown gave up on the database
     */
    public void recordHeartbeat(String machine, String ip, UUID subscription) {
        record(machine, ip, subscription, false, -1);
    }

    /** An events batch of {@code machine} for {@code subscription}, recorded now; waits like {@link #recordHeartbeat}. */
    public void recordEvent(String machine, String ip, UUID subscription) {
        record(machine, ip, subscription, true, -1);
    }

    /**
     * Like the record methods, but gives up after {@code timeout} (which may be zero) when there is no room.
     *
     * @return false when nothing was recorded
     */
    public boolean offer(String machine, String ip, UUID subscription, boolean event, Duration timeout) {
        return record(machine, ip, subscription, event, Math.max(0, timeout.toNanos()));
    }

    /** @param timeoutNanos negative: wait as long as it takes */
    private boolean record(String machine, String ip, UUID subscription, boolean event, long timeoutNanos) {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(subscription, "subscription");
        long seen = Math.floorDiv(clock.millis(), 1000L);
        HeartbeatUpdate update = new HeartbeatUpdate(machine, subscription, ip, seen, event ? seen : null);
        Key key = new Key(machine, subscription);
        boolean flushFirst;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("The heartbeat batcher is closed: the collector is shutting down.");
            }
            if (tryMerge(key, update)) {
                return true;
            }
            stalls.increment();
            flushFirst = !stalled;
            if (flushFirst) {
                stalled = true;
                LOG.log(Level.WARNING, "The heartbeat cache holds " + settings.maxEntries()
                        + " entries (its bound) that the database has not taken yet: heartbeats of new clients wait, "
                        + "and so do the collector's responses, until a flush succeeds.");
            }
            waiting++;
        } finally {
            lock.unlock();
        }
        try {
            if (flushFirst) {
                flushOnce();
            }
            return awaitRoom(key, update, timeoutNanos);
        } finally {
            lock.lock();
            try {
                waiting--;
                if (closed) {
                    waiterIn.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Holding the lock: merges when the key is cached or a new entry fits. */
    private boolean tryMerge(Key key, HeartbeatUpdate update) {
        HeartbeatUpdate existing = cache.get(key);
        if (existing != null) {
            cache.put(key, newest(existing, update));
        } else if (cache.size() + flushing < settings.maxEntries()) {
            cache.put(key, update);
        } else {
            return false;
        }
        recorded.increment();
        return true;
    }

    private boolean awaitRoom(Key key, HeartbeatUpdate update, long timeoutNanos) {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (!tryMerge(key, update)) {
                if (givenUp) {
                    lost.increment();
                    throw new StorageException("The heartbeat of " + key.machine() + " was not recorded: the database "
                            + "stayed unavailable for the whole shutdown of the collector.");
                }
                if (timeoutNanos >= 0) {
                    if (left <= 0) {
                        return false;
                    }
                    left = roomFreed.awaitNanos(left);
                } else {
                    roomFreed.await();
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while waiting for room in the heartbeat cache: "
                    + "the heartbeat of " + key.machine() + " was not recorded.");
        } finally {
            lock.unlock();
        }
    }

    /** Flushes now instead of at the next tick; returns once that flush is done. False if it failed. */
    public boolean flushNow() {
        return flushOnce();
    }

    public Stats stats() {
        lock.lock();
        try {
            return new Stats(recorded.sum(), flushes.sum(), failedFlushes.sum(), flushedEntries.sum(), dropped.sum(),
                    lost.sum(), stalls.sum(), cache.size(), flushing, waiting);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops intake (later record calls fail; calls waiting for room get in first) and flushes everything,
     * retrying every second for up to the shutdown timeout.
     *
     * @throws StorageException when some entries could not be written before the timeout (they are logged)
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        ticker.close();
        long deadline = scheduler.nanoTime() + settings.shutdownTimeout().toNanos();
        while (true) {
            boolean flushed = flushOnce();
            if (flushed && awaitNothingLeft()) {
                break;
            }
            long left = deadline - scheduler.nanoTime();
            if (left <= 0) {
                break;
            }
            if (!flushed) {
                sleepUninterruptibly(Duration.ofNanos(Math.min(left, SHUTDOWN_RETRY.toNanos())));
            }
        }
        int remaining;
        lock.lock();
        try {
            givenUp = true;
            roomFreed.signalAll();
            remaining = cache.size();
        } finally {
            lock.unlock();
        }
        if (remaining > 0) {
            lost.add(remaining);
            LOG.log(Level.ERROR, "Lost " + remaining + " heartbeats at shutdown: the database could not be written for "
                    + settings.shutdownTimeout().toSeconds() + " s.");
            throw new StorageException("Could not flush " + remaining + " heartbeats at shutdown within "
                    + settings.shutdownTimeout().toSeconds() + " s: the database is unavailable.");
        }
    }

    /**
     * After a successful flush at shutdown: true when nothing is left; otherwise callers that waited for
     * room are coming in (or came in), and another flush is due.
     */
    private boolean awaitNothingLeft() {
        lock.lock();
        try {
            while (cache.isEmpty() && waiting > 0) {
                waiterIn.awaitUninterruptibly();
            }
            return cache.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private boolean flushOnce() {
        flushInProgress.lock();
        try {
            TreeMap<Key, HeartbeatUpdate> batch;
            lock.lock();
            try {
                if (cache.isEmpty()) {
                    return true;
                }
                batch = cache;
                cache = new TreeMap<>(PRIMARY_KEY_ORDER);
                flushing = batch.size();
            } finally {
                lock.unlock();
            }
            try {
                HeartbeatFlushReport report = port.storeHeartbeats(new ArrayList<>(batch.values()));
                flushes.increment();
                flushedEntries.add(report.stored());
                if (!report.dropped().isEmpty()) {
                    dropped.add(report.dropped().size());
                    LOG.log(Level.INFO, () -> "Dropped " + report.dropped().size()
                            + " heartbeats of subscriptions that no longer exist.");
                }
                lock.lock();
                try {
                    flushing = 0;
                    stalled = false;
                    roomFreed.signalAll();
                } finally {
                    lock.unlock();
                }
                return true;
            } catch (RuntimeException e) {
                failedFlushes.increment();
                int kept = batch.size();
                lock.lock();
                try {
                    cache = mergeBack(batch, cache);
                    flushing = 0;
                    roomFreed.signalAll();
                } finally {
                    lock.unlock();
                }
                LOG.log(Level.WARNING, () -> "Failed to flush " + kept + " heartbeats; they are kept for the next "
                        + "attempt in " + settings.flushInterval().toMillis() + " ms: " + e.getMessage());
                return false;
            }
        } finally {
            flushInProgress.unlock();
        }
    }

    /**
     * A failed batch under what was recorded since: the newest of each field. Walks the smaller map, since
     * the lock is held meanwhile.
     */
    private static TreeMap<Key, HeartbeatUpdate> mergeBack(TreeMap<Key, HeartbeatUpdate> failed,
                                                          TreeMap<Key, HeartbeatUpdate> since) {
        if (since.size() <= failed.size()) {
            for (Map.Entry<Key, HeartbeatUpdate> e : since.entrySet()) {
                failed.merge(e.getKey(), e.getValue(), HeartbeatBatcher::newest);
            }
            return failed;
        }
        for (Map.Entry<Key, HeartbeatUpdate> e : failed.entrySet()) {
            since.merge(e.getKey(), e.getValue(), (recent, older) -> newest(older, recent));
        }
        return since;
    }

    /** Two sightings of one (machine, subscription), {@code b} merged after {@code a}: the newest of each field wins. */
    static HeartbeatUpdate newest(HeartbeatUpdate a, HeartbeatUpdate b) {
        HeartbeatUpdate later = b.lastSeen() >= a.lastSeen() ? b : a;
        Long event;
        if (a.lastEventSeen() == null) {
            event = b.lastEventSeen();
        } else if (b.lastEventSeen() == null) {
            event = a.lastEventSeen();
        } else {
            event = Math.max(a.lastEventSeen(), b.lastEventSeen());
        }
        if (Objects.equals(later.lastEventSeen(), event)) {
            return later;
        }
        return new HeartbeatUpdate(later.machine(), later.subscription(), later.ip(), later.lastSeen(), event);
    }

    private void sleepUninterruptibly(Duration duration) {
        long end = scheduler.nanoTime() + duration.toNanos();
        boolean interrupted = false;
        for (long left = duration.toNanos(); left > 0; left = end - scheduler.nanoTime()) {
            try {
                scheduler.sleep(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
