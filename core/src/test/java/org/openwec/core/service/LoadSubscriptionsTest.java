package org.openwec.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.port.out.SubscriptionPort;

/** What {@code subscriptions load} stores, keeps and deletes, on a fake port that checks names like a database. */
class LoadSubscriptionsTest {
    private final Names port = new Names();
    private final LoadSubscriptions load = new LoadSubscriptions(port);

    /** Subscriptions by UUID; names must stay unique after every single statement, as a UNIQUE column does. */
    private static final class Names implements SubscriptionPort {
        final Map<UUID, Subscription> rows = new LinkedHashMap<>();
        int batches;

        @Override
        public List<Subscription> subscriptions() {
            return rows.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
        }

        @Override
        public Optional<Subscription> findSubscription(String identifier) {
            return rows.values().stream().filter(s -> s.name().equals(identifier)).findFirst();
        }

        @Override
        public void storeSubscription(Subscription s) {
            storeSubscriptions(List.of(s), List.of());
        }

        @Override
        public void storeSubscriptions(Collection<Subscription> store, Collection<UUID> delete) {
            Map<UUID, Subscription> copy = new LinkedHashMap<>(rows);
            for (Subscription s : store) {
                copy.put(s.uuid(), s);
                if (copy.values().stream().filter(o -> o.name().equals(s.name())).count() > 1) {
                    throw new UserError("name clash on " + s.name());
                }
            }
            delete.forEach(copy::remove);
            rows.clear();
            rows.putAll(copy);
            batches++;
        }

        @Override
        public void deleteSubscription(UUID uuid) {
            rows.remove(uuid);
        }
    }

    private static Subscription named(String name) {
        return Subscription.create(name, "<QueryList/>");
    }

    /** The same subscription as a file would give it again: same content, fresh internal version. */
    private static Subscription reparsed(Subscription s) {
        return s.withNewInternalVersion();
    }

    @Test
    void newSubscriptionsAreStoredAndTheOthersRemoved() {
        Subscription old = named("old");
        port.storeSubscription(old);
        Subscription a = named("a");

        LoadSubscriptions.Plan plan = load.plan(List.of(a), false);
        load.execute(plan);

        assertThat(plan.changed()).containsExactly(a);
        assertThat(plan.removed()).containsExactly(old);
        assertThat(port.subscriptions()).containsExactly(a);
        assertThat(port.batches).as("one transaction").isEqualTo(2);
    }

    @Test
    void keepLeavesTheOthers() {
        Subscription old = named("old");
        port.storeSubscription(old);
        Subscription a = named("a");

        load.execute(load.plan(List.of(a), true));

        assertThat(port.subscriptions()).containsExactly(a, old);
    }

    @Test
    void anUnchangedSubscriptionKeepsItsStoredVersionAndIsNotWritten() {
        Subscription a = named("a");
        Subscription b = named("b");
        port.storeSubscriptions(List.of(a, b), List.of());
        int batches = port.batches;

        LoadSubscriptions.Plan plan = load.plan(List.of(reparsed(a), reparsed(b)), false);
        load.execute(plan);

        assertThat(plan.changed()).isEmpty();
        assertThat(plan.loaded()).containsExactly(a, b);
        assertThat(port.batches).as("nothing to write").isEqualTo(batches);
        assertThat(port.subscriptions()).containsExactly(a, b);
    }

    @Test
    void anyDifferenceIsAChange() {
        Subscription a = named("a");
        port.storeSubscription(a);

        for (Subscription changed : List.of(a.withEnabled(false), a.withRevision("r"), a.withUri("/u"),
                a.withParameters(a.parameters().withMaxTime(1)), a.withOutputs(List.of()).withRevision(null).withUri("/x"))) {
            LoadSubscriptions.Plan plan = load.plan(List.of(changed), false);
            assertThat(plan.changed()).as(changed.toString()).hasSize(1);
        }
    }

    @Test
    void aNewUuidTakesTheNameOfTheOneItReplaces() {
        Subscription old = named("a");
        port.storeSubscription(old);
        Subscription replacement = named("a");

        LoadSubscriptions.Plan plan = load.plan(List.of(replacement), false);
        load.execute(plan);

        assertThat(plan.parked()).extracting(Subscription::uuid).containsExactly(old.uuid());
        assertThat(port.subscriptions()).containsExactly(replacement);
    }

    @Test
    void twoSubscriptionsSwapNames() {
        Subscription a = named("a");
        Subscription b = named("b");
        port.storeSubscriptions(List.of(a, b), List.of());
        Subscription aNowB = a.withParameters(a.parameters().withName("b"));
        Subscription bNowA = b.withParameters(b.parameters().withName("a"));

        load.execute(load.plan(List.of(aNowB, bNowA), false));

        assertThat(port.subscriptions()).containsExactly(bNowA, aNowB);
    }

    @Test
    void refusalsHappenBeforeAnyWrite() {
        Subscription kept = named("a");
        port.storeSubscription(kept);
        int batches = port.batches;
        Subscription x = named("x");

        assertThatThrownBy(() -> load.plan(List.of(x, reparsed(x).withParameters(x.parameters().withName("y"))), false))
                .isInstanceOf(UserError.class).hasMessageContaining("Two files describe subscription");
        assertThatThrownBy(() -> load.plan(List.of(named("z"), named("z")), false))
                .isInstanceOf(UserError.class).hasMessageContaining("Two files describe a subscription named \"z\"");
        assertThatThrownBy(() -> load.plan(List.of(named("a")), true))
                .isInstanceOf(UserError.class).hasMessageContaining("--keep");
        assertThat(port.batches).isEqualTo(batches);
        assertThat(new ArrayList<>(port.rows.values())).containsExactly(kept);
    }
}
