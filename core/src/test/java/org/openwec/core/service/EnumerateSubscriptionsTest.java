package org.openwec.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.core.service.CollectorFixtures.active;
import static org.openwec.core.service.CollectorFixtures.bookmark;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.ClientFilter;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.ClientFilterKind;
import org.openwec.core.model.ClientFilterOperation;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.service.EnumerateSubscriptions.Offer;

@Timeout(30)
class EnumerateSubscriptionsTest {
    private final FakeCollectorDatabase db = new FakeCollectorDatabase();

    private EnumerateSubscriptions enumerate(Duration sync) {
        return new EnumerateSubscriptions(db.subscriptionPort(), db.bookmarkPort(), sync);
    }

    @Test
    void offersActiveSubscriptionsForTheUriAndTheClientWithTheirBookmarks() {
        Subscription security = active("security");
        Subscription existing = active("existing").withParameters(
                active("existing").parameters().withReadExistingEvents(true));
        Subscription fresh = active("fresh");
        Subscription otherUri = active("other-uri").withUri("/other");
        Subscription disabled = active("disabled").withEnabled(false);
        Subscription filtered = active("filtered").withClientFilter(ClientFilter.of(ClientFilterOperation.Except,
                ClientFilterKind.Client, ClientFilterFlags.fromBits(1), List.of("win10$")));
        for (Subscription s : List.of(security, existing, fresh, otherUri, disabled, filtered)) {
            db.add(s);
        }
        db.bookmarkRows.put(FakeCollectorDatabase.key("WIN10$", security.uuid()), bookmark("Security", 7));
        try (EnumerateSubscriptions enumerate = enumerate(Duration.ofHours(1))) {
            List<Offer> offers = enumerate.enumerate("WIN10$", null, "/wsman");
            assertThat(offers).extracting(o -> o.subscription().name(), Offer::bookmark).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("existing", Bookmark.EARLIEST),
                    org.assertj.core.groups.Tuple.tuple("fresh", null),
                    org.assertj.core.groups.Tuple.tuple("security", bookmark("Security", 7)));
            assertThat(enumerate.enumerate("WIN10$", null, "/other")).extracting(o -> o.subscription().name())
                    .containsExactly("existing", "fresh", "other-uri", "security");
            assertThat(enumerate.enumerate("DC$", null, "/wsman")).extracting(o -> o.subscription().name())
                    .contains("filtered");
            assertThat(enumerate.subscription(security.uuid())).contains(security);
            assertThat(enumerate.subscription(disabled.uuid())).isEmpty();
        }
    }

    @Test
    void reloadsEveryIntervalAndKeepsThePreviousSetWhenTheDatabaseFails() throws Exception {
        db.add(active("first"));
        try (EnumerateSubscriptions enumerate = enumerate(Duration.ofMillis(50))) {
            assertThat(enumerate.active()).extracting(Subscription::name).containsExactly("first");
            db.add(active("second"));
            for (int i = 0; i < 100 && enumerate.active().size() < 2; i++) {
                Thread.sleep(10);
            }
            assertThat(enumerate.active()).extracting(Subscription::name).containsExactly("first", "second");
            db.readFailure = FakeCollectorDatabase::unavailable;
            long failed = enumerate.failedReloads();
            for (int i = 0; i < 100 && enumerate.failedReloads() == failed; i++) {
                Thread.sleep(10);
            }
            assertThat(enumerate.failedReloads()).isGreaterThan(failed);
            assertThat(enumerate.active()).hasSize(2);
            assertThat(enumerate.reload()).isFalse();
        }
    }

    @Test
    void startsEmptyWhenTheDatabaseIsDownAndABookmarkReadFailureFailsTheRequest() {
        db.add(active("first"));
        db.readFailure = FakeCollectorDatabase::unavailable;
        try (EnumerateSubscriptions enumerate = enumerate(Duration.ofHours(1))) {
            assertThat(enumerate.active()).isEmpty();
            db.readFailure = null;
            assertThat(enumerate.reload()).isTrue();
            db.readFailure = FakeCollectorDatabase::unavailable;
            assertThatThrownBy(() -> enumerate.enumerate("WIN10$", null, "/wsman")).isInstanceOf(StorageException.class);
        }
    }
}
