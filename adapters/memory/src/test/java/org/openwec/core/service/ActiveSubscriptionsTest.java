package org.openwec.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.core.service.CollectorFixtures.active;
import static org.openwec.core.service.CollectorFixtures.bookmark;

import java.time.Duration;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openwec.adapters.testkit.FaultyStorage;
import org.openwec.adapters.testkit.FaultyStorage.Call;
import org.openwec.adapters.testkit.time.ManualScheduler;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.ClientFilter;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.ClientFilterKind;
import org.openwec.core.model.ClientFilterOperation;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.in.EnumerateSubscriptions.Offer;
import org.openwec.core.port.in.MachineNotAllowedException;
import org.openwec.core.port.in.UnknownSubscriptionException;

@Timeout(30)
class ActiveSubscriptionsTest {
    private final FaultyStorage db = CollectorFixtures.faultyStorage();
    private final ManualScheduler scheduler = new ManualScheduler();

    @AfterEach
    void closeStorage() {
        db.storage().close();
    }

    private ActiveSubscriptions enumerate(Duration sync) {
        return new ActiveSubscriptions(db.storage().subscriptions(), db.storage().bookmarks(), sync, scheduler);
    }

    private void add(Subscription s) {
        db.wrapped().subscriptions().storeSubscription(s);
    }

    private static Subscription filteredOut(String name, String machine) {
        return active(name).withClientFilter(ClientFilter.of(ClientFilterOperation.Except,
                ClientFilterKind.Client, ClientFilterFlags.fromBits(1), List.of(machine)));
    }

    @Test
    void offersActiveSubscriptionsForTheUriAndTheClientWithTheirBookmarks() {
        Subscription security = active("security");
        Subscription existing = active("existing").withParameters(
                active("existing").parameters().withReadExistingEvents(true));
        Subscription fresh = active("fresh");
        Subscription otherUri = active("other-uri").withUri("/other");
        Subscription disabled = active("disabled").withEnabled(false);
        Subscription filtered = filteredOut("filtered", "win10$");
        for (Subscription s : List.of(security, existing, fresh, otherUri, disabled, filtered)) {
            add(s);
        }
        db.wrapped().bookmarks().storeBookmark("WIN10$", security.uuid(), bookmark("Security", 7));
        try (ActiveSubscriptions enumerate = enumerate(Duration.ofHours(1))) {
            List<Offer> offers = enumerate.enumerate("WIN10$", null, "/wsman");
            assertThat(offers).extracting(o -> o.subscription().name(), Offer::bookmark).containsExactly(
                    Tuple.tuple("existing", Bookmark.EARLIEST),
                    Tuple.tuple("fresh", null),
                    Tuple.tuple("security", bookmark("Security", 7)));
            assertThat(enumerate.enumerate("WIN10$", null, "/other")).extracting(o -> o.subscription().name())
                    .containsExactly("existing", "fresh", "other-uri", "security");
            assertThat(enumerate.enumerate("DC$", null, "/wsman")).extracting(o -> o.subscription().name())
                    .contains("filtered");
            assertThat(enumerate.activeSubscription(security.uuid())).contains(security);
            assertThat(enumerate.activeSubscription(disabled.uuid())).isEmpty();
        }
    }

    @Test
    void reloadsEveryIntervalAndKeepsThePreviousSetWhenTheDatabaseFails() {
        add(active("first"));
        try (ActiveSubscriptions enumerate = enumerate(Duration.ofMillis(50))) {
            assertThat(enumerate.active()).extracting(Subscription::name).containsExactly("first");
            add(active("second"));
            scheduler.advance(Duration.ofMillis(49));
            assertThat(enumerate.active()).extracting(Subscription::name).containsExactly("first");
            scheduler.advance(Duration.ofMillis(1));
            assertThat(enumerate.active()).extracting(Subscription::name).containsExactly("first", "second");
            db.fail(Call.SUBSCRIPTIONS, FaultyStorage::unavailable);
            long failed = enumerate.failedReloads();
            scheduler.advance(Duration.ofMillis(50));
            assertThat(enumerate.failedReloads()).isEqualTo(failed + 1);
            assertThat(enumerate.active()).hasSize(2);
            assertThat(enumerate.reload()).isFalse();
        }
        assertThat(scheduler.repeating()).as("closed with it").isEmpty();
    }

    @Test
    void startsEmptyWhenTheDatabaseIsDownAndABookmarkReadFailureFailsTheRequest() {
        add(active("first"));
        db.fail(Call.reads(), FaultyStorage::unavailable);
        try (ActiveSubscriptions enumerate = enumerate(Duration.ofHours(1))) {
            assertThat(enumerate.active()).isEmpty();
            db.heal();
            assertThat(enumerate.reload()).isTrue();
            db.fail(Call.reads(), FaultyStorage::unavailable);
            assertThatThrownBy(() -> enumerate.enumerate("WIN10$", null, "/wsman")).isInstanceOf(StorageException.class);
        }
    }

    @Test
    void admitsAMessageOnlyForAnActiveSubscriptionThatAcceptsTheMachine() {
        Subscription security = active("security");
        Subscription filtered = filteredOut("filtered", "win10$");
        Subscription disabled = active("disabled").withEnabled(false);
        for (Subscription s : List.of(security, filtered, disabled)) {
            add(s);
        }
        try (ActiveSubscriptions enumerate = enumerate(Duration.ofHours(1))) {
            assertThat(enumerate.admit("WIN10$", null, security.uuid())).isEqualTo(security);
            assertThat(enumerate.admit("DC$", null, filtered.uuid())).isEqualTo(filtered);
            assertThatThrownBy(() -> enumerate.admit("WIN10$", null, filtered.uuid()))
                    .isInstanceOf(MachineNotAllowedException.class).hasMessageContaining("WIN10$");
            assertThatThrownBy(() -> enumerate.admit("WIN10$", null, disabled.uuid()))
                    .isInstanceOf(UnknownSubscriptionException.class);
            assertThatThrownBy(() -> enumerate.admit("WIN10$", null, java.util.UUID.randomUUID()))
                    .isInstanceOf(UnknownSubscriptionException.class);
        }
        assertThat(db.count(Call.BOOKMARK)).as("from memory").isZero();
    }
}
