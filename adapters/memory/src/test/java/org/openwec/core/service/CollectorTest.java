package org.openwec.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.core.service.CollectorFixtures.active;
import static org.openwec.core.service.CollectorFixtures.bookmark;
import static org.openwec.core.service.CollectorFixtures.heartbeat;
import static org.openwec.core.service.CollectorFixtures.storedBookmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openwec.adapters.memory.InMemoryOutputs;
import org.openwec.adapters.memory.InMemoryStorage;
import org.openwec.adapters.testkit.FaultyStorage;
import org.openwec.adapters.testkit.FaultyStorage.Call;
import org.openwec.adapters.testkit.time.ManualClock;
import org.openwec.adapters.testkit.time.ManualScheduler;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.MachineNotAllowedException;
import org.openwec.core.port.in.OutputFailedException;
import org.openwec.core.port.in.RecordEventsBatch.Outcome;
import org.openwec.core.port.in.UnknownSubscriptionException;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.CollectorFixtures.Row;

@Timeout(30)
class CollectorTest {
    private static final long NOW = 1_735_689_600L;

    private final FaultyStorage db = CollectorFixtures.faultyStorage();
    private final InMemoryOutputs outputs = new InMemoryOutputs();
    private final ManualClock clock = ManualClock.atSeconds(NOW);
    private final ManualScheduler scheduler = new ManualScheduler();
    private final Collector.Settings settings = Collector.Settings.defaults()
            .withDbSyncInterval(Duration.ofSeconds(5))
            .withHeartbeats(HeartbeatBatcher.Settings.defaults().withFlushInterval(Duration.ofSeconds(5)));
    private final List<Collector> started = new ArrayList<>();

