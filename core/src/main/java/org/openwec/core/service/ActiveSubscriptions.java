package org.openwec.core.service;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.BookmarkPosition;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.in.EnumerateSubscriptions;
import org.openwec.core.port.in.MachineNotAllowedException;
import org.openwec.core.port.in.UnknownSubscriptionException;
import org.openwec.core.port.out.BookmarkPort;
import org.openwec.core.port.out.SubscriptionPort;

/**
 * The active subscriptions as the collector holds them (docs/reference/operations.md §5.1), and what it answers to an
 * Enumerate: the subscriptions a client may have, each with the bookmark to resume from. Subscriptions are
 * held in memory and reloaded every {@code db_sync_interval} (and on demand, for SIGHUP); a failed reload
 * keeps the previous set and logs a warning, as the reference does. Only active subscriptions are held
 * (enabled, with an enabled output).
 *
 * <p>Per offered subscription: the stored bookmark of (client, subscription), read from the database at each
 * Enumerate (the database is the truth, shared by every collector node); when none is stored and the
 * subscription reads existing events, the constant "earliest" bookmark, which is never stored. What is read
 * also refreshes the backward-bookmark guard of the write path, so that a bookmark an administrator deleted
 * or rewrote is taken into account from the client's next Enumerate.
 */
public final class ActiveSubscriptions implements EnumerateSubscriptions, AutoCloseable {
    private static final Logger LOG = System.getLogger(ActiveSubscriptions.class.getName());

    private record Snapshot(List<Subscription> active, Map<UUID, Subscription> byUuid) {
        static final Snapshot EMPTY = new Snapshot(List.of(), Map.of());
    }

    private final SubscriptionPort subscriptions;
    private final BookmarkPort bookmarks;
    private final KnownBookmarks known;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong failedReloads = new AtomicLong();
    private final Scheduler.Repeating timer;

    /**
     * Loads the subscriptions once (a failure is logged: the set starts empty) and then every
     * {@code dbSyncInterval} of the scheduler.
     */
    public ActiveSubscriptions(SubscriptionPort subscriptions, BookmarkPort bookmarks, Duration dbSyncInterval,
                               Scheduler scheduler) {
        this(subscriptions, bookmarks, dbSyncInterval, scheduler, null);
    }

    /** @param known the write path's guard, refreshed by what Enumerate reads; null when there is none */
    ActiveSubscriptions(SubscriptionPort subscriptions, BookmarkPort bookmarks, Duration dbSyncInterval,
                        Scheduler scheduler, KnownBookmarks known) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.bookmarks = Objects.requireNonNull(bookmarks, "bookmarks");
        this.known = known;
        if (dbSyncInterval.isNegative() || dbSyncInterval.isZero()) {
            throw new IllegalArgumentException("dbSyncInterval must be positive");
        }
        reload();
        this.timer = scheduler.repeat("openwec-subscription-sync", dbSyncInterval, this::reload);
    }

    @Override
    public boolean reload() {
        try {
            List<Subscription> active = new ArrayList<>();
            Map<UUID, Subscription> byUuid = new HashMap<>();
            for (Subscription s : subscriptions.subscriptions()) {
                if (s.isActive()) {
                    active.add(s);
                    byUuid.put(s.uuid(), s);
                }
            }
            snapshot = new Snapshot(List.copyOf(active), Map.copyOf(byUuid));
            reloads.incrementAndGet();
            return true;
        } catch (RuntimeException e) {
            failedReloads.incrementAndGet();
            LOG.log(Level.WARNING, () -> "Could not reload subscriptions; keeping the " + snapshot.active().size()
                    + " loaded before: " + e.getMessage());
            return false;
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws RuntimeException when a bookmark cannot be read (the request fails, as in the reference)
     */
    @Override
    public List<Offer> enumerate(String machine, String machineId, String uri) {
        Objects.requireNonNull(machine, "machine");
        List<Offer> offers = new ArrayList<>();
        for (Subscription s : snapshot.active()) {
            if (s.uri() != null && !s.uri().equals(uri) || !s.isActiveFor(machine, machineId)) {
                continue;
            }
            String stored = bookmarks.bookmark(machine, s.uuid()).orElse(null);
            if (known != null) {
                known.refresh(new KnownBookmarks.Key(machine, s.uuid()), BookmarkPosition.parse(stored));
            }
            String resume = stored != null ? stored
                    : s.parameters().readExistingEvents() ? Bookmark.EARLIEST : null;
            offers.add(new Offer(s, resume));
        }
        return offers;
    }

    @Override
    public Optional<Subscription> activeSubscription(UUID uuid) {
        return Optional.ofNullable(snapshot.byUuid().get(uuid));
    }

    /**
     * The subscription a Heartbeat or Events message names, when it may send to it.
     *
     * @throws UnknownSubscriptionException when no active subscription has that UUID (404)
     * @throws MachineNotAllowedException when its client filter refuses the machine (403)
     */
    public Subscription admit(String machine, String machineId, UUID uuid) {
        Subscription subscription = snapshot.byUuid().get(uuid);
        if (subscription == null) {
            throw new UnknownSubscriptionException(uuid);
        }
        if (!subscription.isActiveFor(machine, machineId)) {
            throw new MachineNotAllowedException(machine, uuid);
        }
        return subscription;
    }

    /** The active subscriptions held now, in name order. */
    public List<Subscription> active() {
        return snapshot.active();
    }

    public long reloads() {
        return reloads.get();
    }

    public long failedReloads() {
        return failedReloads.get();
    }

    /** Stops the periodic reload (waits for one in progress). */
    @Override
    public void close() {
        timer.close();
    }
}
