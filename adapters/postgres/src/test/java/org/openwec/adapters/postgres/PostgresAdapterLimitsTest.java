package org.openwec.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.HeartbeatFlushReport;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.model.UserError;
import org.openwec.core.port.out.Storage;

/** Where PostgreSQL differs from SQLite: INT4 parameter columns, and heartbeat flushes cut into chunks. */
class PostgresAdapterLimitsTest {
    private static final long INT4_MAX = Integer.MAX_VALUE;
    private static final int CHUNK = 50;

    private PostgresStorage opened;
    private Storage storage;
    private Subscription subscription;

    @BeforeEach
    void open() {
        String database = TestPostgres.newDatabase("limits");
        opened = TestPostgres.initialise(PostgresStorage.open(TestPostgres.settings(database).withMaxChunkSize(CHUNK)));
        storage = opened.storage();
        subscription = Subscription.create("limits", "q");
        storage.subscriptions().storeSubscription(subscription);
    }

    @AfterEach
    void close() {
        opened.close();
    }

    @Test
    void aParameterAboveInt4IsAUserErrorNamingTheColumnAndNothingIsStored() {
        Subscription tooBig = Subscription.create("too-big", "q").withParameters(
                SubscriptionParameters.defaults("too-big", "q").withHeartbeatInterval(INT4_MAX + 1));

        assertThatThrownBy(() -> storage.subscriptions().storeSubscription(tooBig))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("heartbeat_interval")
                .hasMessageContaining(String.valueOf(INT4_MAX + 1))
                .hasMessageContaining(String.valueOf(INT4_MAX));
        assertThat(storage.subscriptions().findSubscription("too-big")).isEmpty();
    }

    @Test
    void everyU32ParameterIsChecked() {
        SubscriptionParameters base = SubscriptionParameters.defaults("p", "q");
        assertUserErrorNaming("connection_retry_interval", base.withConnectionRetryInterval(INT4_MAX + 1));
        assertUserErrorNaming("max_time", base.withMaxTime(SubscriptionParameters.U32_MAX));
        assertUserErrorNaming("max_envelope_size", base.withMaxEnvelopeSize(INT4_MAX + 1));
        assertUserErrorNaming("max_elements", base.withMaxElements(INT4_MAX + 1));
    }

    @Test
    void theInt4MaximumItselfIsStoredAndReadBack() {
        Subscription largest = Subscription.create("largest", "q").withParameters(SubscriptionParameters.defaults("largest", "q")
                .withHeartbeatInterval(INT4_MAX).withMaxElements(INT4_MAX));
        storage.subscriptions().storeSubscription(largest);

        Subscription read = storage.subscriptions().findSubscription("largest").orElseThrow();
        assertThat(read.parameters().heartbeatInterval()).isEqualTo(INT4_MAX);
        assertThat(read.parameters().maxElements()).isEqualTo(INT4_MAX);
    }

    private void assertUserErrorNaming(String column, SubscriptionParameters parameters) {
        Subscription s = Subscription.create(parameters.name(), "q").withParameters(parameters);
        assertThatThrownBy(() -> storage.subscriptions().storeSubscription(s))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(column);
    }

    /** The reference's test_heartbeats_cache size, cut into 41 statements of at most 50 rows. */
    @Test
    void aFlushOf2040EntriesInChunksOf50StoresThemAll() {
        List<HeartbeatUpdate> cache = new ArrayList<>();
        for (int i = 0; i < 1020; i++) {
            cache.add(HeartbeatUpdate.heartbeat("machine$" + (2 * i), subscription.uuid(), "127.0.0.1", 1000 + i));
            cache.add(HeartbeatUpdate.event("machine$" + (2 * i + 1), subscription.uuid(), "127.0.0.2", 2000 + i));
        }

        HeartbeatFlushReport report = storage.heartbeats().storeHeartbeats(cache);

        assertThat(report).isEqualTo(new HeartbeatFlushReport(2040, List.of()));
        List<Heartbeat> all = storage.heartbeats().heartbeats(HeartbeatQuery.all());
        assertThat(all).hasSize(2040);
        Map<String, Heartbeat> byMachine = all.stream().collect(Collectors.toMap(Heartbeat::machine, h -> h));
        for (HeartbeatUpdate u : cache) {
            assertThat(byMachine.get(u.machine())).isEqualTo(new Heartbeat(u.machine(), u.ip(), subscription,
                    u.lastSeen(), u.lastSeen(), u.lastEventSeen()));
        }
    }

    @Test
    void anEntryForADeletedSubscriptionIsDroppedAndReportedWhileTheRestOfItsChunkIsStored() {
        Subscription deleted = Subscription.create("deleted", "q");
        storage.subscriptions().storeSubscription(deleted);
        storage.subscriptions().deleteSubscription(deleted.uuid());
        // 120 entries: three chunks; the lost one sits in the middle of the second.
        List<HeartbeatUpdate> cache = new ArrayList<>();
        for (int i = 0; i < 119; i++) {
            cache.add(HeartbeatUpdate.event("m" + i, subscription.uuid(), "10.0.0.1", 1000 + i));
        }
        HeartbeatUpdate lost = HeartbeatUpdate.event("lost", deleted.uuid(), "10.0.0.2", 5000);
        cache.add(CHUNK + CHUNK / 2, lost);

        HeartbeatFlushReport report = storage.heartbeats().storeHeartbeats(cache);

        assertThat(report.stored()).isEqualTo(119);
        assertThat(report.dropped()).containsExactly(lost);
        List<Heartbeat> all = storage.heartbeats().heartbeats(HeartbeatQuery.all());
        assertThat(all).hasSize(119).allMatch(h -> h.subscription().uuid().equals(subscription.uuid()));
        assertThat(all).extracting(Heartbeat::machine).contains("m" + CHUNK, "m" + (CHUNK + CHUNK / 2), "m118");
        assertThat(storage.heartbeats().heartbeats(HeartbeatQuery.bySubscription(deleted.uuid()))).isEmpty();
    }

    @Test
    void aSingleHeartbeatForAnUnknownSubscriptionIsAUserError() {
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> storage.heartbeats().storeHeartbeat("m", "10.0.0.1", unknown, false, 1000))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("does not exist");
    }
}