    @AfterEach
    void stop() {
        db.heal();
        for (Collector c : started) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // closed by the test already, or it looked at what it wanted
            }
        }
        db.storage().close();
    }

    private Collector start() {
        Collector collector = Collector.start(db.storage(), outputs, settings, clock, scheduler);
        started.add(collector);
        return collector;
    }

    private Subscription add(Subscription s) {
        db.wrapped().subscriptions().storeSubscription(s);
        return s;
    }

    private static EventsBatch batch(String machine, UUID subscription, String bookmark, String... events) {
        return new EventsBatch(machine, null, "10.0.0.1", subscription, "1", null, List.of(events), bookmark,
                Instant.ofEpochSecond(NOW));
    }

    @Test
    void refusesAnOutdatedSchemaWithTheReferenceMessage() {
        try (Storage outdated = InMemoryStorage.create()) {
            outdated.schema().setupSchema();
            List<Long> versions = new ArrayList<>(outdated.schema().registeredMigrations().keySet());
            versions.subList(0, versions.size() - 1).forEach(outdated.schema()::apply);
            assertThatThrownBy(() -> Collector.start(outdated, outputs, settings, clock, scheduler))
                    .isInstanceOf(UserError.class)
                    .hasMessage("Schema needs to be updated. Please read the changelog and then run `openwec db upgrade`");
            assertThat(scheduler.repeating()).as("nothing started").isEmpty();
        }
    }

    @Test
    void recordsAnEventsBatchThenFlushesItsHeartbeatAtClose() {
        Subscription security = add(active("security"));
        Collector collector = start();
        assertThat(collector.enumerate().enumerate("WIN10$", null, "/wsman")).hasSize(1);
        assertThat(collector.events().record(batch("WIN10$", security.uuid(), bookmark("Security", 5), "<Event/>")))
                .isEqualTo(Outcome.STORED);
        collector.heartbeats().record("DC$", null, "10.0.0.2", security.uuid());
        collector.close();
        assertThat(storedBookmark(db, "WIN10$", security.uuid())).isEqualTo(bookmark("Security", 5));
        assertThat(heartbeat(db, "WIN10$", security.uuid())).isEqualTo(new Row("10.0.0.1", NOW, NOW, NOW));
        assertThat(heartbeat(db, "DC$", security.uuid())).isEqualTo(new Row("10.0.0.2", NOW, NOW, null));
        assertThat(outputs.events(security.uuid())).containsExactly("<Event/>");
    }

    @Test
    void eventsReachEveryEnabledOutputBeforeTheBookmarkIsStored() {
        Output files = new Output(OutputFormat.Raw, new OutputDriver.Files("/tmp/a"), true);
        Output json = new Output(OutputFormat.Json, new OutputDriver.Files("/tmp/b"), true);
        Output disabled = new Output(OutputFormat.Raw, new OutputDriver.Files("/tmp/c"), false);
        Subscription security = add(active("security").withOutputs(List.of(files, json, disabled)));
        List<Integer> writesWhenStored = new ArrayList<>();
        db.whenCalled(Call.STORE_BOOKMARK, call -> writesWhenStored.add(outputs.writes().size()));
        Collector collector = start();
        collector.events().record(batch("WIN10$", security.uuid(), bookmark("Security", 5), "<Event>1</Event>",
                "<Event>2</Event>"));
        assertThat(outputs.writes()).extracting(InMemoryOutputs.Write::output).containsExactly(files, json);
        assertThat(writesWhenStored).as("both outputs had the batch when the bookmark was stored").containsExactly(2);
        assertThat(collector.stats().heartbeats().recorded()).isEqualTo(1);
    }

    @Test
    void aFailedOutputStoresNothingAndRecordsNoHeartbeat() {
        Subscription security = add(active("security"));
        Collector collector = start();
        outputs.failAll("disk full");
        assertThatThrownBy(() -> collector.events().record(batch("WIN10$", security.uuid(), bookmark("Security", 5),
                "<Event/>")))
                .isInstanceOf(OutputFailedException.class)
                .hasMessageContaining("disk full").hasMessageContaining("security");
        assertThat(db.count(Call.STORE_BOOKMARK, Call.STORE_BOOKMARKS)).isZero();
        assertThat(collector.stats().heartbeats().recorded()).isZero();
        outputs.heal();
        assertThat(collector.events().record(batch("WIN10$", security.uuid(), bookmark("Security", 5), "<Event/>")))
                .as("the machine sends the batch again").isEqualTo(Outcome.STORED);
    }

    @Test
    void aBookmarkThatCannotBeStoredRecordsNoHeartbeat() {
        Subscription security = add(active("security"));
        Collector collector = start();
        db.fail(Call.writes(), FaultyStorage::unavailable);
        assertThatThrownBy(() -> collector.events().record(batch("WIN10$", security.uuid(), "x", "<Event/>")))
                .hasMessageContaining("database unavailable");
        assertThat(collector.stats().heartbeats().recorded()).isZero();
        assertThat(outputs.writes()).as("the outputs came first").hasSize(1);
    }

    @Test
    void aBatchWithoutBookmarkIsWrittenAndSeenButStoresNothing() {
        Subscription security = add(active("security"));
        Collector collector = start();
        assertThat(collector.events().record(batch("WIN10$", security.uuid(), null, "<Event/>")))
                .isEqualTo(Outcome.NO_BOOKMARK);
        assertThat(outputs.events(security.uuid())).containsExactly("<Event/>");
        assertThat(db.count(Call.STORE_BOOKMARK, Call.STORE_BOOKMARKS, Call.BOOKMARK)).isZero();
        assertThat(collector.flushHeartbeats()).isTrue();
        assertThat(heartbeat(db, "WIN10$", security.uuid())).isEqualTo(new Row("10.0.0.1", NOW, NOW, NOW));
    }

    @Test
    void messagesForUnknownSubscriptionsOrRefusedMachinesAreRefusedBeforeAnything() {
        Subscription filtered = add(active("filtered").withClientFilter(org.openwec.core.model.ClientFilter.of(
                org.openwec.core.model.ClientFilterOperation.Only, org.openwec.core.model.ClientFilterKind.Client,
                org.openwec.core.model.ClientFilterFlags.fromBits(1), List.of("dc$"))));
        Collector collector = start();
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> collector.events().record(batch("WIN10$", unknown, "x", "<Event/>")))
                .isInstanceOf(UnknownSubscriptionException.class);
        assertThatThrownBy(() -> collector.heartbeats().record("WIN10$", null, "ip", unknown))
                .isInstanceOf(UnknownSubscriptionException.class);
        assertThatThrownBy(() -> collector.events().record(batch("WIN10$", filtered.uuid(), "x", "<Event/>")))
                .isInstanceOf(MachineNotAllowedException.class);
        assertThatThrownBy(() -> collector.heartbeats().record("WIN10$", null, "ip", filtered.uuid()))
                .isInstanceOf(MachineNotAllowedException.class);
        collector.heartbeats().record("DC$", null, "ip", filtered.uuid());
        assertThat(outputs.attempts()).isZero();
        assertThat(collector.stats().heartbeats().recorded()).isEqualTo(1);
    }

    @Test
    void subscriptionsAreReloadedEveryDbSyncIntervalAndOnReload() {
        add(active("first"));
        Collector collector = start();
        add(active("second"));
        assertThat(collector.enumerate().enumerate("WIN10$", null, "/wsman")).hasSize(1);
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(collector.enumerate().enumerate("WIN10$", null, "/wsman")).hasSize(2);
        add(active("third"));
        assertThat(collector.reload()).isTrue();
        assertThat(collector.enumerate().enumerate("WIN10$", null, "/wsman")).hasSize(3);
        assertThat(outputs.reopens()).as("SIGHUP reopens the outputs").isEqualTo(1);
        assertThat(collector.stats().activeSubscriptions()).isEqualTo(3);
    }

    @Test
    void heartbeatsAreFlushedEveryInterval() {
        Subscription security = add(active("security"));
        Collector collector = start();
        collector.heartbeats().record("WIN10$", null, "10.0.0.1", security.uuid());
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(heartbeat(db, "WIN10$", security.uuid())).isEqualTo(new Row("10.0.0.1", NOW, NOW, null));
    }

    @Test
    void closeStopsEverythingAndLaterCallsAreRefused() {
        Subscription security = add(active("security"));
        Collector collector = start();
        assertThat(scheduler.repeating()).hasSize(2);
        collector.close();
        assertThat(scheduler.repeating()).isEmpty();
        assertThatThrownBy(() -> collector.events().record(batch("WIN10$", security.uuid(), "x", "<Event/>")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> collector.heartbeats().record("WIN10$", null, "ip", security.uuid()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(outputs.attempts()).as("nothing written once closed").isZero();
    }
}
