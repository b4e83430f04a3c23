package org.openwec.adapters.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.DowngradeLoss;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.HeartbeatFlushReport;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.HeartbeatRecord;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.Machine;
import org.openwec.core.model.MachineState;
import org.openwec.core.model.Migration;
import org.openwec.core.model.RowKey;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionStats;
import org.openwec.core.port.out.BookmarkPort;
import org.openwec.core.port.out.HeartbeatPort;
import org.openwec.core.port.out.SchemaPort;
import org.openwec.core.port.out.SubscriptionPort;
import org.openwec.core.port.out.Storage;

/**
 * Wraps any {@link Storage} and injects faults into chosen port calls: fail every call of a kind until
 * healed, fail only the Nth one, hold the next one at a gate until the test releases it, or run the test's
 * code inside it. With nothing armed it only passes calls on (and records them), and the port contracts run
 * on it like on any adapter, so a use-case test on a faulty in-memory storage tests against checked
 * behaviour, not against a fake.
 *
 * <p>In each call, in this order: the call is recorded; a gate armed for it holds it; an action registered
 * with {@link #whenCalled} runs; an armed failure is thrown; the wrapped storage is called.
 */
public final class FaultyStorage {
    /** How long a gate holds a call, or a test waits for one to arrive, before the test is declared wrong. */
    private static final long PATIENCE_SECONDS = 30;

    /** The port methods, by port. */
    public enum Call {
        SUBSCRIPTIONS(false), FIND_SUBSCRIPTION(false), STORE_SUBSCRIPTION(true), STORE_SUBSCRIPTIONS(true),
        DELETE_SUBSCRIPTION(true),
        BOOKMARK(false), BOOKMARKS(false), STORE_BOOKMARK(true), STORE_BOOKMARKS(true), BOOKMARK_PAGE(false),
        DELETE_BOOKMARKS(true),
        HEARTBEATS(false), STORE_HEARTBEAT(true), STORE_HEARTBEATS(true), HEARTBEAT_PAGE(false),
        RESTORE_HEARTBEATS(true), STATS(false), MACHINES(false),
        SETUP_SCHEMA(true), IS_INITIALISED(false), APPLIED_VERSIONS(false), REGISTERED_MIGRATIONS(false), APPLY(true),
        DOWNGRADE_LOSSES(false), REVERT(true);

        private final boolean write;

        Call(boolean write) {
            this.write = write;
        }

        /** Every call that changes the database. */
        public static Set<Call> writes() {
            EnumSet<Call> writes = EnumSet.noneOf(Call.class);
            for (Call c : values()) {
                if (c.write) {
                    writes.add(c);
                }
            }
            return writes;
        }

        /** Every call that only reads. */
        public static Set<Call> reads() {
            return EnumSet.complementOf(EnumSet.copyOf(writes()));
        }
    }

    /**
     * One call as the storage received it. Collections among the arguments are copied when the call arrives.
     */
    public record Invocation(Call call, List<Object> arguments, Thread thread) {
        public Object argument(int index) {
            return arguments.get(index);
        }

        /** The number of rows of a batch call (its first argument's size), 1 for any other call. */
        public int rows() {
            return !arguments.isEmpty() && arguments.get(0) instanceof Collection<?> c ? c.size() : 1;
        }
    }

    /** Holds one call until {@link #release()}: the test sees it arrive, does what it needs, then lets it go on. */
    public static final class Gate {
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile Invocation held;

