package org.openwec.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.core.service.CollectorFixtures.active;
import static org.openwec.core.service.CollectorFixtures.bookmark;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.service.BookmarkGroupCommit.Outcome;
import org.openwec.core.service.CollectorFixtures.ManualClock;

@Timeout(30)
class CollectorTest {
    private final FakeCollectorDatabase db = new FakeCollectorDatabase();
    private final ManualClock clock = new ManualClock(1_735_689_600L);
    private final Collector.Settings settings = new Collector.Settings(Duration.ofHours(1),
            BookmarkGroupCommit.Settings.defaults(),
            HeartbeatBatcher.Settings.defaults().withFlushInterval(Duration.ofHours(1)));

    @Test
    void refusesAnOutdatedSchemaWithTheReferenceMessage() {
        db.applied.remove(2L);
        assertThatThrownBy(() -> Collector.start(db.storage(), settings, clock))
                .isInstanceOf(UserError.class)
                .hasMessage("Schema needs to be updated. Please read the changelog and then run `openwec db upgrade`");
    }

    @Test
    void recordsAnEventsBatchThenFlushesItsHeartbeatAtClose() {
        Subscription security = active("security");
        db.add(security);
        Collector collector = Collector.start(db.storage(), settings, clock);
        assertThat(collector.subscriptions().enumerate("WIN10$", null, "/wsman")).hasSize(1);
        assertThat(collector.events().record("WIN10$", "10.0.0.1", security.uuid(), bookmark("Security", 5)))
                .isEqualTo(Outcome.STORED);
        collector.heartbeats().recordHeartbeat("DC$", "10.0.0.2", security.uuid());
        collector.close();
        assertThat(db.storedBookmark("WIN10$", security.uuid())).isEqualTo(bookmark("Security", 5));
        assertThat(db.heartbeat("WIN10$", security.uuid()))
                .isEqualTo(new FakeCollectorDatabase.Row("10.0.0.1", 1_735_689_600L, 1_735_689_600L, 1_735_689_600L));
        assertThat(db.heartbeat("DC$", security.uuid())).isNotNull();
    }

    @Test
    void aBookmarkThatCannotBeStoredRecordsNoHeartbeat() {
        Subscription security = active("security");
        db.add(security);
        try (Collector collector = Collector.start(db.storage(), settings, clock)) {
            db.writeFailure = FakeCollectorDatabase::unavailable;
            assertThatThrownBy(() -> collector.events().record("WIN10$", "ip", security.uuid(), "x"))
                    .hasMessageContaining("database unavailable");
            assertThat(collector.heartbeats().stats().recorded()).isZero();
            db.writeFailure = null;
        }
    }
}
