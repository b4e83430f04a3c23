package org.openwec.adapters.wef.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.in.EnumerateSubscriptions;
import org.openwec.core.port.in.MachineNotAllowedException;
import org.openwec.core.port.in.RecordEventsBatch;
import org.openwec.core.port.in.RecordHeartbeat;
import org.openwec.core.port.in.UnknownSubscriptionException;

/**
 * The three inbound ports as the tests need them: subscriptions held in a map, every call recorded, and
 * switches to make the Events use case block or fail. The real services live in the core.
 */
final class TestPorts implements EnumerateSubscriptions, RecordEventsBatch, RecordHeartbeat {

    record EnumerateCall(String machine, String machineId, String uri) {}

    record HeartbeatCall(String machine, String machineId, String ip, UUID subscription) {}

    final Map<UUID, Subscription> active = new ConcurrentHashMap<>();
    final Map<UUID, String> bookmarks = new ConcurrentHashMap<>();
    final List<EnumerateCall> enumerates = new CopyOnWriteArrayList<>();
    final List<EventsBatch> batches = new CopyOnWriteArrayList<>();
    final List<HeartbeatCall> heartbeats = new CopyOnWriteArrayList<>();

    /** When set, an Events call counts {@link #eventsEntered} down and waits for this latch. */
    volatile CountDownLatch eventsGate;
    volatile CountDownLatch eventsEntered = new CountDownLatch(1);
    /** When set, an Events call throws it (after its checks). */
    volatile RuntimeException eventsFailure;

    static Subscription activeSubscription(UUID uuid, String name) {
        Subscription created = Subscription.create(name, "<QueryList/>");
        return new Subscription(uuid, created.internalVersion(), null, null, true, created.parameters(), null,
                List.of(new Output(OutputFormat.Raw, new OutputDriver.Files("/tmp/{client}"), true)));
    }

    TestPorts with(Subscription subscription) {
        active.put(subscription.uuid(), subscription);
        return this;
    }

    CollectorPorts ports() {
        return new CollectorPorts(this, this, this);
    }

    @Override
    public List<Offer> enumerate(String machine, String machineId, String uri) {
        enumerates.add(new EnumerateCall(machine, machineId, uri));
        return active.values().stream()
                .filter(s -> s.uri() == null || s.uri().equals(uri))
                .filter(s -> s.isActiveFor(machine, machineId))
                .sorted(java.util.Comparator.comparing(Subscription::name))
                .map(s -> new Offer(s, bookmarks.get(s.uuid())))
                .toList();
    }

    @Override
    public Optional<Subscription> activeSubscription(UUID uuid) {
        return Optional.ofNullable(active.get(uuid));
    }

    @Override
    public boolean reload() {
        return true;
    }

    @Override
    public Outcome record(EventsBatch batch) {
        check(batch.machine(), batch.machineId(), batch.subscription());
        eventsEntered.countDown();
        CountDownLatch gate = eventsGate;
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        RuntimeException failure = eventsFailure;
        if (failure != null) {
            throw failure;
        }
        batches.add(batch);
        return Outcome.STORED;
    }

    @Override
    public void record(String machine, String machineId, String ip, UUID subscription) {
        check(machine, machineId, subscription);
        heartbeats.add(new HeartbeatCall(machine, machineId, ip, subscription));
    }

    private void check(String machine, String machineId, UUID uuid) {
        Subscription subscription = active.get(uuid);
        if (subscription == null) {
            throw new UnknownSubscriptionException(uuid);
        }
        if (!subscription.isActiveFor(machine, machineId)) {
            throw new MachineNotAllowedException(machine, uuid);
        }
    }
}
