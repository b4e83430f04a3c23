package org.openwec.core.service;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.HeartbeatFlushReport;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionStats;
import org.openwec.core.model.UserError;
import org.openwec.core.port.out.BookmarkPort;
import org.openwec.core.port.out.HeartbeatPort;
import org.openwec.core.port.out.SubscriptionPort;

/**
 * A database for the use-case tests, with switches for failures and slowness. The ports are dynamic proxies
 * onto the public methods below with the ports' signatures, so that a port method no use case calls needs no
 * fake (calling one fails the test).
 */
public final class FakeCollectorDatabase {
    public record Row(String ip, long firstSeen, long lastSeen, Long lastEventSeen) {}

    public final Map<UUID, Subscription> subscriptions = new LinkedHashMap<>();
    public final Map<String, String> bookmarkRows = new HashMap<>();
    public final Map<String, Row> heartbeatRows = new HashMap<>();
    /** Sizes of the bookmark batches written, failed ones included. */
    public final List<Integer> bookmarkBatches = new CopyOnWriteArrayList<>();
    public final List<Integer> heartbeatFlushes = new CopyOnWriteArrayList<>();
    public final AtomicInteger bookmarkReads = new AtomicInteger();
    /** Machines of the last bookmark batch and of the last heartbeat flush, in the order given. */
    public volatile List<String> lastBookmarkBatch = List.of();
    public volatile List<String> lastHeartbeatFlush = List.of();

    /** When set, writes throw what it supplies. */
    public volatile Supplier<RuntimeException> writeFailure;
    /** When set, reads throw what it supplies. */
    public volatile Supplier<RuntimeException> readFailure;
    /** When set, each bookmark batch waits for it before writing. */
    public volatile CountDownLatch bookmarkGate;
    public volatile long writeDelayMillis;

    static String key(String machine, UUID subscription) {
        return machine + "\u0000" + subscription;
    }

    public static RuntimeException unavailable() {
        return new StorageException("database unavailable");
    }

    public synchronized void add(Subscription subscription) {
        subscriptions.put(subscription.uuid(), subscription);
    }

    public synchronized String storedBookmark(String machine, UUID subscription) {
        return bookmarkRows.get(key(machine, subscription));
    }

    public synchronized Row heartbeat(String machine, UUID subscription) {
        return heartbeatRows.get(key(machine, subscription));
    }

    // ---- SubscriptionPort

    public synchronized List<Subscription> subscriptions() {
        read();
        return subscriptions.values().stream().sorted(Comparator.comparing(Subscription::name)).toList();
    }

    // ---- BookmarkPort

    public Optional<String> bookmark(String machine, UUID subscription) {
        bookmarkReads.incrementAndGet();
        read();
        synchronized (this) {
            return Optional.ofNullable(bookmarkRows.get(key(machine, subscription)));
        }
    }

    public void storeBookmark(String machine, UUID subscription, String bookmark) {
        storeBookmarks(List.of(new Bookmark(machine, subscription, bookmark)));
    }

    public void storeBookmarks(Collection<Bookmark> batch) {
        bookmarkBatches.add(batch.size());
        lastBookmarkBatch = batch.stream().map(Bookmark::machine).toList();
        CountDownLatch gate = bookmarkGate;
        if (gate != null) {
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        write();
        synchronized (this) {
            for (Bookmark b : batch) {
                if (!subscriptions.containsKey(b.subscription())) {
                    throw new UserError("foreign key: no subscription " + b.subscription() + "; nothing stored");
                }
            }
            batch.forEach(b -> bookmarkRows.put(key(b.machine(), b.subscription()), b.bookmark()));
        }
    }

    public synchronized void deleteBookmarks(String machine, UUID subscription) {
        bookmarkRows.keySet().removeIf(k -> (machine == null || k.startsWith(machine + "\u0000"))
                && (subscription == null || k.endsWith("\u0000" + subscription)));
    }

    // ---- SchemaPort

    public final java.util.SortedMap<Long, org.openwec.core.model.Migration> registered = new java.util.TreeMap<>(
            Map.of(1L, new org.openwec.core.model.Migration(1, "one"), 2L, new org.openwec.core.model.Migration(2, "two")));
    public final java.util.SortedSet<Long> applied = new java.util.TreeSet<>(List.of(1L, 2L));

    public java.util.SortedMap<Long, org.openwec.core.model.Migration> registeredMigrations() {
        return registered;
    }

    public boolean isInitialised() {
        return true;
    }

    public java.util.SortedSet<Long> appliedVersions() {
        return new java.util.TreeSet<>(applied);
    }

    public org.openwec.core.port.out.Storage storage() {
        return new org.openwec.core.port.out.Storage("fake database", subscriptionPort(), bookmarkPort(), heartbeatPort(),
                port(org.openwec.core.port.out.SchemaPort.class), () -> { });
    }

    // ---- HeartbeatPort

    public HeartbeatFlushReport storeHeartbeats(Collection<HeartbeatUpdate> updates) {
        heartbeatFlushes.add(updates.size());
        lastHeartbeatFlush = updates.stream().map(HeartbeatUpdate::machine).toList();
        write();
        synchronized (this) {
            List<HeartbeatUpdate> dropped = new ArrayList<>();
            for (HeartbeatUpdate u : updates) {
                if (!subscriptions.containsKey(u.subscription())) {
                    dropped.add(u);
                    continue;
                }
                heartbeatRows.merge(key(u.machine(), u.subscription()),
                        new Row(u.ip(), u.lastSeen(), u.lastSeen(), u.lastEventSeen()),
                        (old, fresh) -> new Row(fresh.lastSeen() >= old.lastSeen() ? fresh.ip() : old.ip(), old.firstSeen(),
                                Math.max(old.lastSeen(), fresh.lastSeen()),
                                fresh.lastEventSeen() == null ? old.lastEventSeen()
                                        : old.lastEventSeen() == null ? fresh.lastEventSeen()
                                        : Long.valueOf(Math.max(old.lastEventSeen(), fresh.lastEventSeen()))));
            }
            return new HeartbeatFlushReport(updates.size() - dropped.size(), dropped);
        }
    }

    public SubscriptionStats stats(UUID subscription, long since) {
        throw new UnsupportedOperationException();
    }

    private void read() {
        Supplier<RuntimeException> failure = readFailure;
        if (failure != null) {
            throw failure.get();
        }
    }

    private void write() {
        long delay = writeDelayMillis;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        Supplier<RuntimeException> failure = writeFailure;
        if (failure != null) {
            throw failure.get();
        }
    }

    public BookmarkPort bookmarkPort() {
        return port(BookmarkPort.class);
    }

    public SubscriptionPort subscriptionPort() {
        return port(SubscriptionPort.class);
    }

    public HeartbeatPort heartbeatPort() {
        return port(HeartbeatPort.class);
    }

    private <T> T port(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "Fake" + type.getSimpleName();
                };
            }
            Method target;
            try {
                target = FakeCollectorDatabase.class.getMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                throw new UnsupportedOperationException("The fake database does not do " + method);
            }
            try {
                return target.invoke(this, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