        /** Returns the held call once it has arrived at the gate. */
        public Invocation awaitArrival() {
            try {
                if (!arrived.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError("no call arrived at the gate within " + PATIENCE_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for a call at the gate", e);
            }
            return held;
        }

        public boolean hasArrived() {
            return arrived.getCount() == 0;
        }

        public void release() {
            released.countDown();
        }

        private void hold(Invocation invocation) {
            held = invocation;
            arrived.countDown();
            try {
                if (!released.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the gate of " + invocation.call());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("Interrupted at the gate of " + invocation.call());
            }
        }
    }

    private record Failure(Supplier<? extends RuntimeException> supplier, int countdown) {}

    private final Storage wrapped;
    private final Storage storage;
    private final Map<Call, Failure> failures = new EnumMap<>(Call.class);
    private final Map<Call, ArrayDeque<Gate>> gates = new EnumMap<>(Call.class);
    private final Map<Call, List<Consumer<Invocation>>> actions = new EnumMap<>(Call.class);
    private final List<Invocation> invocations = new ArrayList<>();

    private FaultyStorage(Storage wrapped) {
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
        this.storage = new Storage(wrapped.location(), new Subscriptions(wrapped.subscriptions()),
                new Bookmarks(wrapped.bookmarks()), new Heartbeats(wrapped.heartbeats()), new Schema(wrapped.schema()),
                wrapped::close);
    }

    public static FaultyStorage wrap(Storage storage) {
        return new FaultyStorage(storage);
    }

    /** What the code under test uses; closing it closes the wrapped storage. */
    public Storage storage() {
        return storage;
    }

    public Storage wrapped() {
        return wrapped;
    }

    /** A failure as a database that went away gives one. */
    public static RuntimeException unavailable() {
        return new StorageException("database unavailable (injected fault)");
    }

    /** Every call of these kinds fails with what {@code failure} supplies, until healed. */
    public synchronized FaultyStorage fail(Set<Call> calls, Supplier<? extends RuntimeException> failure) {
        Objects.requireNonNull(failure, "failure");
        for (Call call : calls) {
            failures.put(call, new Failure(failure, 0));
        }
        return this;
    }

    public FaultyStorage fail(Call call, Supplier<? extends RuntimeException> failure) {
        return fail(EnumSet.of(call), failure);
    }

    /** Only the {@code n}th call of this kind from now fails (1: the next one); the others go through. */
    public synchronized FaultyStorage failNth(Call call, int n, Supplier<? extends RuntimeException> failure) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        failures.put(call, new Failure(Objects.requireNonNull(failure, "failure"), n));
        return this;
    }

    /** Disarms the failures of these kinds (every kind when none is given). */
    public synchronized FaultyStorage heal(Call... calls) {
        if (calls.length == 0) {
            failures.clear();
        } else {
            for (Call call : calls) {
                failures.remove(call);
            }
        }
        return this;
    }

    /** The next call of this kind waits at the returned gate (after any gate armed before for it). */
    public synchronized Gate block(Call call) {
        Gate gate = new Gate();
        gates.computeIfAbsent(call, c -> new ArrayDeque<>()).addLast(gate);
        return gate;
    }

    /** Runs {@code action} in the calling thread in every call of this kind, before the storage sees it. */
    public synchronized FaultyStorage whenCalled(Call call, Consumer<Invocation> action) {
        actions.computeIfAbsent(call, c -> new ArrayList<>()).add(Objects.requireNonNull(action, "action"));
        return this;
    }

    /** Calls of these kinds so far, failed ones included. */
    public synchronized int count(Call... calls) {
        return invocations(calls).size();
    }

    /** Calls of these kinds so far, failed ones included, in arrival order. */
    public synchronized List<Invocation> invocations(Call... calls) {
        Set<Call> kinds = EnumSet.noneOf(Call.class);
        kinds.addAll(Arrays.asList(calls));
        return invocations.stream().filter(i -> kinds.contains(i.call())).toList();
    }

    private void enter(Call call, Object... arguments) {
        Object[] copies = arguments.clone();
        for (int i = 0; i < copies.length; i++) {
            if (copies[i] instanceof Collection<?> c) {
                copies[i] = Collections.unmodifiableList(new ArrayList<>(c));
            }
        }
        Invocation invocation = new Invocation(call, Collections.unmodifiableList(Arrays.asList(copies)),
                Thread.currentThread());
        Gate gate;
        List<Consumer<Invocation>> toRun;
        synchronized (this) {
            invocations.add(invocation);
            ArrayDeque<Gate> armed = gates.get(call);
            gate = armed == null ? null : armed.pollFirst();
            toRun = List.copyOf(actions.getOrDefault(call, List.of()));
        }
        if (gate != null) {
            gate.hold(invocation);
        }
        toRun.forEach(action -> action.accept(invocation));
        RuntimeException failure = null;
        synchronized (this) {
            Failure armed = failures.get(call);
            if (armed != null) {
                if (armed.countdown() == 0) {
                    failure = armed.supplier().get();
                } else if (armed.countdown() == 1) {
                    failures.remove(call);
                    failure = armed.supplier().get();
                } else {
                    failures.put(call, new Failure(armed.supplier(), armed.countdown() - 1));
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private final class Subscriptions implements SubscriptionPort {
        private final SubscriptionPort port;

        Subscriptions(SubscriptionPort port) {
            this.port = port;
        }

        @Override
        public List<Subscription> subscriptions() {
            enter(Call.SUBSCRIPTIONS);
            return port.subscriptions();
        }

        @Override
        public Optional<Subscription> findSubscription(String identifier) {
            enter(Call.FIND_SUBSCRIPTION, identifier);
            return port.findSubscription(identifier);
        }

        @Override
        public void storeSubscription(Subscription subscription) {
            enter(Call.STORE_SUBSCRIPTION, subscription);
            port.storeSubscription(subscription);
        }

        @Override
        public void storeSubscriptions(Collection<Subscription> store, Collection<UUID> delete) {
            enter(Call.STORE_SUBSCRIPTIONS, store, delete);
            port.storeSubscriptions(store, delete);
        }

        @Override
        public void deleteSubscription(UUID uuid) {
            enter(Call.DELETE_SUBSCRIPTION, uuid);
            port.deleteSubscription(uuid);
        }
    }

    private final class Bookmarks implements BookmarkPort {
        private final BookmarkPort port;

        Bookmarks(BookmarkPort port) {
            this.port = port;
        }

        @Override
        public Optional<String> bookmark(String machine, UUID subscription) {
            enter(Call.BOOKMARK, machine, subscription);
            return port.bookmark(machine, subscription);
        }

        @Override
        public List<Bookmark> bookmarks(UUID subscription) {
            enter(Call.BOOKMARKS, subscription);
            return port.bookmarks(subscription);
        }

        @Override
        public void storeBookmark(String machine, UUID subscription, String bookmark) {
            enter(Call.STORE_BOOKMARK, machine, subscription, bookmark);
            port.storeBookmark(machine, subscription, bookmark);
        }

        @Override
        public void storeBookmarks(Collection<Bookmark> bookmarks) {
            enter(Call.STORE_BOOKMARKS, bookmarks);
            port.storeBookmarks(bookmarks);
        }

        @Override
        public List<Bookmark> bookmarkPage(RowKey after, int limit) {
            enter(Call.BOOKMARK_PAGE, after, limit);
            return port.bookmarkPage(after, limit);
        }

        @Override
        public void deleteBookmarks(String machine, UUID subscription) {
            enter(Call.DELETE_BOOKMARKS, machine, subscription);
            port.deleteBookmarks(machine, subscription);
        }
    }

    private final class Heartbeats implements HeartbeatPort {
        private final HeartbeatPort port;

        Heartbeats(HeartbeatPort port) {
            this.port = port;
        }

        @Override
        public List<Heartbeat> heartbeats(HeartbeatQuery query) {
            enter(Call.HEARTBEATS, query);
            return port.heartbeats(query);
        }

        @Override
        public void storeHeartbeat(String machine, String ip, UUID subscription, boolean isEvent, long now) {
            enter(Call.STORE_HEARTBEAT, machine, ip, subscription, isEvent, now);
            port.storeHeartbeat(machine, ip, subscription, isEvent, now);
        }

        @Override
        public HeartbeatFlushReport storeHeartbeats(Collection<HeartbeatUpdate> updates) {
            enter(Call.STORE_HEARTBEATS, updates);
            return port.storeHeartbeats(updates);
        }

        @Override
        public List<HeartbeatRecord> heartbeatPage(RowKey after, int limit) {
            enter(Call.HEARTBEAT_PAGE, after, limit);
            return port.heartbeatPage(after, limit);
        }

        @Override
        public void restoreHeartbeats(Collection<HeartbeatRecord> rows) {
            enter(Call.RESTORE_HEARTBEATS, rows);
            port.restoreHeartbeats(rows);
        }

        @Override
        public SubscriptionStats stats(UUID subscription, long since) {
            enter(Call.STATS, subscription, since);
            return port.stats(subscription, since);
        }

        @Override
        public List<Machine> machines(UUID subscription, long since, MachineState state) {
            enter(Call.MACHINES, subscription, since, state);
            return port.machines(subscription, since, state);
        }
    }

    private final class Schema implements SchemaPort {
        private final SchemaPort port;

        Schema(SchemaPort port) {
            this.port = port;
        }

        @Override
        public void setupSchema() {
            enter(Call.SETUP_SCHEMA);
            port.setupSchema();
        }

        @Override
        public boolean isInitialised() {
            enter(Call.IS_INITIALISED);
            return port.isInitialised();
        }

        @Override
        public SortedSet<Long> appliedVersions() {
            enter(Call.APPLIED_VERSIONS);
            return port.appliedVersions();
        }

        @Override
        public SortedMap<Long, Migration> registeredMigrations() {
            enter(Call.REGISTERED_MIGRATIONS);
            return port.registeredMigrations();
        }

        @Override
        public boolean apply(long version) {
            enter(Call.APPLY, version);
            return port.apply(version);
        }

        @Override
        public List<DowngradeLoss> downgradeLosses(List<Long> versionsDescending) {
            enter(Call.DOWNGRADE_LOSSES, versionsDescending);
            return port.downgradeLosses(versionsDescending);
        }

        @Override
        public boolean revert(long version) {
            enter(Call.REVERT, version);
            return port.revert(version);
        }
    }
}
