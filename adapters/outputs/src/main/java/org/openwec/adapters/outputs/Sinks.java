package org.openwec.adapters.outputs;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.openwec.adapters.outputs.driver.Sink;

/**
 * The instantiated outputs, one per (subscription, internal version, output index): a subscription's outputs
 * keep their connections between batches, and an edited subscription (a new internal version) gets new ones,
 * as the reference rebuilds a subscription's outputs when it changes. An instance not used for a whole
 * garbage collection interval is closed ({@link #closeUnusedSince}); so are the instances of deleted and
 * edited subscriptions, which are never used again. An instance is closed only once no write is using it.
 */
final class Sinks {
    private final Clock clock;
    private final Map<Key, Instance> instances = new ConcurrentHashMap<>();

    Sinks(Clock clock) {
        this.clock = clock;
    }

    record Key(UUID subscription, UUID internalVersion, int output) {}

    static final class Instance {
        final Sink sink;
        private int writers; // guarded by this
        private Instant lastUsed; // guarded by this
        private boolean retired; // guarded by this: no new writer; closed when the last one leaves

        Instance(Sink sink, Instant created) {
            this.sink = sink;
            this.lastUsed = created;
        }

        Sink sink() {
            return sink;
        }
    }

    /** The instance for key, created on first use; hand it back with {@link #release}. */
    Instance acquire(Key key, Supplier<Sink> create) {
        while (true) {
            Instance instance = instances.computeIfAbsent(key, k -> new Instance(create.get(), clock.instant()));
            synchronized (instance) {
                if (!instance.retired) {
                    instance.writers++;
                    instance.lastUsed = clock.instant();
                    return instance;
                }
            }
            instances.remove(key, instance); // retired meanwhile: make a new one
        }
    }

    void release(Instance instance) {
        boolean close;
        synchronized (instance) {
            instance.writers--;
            instance.lastUsed = clock.instant();
            close = instance.retired && instance.writers == 0;
        }
        if (close) {
            instance.sink.close();
        }
    }

    /** Closes the instances not used after {@code limit}; returns how many. */
    int closeUnusedSince(Instant limit) {
        return retireWhere(instance -> !instance.lastUsed.isAfter(limit));
    }

    /** Closes every instance (at once, or when its running write ends); returns how many. */
    int closeAll() {
        return retireWhere(instance -> true);
    }

    int size() {
        return instances.size();
    }

    private int retireWhere(java.util.function.Predicate<Instance> test) {
        List<Sink> toClose = new ArrayList<>();
        int retired = 0;
        for (Map.Entry<Key, Instance> entry : instances.entrySet()) {
            Instance instance = entry.getValue();
            synchronized (instance) {
                if (instance.retired || !test.test(instance)) {
                    continue;
                }
                instance.retired = true;
                retired++;
                if (instance.writers == 0) {
                    toClose.add(instance.sink);
                }
            }
            instances.remove(entry.getKey(), instance);
        }
        toClose.forEach(Sink::close);
        return retired;
    }
}
