package org.openwec.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.ManageSubscriptions;
import org.openwec.core.port.in.ManageSubscriptions.LoadPlan;
import org.openwec.core.port.out.SubscriptionPort;

/**
 * What {@code subscriptions load} stores, keeps and deletes, on the in-memory storage, whose names are unique
 * after every single statement as a UNIQUE column is; its writes are counted by a decorator.
 */
class SubscriptionLoadTest {
    private final Writes port = new Writes(MemoryStorages.migrated("in-memory database").subscriptions());
    private final ManageSubscriptions subscriptions = new SubscriptionService(port, false);

    /** Counts the transactions that write subscriptions. */
    private static final class Writes implements SubscriptionPort {
        final SubscriptionPort inner;
        int batches;

        Writes(SubscriptionPort inner) {
            this.inner = inner;
        }

        @Override
        public List<Subscription> subscriptions() {
            return inner.subscriptions();
        }

        @Override
        public Optional<Subscription> findSubscription(String identifier) {
            return inner.findSubscription(identifier);
        }

        @Override
        public void storeSubscription(Subscription s) {
            inner.storeSubscription(s);
            batches++;
        }

        @Override
        public void storeSubscriptions(Collection<Subscription> store, Collection<UUID> delete) {
            inner.storeSubscriptions(store, delete);
            batches++;
        }

        @Override
        public void deleteSubscription(UUID uuid) {
            inner.deleteSubscription(uuid);
            batches++;
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

        LoadPlan plan = subscriptions.planLoad(List.of(a), false);
        subscriptions.applyLoad(plan);

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

        subscriptions.applyLoad(subscriptions.planLoad(List.of(a), true));

        assertThat(port.subscriptions()).containsExactly(a, old);
    }

    @Test
    void anUnchangedSubscriptionKeepsItsStoredVersionAndIsNotWritten() {
        Subscription a = named("a");
        Subscription b = named("b");
        port.storeSubscriptions(List.of(a, b), List.of());
        int batches = port.batches;

        LoadPlan plan = subscriptions.planLoad(List.of(reparsed(a), reparsed(b)), false);
        subscriptions.applyLoad(plan);

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
            LoadPlan plan = subscriptions.planLoad(List.of(changed), false);
            assertThat(plan.changed()).as(changed.toString()).hasSize(1);
        }
    }

    @Test
    void aNewUuidTakesTheNameOfTheOneItReplaces() {
        Subscription old = named("a");
        port.storeSubscription(old);
        Subscription replacement = named("a");

        LoadPlan plan = subscriptions.planLoad(List.of(replacement), false);
        subscriptions.applyLoad(plan);

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

        subscriptions.applyLoad(subscriptions.planLoad(List.of(aNowB, bNowA), false));

        assertThat(port.subscriptions()).containsExactly(bNowA, aNowB);
    }

    @Test
    void refusalsHappenBeforeAnyWrite() {
        Subscription kept = named("a");
        port.storeSubscription(kept);
        int batches = port.batches;
        Subscription x = named("x");

        assertThatThrownBy(() -> subscriptions.planLoad(List.of(x, reparsed(x).withParameters(x.parameters().withName("y"))), false))
                .isInstanceOf(UserError.class).hasMessageContaining("Two files describe subscription");
        assertThatThrownBy(() -> subscriptions.planLoad(List.of(named("z"), named("z")), false))
                .isInstanceOf(UserError.class).hasMessageContaining("Two files describe a subscription named \"z\"");
        assertThatThrownBy(() -> subscriptions.planLoad(List.of(named("a")), true))
                .isInstanceOf(UserError.class).hasMessageContaining("--keep");
        assertThat(port.batches).isEqualTo(batches);
        assertThat(port.subscriptions()).containsExactly(kept);
    }

    @Test
    void aLoadIsAllowedInReadOnlyMode() {
        ManageSubscriptions readOnly = new SubscriptionService(port, true);
        Subscription a = named("a");

        readOnly.applyLoad(readOnly.planLoad(List.of(a), false));

        assertThat(port.subscriptions()).containsExactly(a);
    }
}
