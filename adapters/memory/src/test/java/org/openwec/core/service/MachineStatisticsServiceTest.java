package org.openwec.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.Machine;
import org.openwec.core.model.MachineState;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionStats;
import org.openwec.core.port.in.MachineStatistics;
import org.openwec.core.port.in.MachineStatistics.Activity;
import org.openwec.core.port.out.Storage;

/** Machine states against T = now - interval, on a fixed clock and the in-memory storage. */
class MachineStatisticsServiceTest {
    private static final long NOW = 1_735_693_200L;

    private final Storage storage = MemoryStorages.migrated("in-memory database");
    private final MachineStatistics statistics = new MachineStatisticsService(storage.heartbeats(),
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    private Subscription alpha;
    private Subscription beta;

    @BeforeEach
    void setUp() {
        alpha = Subscription.create("alpha", "q"); // heartbeat interval 3600 s
        beta = Subscription.create("beta", "q").withParameters(Subscription.create("beta", "q").parameters().withHeartbeatInterval(60));
        storage.subscriptions().storeSubscriptions(List.of(alpha, beta), List.of());
        storage.heartbeats().storeHeartbeats(List.of(
                HeartbeatUpdate.event("A", alpha.uuid(), "10.0.0.1", NOW - 100),
                HeartbeatUpdate.heartbeat("B", alpha.uuid(), "10.0.0.2", NOW - 200),
                HeartbeatUpdate.heartbeat("C", alpha.uuid(), "10.0.0.3", NOW - 7200),
                HeartbeatUpdate.heartbeat("A", beta.uuid(), "10.0.0.1", NOW - 100)));
    }

    @Test
    void eachSubscriptionIsCountedAgainstItsOwnHeartbeatIntervalUnlessOneIsGiven() {
        assertThat(statistics.stats(List.of(alpha, beta), OptionalLong.empty())).containsExactly(
                new Activity(alpha, NOW - 3600, new SubscriptionStats(3, 1, 1, 1)),
                new Activity(beta, NOW - 60, new SubscriptionStats(1, 0, 0, 1)));
        assertThat(statistics.stats(List.of(alpha), OptionalLong.of(150))).containsExactly(
                new Activity(alpha, NOW - 150, new SubscriptionStats(3, 0, 1, 2)));
    }

    @Test
    void machinesInAStateOrAll() {
        assertThat(statistics.machines(alpha, OptionalLong.empty(), null)).extracting(Machine::name)
                .containsExactly("A", "B", "C");
        assertThat(statistics.machines(alpha, OptionalLong.empty(), MachineState.Active)).extracting(Machine::name)
                .containsExactly("A");
        assertThat(statistics.machines(alpha, OptionalLong.of(150), MachineState.Dead)).extracting(Machine::name)
                .containsExactly("B", "C");
        assertThat(statistics.machines(beta, OptionalLong.empty(), MachineState.Dead)).containsExactly(new Machine("A", "10.0.0.1"));
    }

    @Test
    void heartbeatsAsTheQuerySelects() {
        assertThat(statistics.heartbeats(HeartbeatQuery.byMachine("A", null))).hasSize(2);
        assertThat(statistics.heartbeats(HeartbeatQuery.bySubscription(beta.uuid()))).hasSize(1);
    }
}
