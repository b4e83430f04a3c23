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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.BookmarkPosition;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.BookmarkPort;
import org.openwec.core.port.out.SubscriptionPort;

/**
 * What the collector answers to an Enumerate (docs/reference/operations.md §5.1): the active subscriptions a client
 * may have, each with the bookmark to resume from. Subscriptions are held in memory and reloaded every
 * {@code db_sync_interval} (and on demand, for SIGHUP); a failed reload keeps the previous set and logs a
 * warning, as the reference does. Only active subscriptions are held (enabled, with an enabled output).
 *
 * <p>Per offered subscription: the stored bookmark of (client, subscription), read from the database at each
 * Enumerate (the database is the truth, shared by every collector node); when none is stored and the
 * subscription reads existing events, the constant "earliest" bookmark, which is never stored. What is read
 * also refreshes the backward-bookmark guard of the write path, so that a bookmark an administrator deleted
 * or rewrote is taken into account from the client's next Enumerate.
 */
public final class EnumerateSubscriptions implements AutoCloseable {
    private static final Logger LOG = System.getLogger(EnumerateSubscriptions.class.getName());

    /**
     * One subscription offered to a client.
     *
     * @param bookmark the stored bookmark, {@link Bookmark#EARLIEST}, or null to start from new events
     */
    public record Offer(Subscription subscription, String bookmark) {
        public Offer {
            Objects.requireNonNull(subscription, "subscription");
        }
    }

    private record Snapshot(List<Subscription> active, Map<UUID, Subscription> byUuid) {
        static final Snapshot EMPTY = new Snapshot(List.of(), Map.of());
    }

    private final SubscriptionPort subscriptions;
    private final BookmarkPort bookmarks;
    private final KnownBookmarks known;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong failedReloads = new AtomicLong();
    private final ScheduledExecutorService timer;

    /**
     * Loads the subscriptions once (a failure is logged: the set starts empty) and then every {@code dbSyncInterval}.
     */
    public EnumerateSubscriptions(SubscriptionPort subscriptions, BookmarkPort bookmarks, Duration dbSyncInterval) {
        this(subscriptions, bookmarks, dbSyncInterval, null);
    }

    EnumerateSubscriptions(SubscriptionPort subscriptions, BookmarkPort bookmarks, Duration dbSyncInterval,
                           KnownBookmarks known) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.bookmarks = Objects.requireNonNull(bookmarks, "bookmarks");
        this.known = known;
        if (dbSyncInterval.isNegative() || dbSyncInterval.isZero()) {
            throw new IllegalArgumentException("dbSyncInterval must be positive");
        }
        reload();
        this.timer = Executors.newSingleThreadScheduledExecutor(
                runnable -> Thread.ofPlatform().daemon().name("openwec-subscription-sync").unstarted(runnable));
        long period = dbSyncInterval.toMillis();
        timer.scheduleWithFixedDelay(this::reload, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Reads the subscriptions again now (the timer does it every {@code db_sync_interval}, SIGHUP may too).
     *
     * @return false when the read failed and the previous set is kept
     */
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
     * The subscriptions offered to a client on a URI, with their bookmarks, in name order.
     *
     * @param machineId the MachineID header, null when absent
     * @param uri the request URI; a subscription with a URI is offered on that URI only
     * @throws RuntimeException when a bookmark cannot be read (the request fails, as in the reference)
     */
    public List<Offer> enumerate(String client, String machineId, String uri) {
        Objects.requireNonNull(client, "client");
        List<Offer> offers = new ArrayList<>();
        for (Subscription s : snapshot.active()) {
            if (s.uri() != null && !s.uri().equals(uri) || !s.isActiveFor(client, machineId)) {
                continue;
            }
            String stored = bookmarks.bookmark(client, s.uuid()).orElse(null);
            if (known != null) {
                known.refresh(new KnownBookmarks.Key(client, s.uuid()), BookmarkPosition.parse(stored));
            }
            String resume = stored != null ? stored
                    : s.parameters().readExistingEvents() ? Bookmark.EARLIEST : null;
            offers.add(new Offer(s, resume));
        }
        return offers;
    }

    /** An active subscription by UUID, as Heartbeat and Events messages name it; empty means 404. */
    public Optional<Subscription> subscription(UUID uuid) {
        return Optional.ofNullable(snapshot.byUuid().get(uuid));
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

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
