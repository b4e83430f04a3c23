package org.openwec.core.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.in.ManageSubscriptions.LoadPlan;
import org.openwec.core.port.out.SubscriptionPort;

/**
 * {@code openwec subscriptions load}: makes the database hold the subscriptions described by configuration
 * files, in one transaction. The part of {@link SubscriptionService} that compares files with the database.
 *
 * <p>Unlike the reference, a subscription whose file did not change keeps its stored internal version:
 * every collector node rebuilds the outputs of a subscription whose version changed, so rewriting them
 * all on every deployment restarted every output everywhere for nothing.
 */
final class SubscriptionLoad {
    private final SubscriptionPort subscriptions;

    SubscriptionLoad(SubscriptionPort subscriptions) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
    }

    /**
     * Compares the files' subscriptions with the stored ones. Nothing is written.
     *
     * @param fromFiles parsed subscriptions, each with a fresh internal version
     * @param keep true to leave the subscriptions no file describes in place
     * @throws UserError when two files describe the same UUID or the same name, or when a loaded name is
     *                   taken by a subscription that stays
     */
    LoadPlan plan(List<Subscription> fromFiles, boolean keep) {
        requireDistinct(fromFiles);
        Map<UUID, Subscription> stored = new LinkedHashMap<>();
        for (Subscription s : subscriptions.subscriptions()) {
            stored.put(s.uuid(), s);
        }
        List<Subscription> loaded = new ArrayList<>();
        List<Subscription> changed = new ArrayList<>();
        Set<UUID> described = new HashSet<>();
        for (Subscription file : fromFiles) {
            described.add(file.uuid());
            Subscription current = stored.get(file.uuid());
            if (current != null && sameContent(file, current)) {
                loaded.add(current);
            } else {
                loaded.add(file);
                changed.add(file);
            }
        }
        List<Subscription> untouched = stored.values().stream().filter(s -> !described.contains(s.uuid())).toList();
        if (keep) {
            requireNoNameTaken(loaded, untouched);
        }
        List<Subscription> removed = keep ? List.of() : untouched;
        return new LoadPlan(loaded, changed, removed, parked(stored.values(), loaded, changed, removed));
    }

    /**
     * Applies the plan in one transaction: all of it or nothing.
     *
     * <p>Stores run before deletes and names are unique at every statement, so a file that gives an
     * existing name to a new UUID (a subscription re-created from a template), or two subscriptions that
     * swap names, would fail on the old row. Such old rows are first renamed to a name of their own, then
     * overwritten or deleted, inside the same transaction, so nobody ever sees the temporary name.
     */
    void execute(LoadPlan plan) {
        if (plan.changed().isEmpty() && plan.removed().isEmpty()) {
            return;
        }
        List<Subscription> store = new ArrayList<>(plan.parked());
        store.addAll(plan.changed());
        subscriptions.storeSubscriptions(store, plan.removed().stream().map(Subscription::uuid).toList());
    }

    /** The stored rows to be rewritten or deleted whose name another subscription takes. */
    private static List<Subscription> parked(Iterable<Subscription> stored, List<Subscription> loaded,
                                             List<Subscription> changed, List<Subscription> removed) {
        Map<String, UUID> finalOwner = new HashMap<>();
        loaded.forEach(s -> finalOwner.put(s.name(), s.uuid()));
        Set<UUID> going = new HashSet<>();
        changed.forEach(s -> going.add(s.uuid()));
        removed.forEach(s -> going.add(s.uuid()));
        List<Subscription> parked = new ArrayList<>();
        for (Subscription current : stored) {
            UUID owner = finalOwner.get(current.name());
            if (owner != null && !owner.equals(current.uuid()) && going.contains(current.uuid())) {
                parked.add(current.withParameters(
                        current.parameters().withName("openwec-load-" + Uuids.lowerCase(current.uuid()))));
            }
        }
        return parked;
    }

    /** Everything but the internal version, which a file never carries. */
    static boolean sameContent(Subscription a, Subscription b) {
        return new Subscription(a.uuid(), b.internalVersion(), a.revision(), a.uri(), a.enabled(), a.parameters(),
                a.clientFilter(), a.outputs()).equals(b);
    }

    private static void requireDistinct(List<Subscription> fromFiles) {
        Map<UUID, String> uuids = new HashMap<>();
        Map<String, UUID> names = new HashMap<>();
        for (Subscription s : fromFiles) {
            String other = uuids.putIfAbsent(s.uuid(), s.name());
            if (other != null) {
                throw new UserError("Two files describe subscription " + Uuids.lowerCase(s.uuid()) + " (\"" + other
                        + "\" and \"" + s.name() + "\"): give each file its own uuid. Nothing was changed.");
            }
            if (names.putIfAbsent(s.name(), s.uuid()) != null) {
                throw new UserError("Two files describe a subscription named \"" + s.name()
                        + "\": give each its own name. Nothing was changed.");
            }
        }
    }

    private static void requireNoNameTaken(List<Subscription> loaded, List<Subscription> staying) {
        for (Subscription s : loaded) {
            for (Subscription other : staying) {
                if (other.name().equals(s.name())) {
                    throw new UserError("Subscription \"" + s.name() + "\" (" + Uuids.lowerCase(s.uuid())
                            + ") cannot be loaded: the subscription " + Uuids.lowerCase(other.uuid())
                            + " already has that name and --keep keeps it. Rename one of them. Nothing was changed.");
                }
            }
        }
    }
}
