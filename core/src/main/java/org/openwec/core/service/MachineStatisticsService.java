package org.openwec.core.service;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.Machine;
import org.openwec.core.model.MachineState;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.in.MachineStatistics;
import org.openwec.core.port.out.HeartbeatPort;

/** The machine statistics use case on a {@link HeartbeatPort}; "now" comes from the clock. */
public final class MachineStatisticsService implements MachineStatistics {
    private final HeartbeatPort heartbeats;
    private final Clock clock;

    public MachineStatisticsService(HeartbeatPort heartbeats, Clock clock) {
        this.heartbeats = Objects.requireNonNull(heartbeats, "heartbeats");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<Heartbeat> heartbeats(HeartbeatQuery query) {
        return heartbeats.heartbeats(query);
    }

    @Override
    public List<Activity> stats(List<Subscription> subscriptions, OptionalLong interval) {
        long now = now();
        return subscriptions.stream().map(s -> {
            long since = since(now, s, interval);
            return new Activity(s, since, heartbeats.stats(s.uuid(), since));
        }).toList();
    }

    @Override
    public List<Machine> machines(Subscription subscription, OptionalLong interval, MachineState state) {
        return heartbeats.machines(subscription.uuid(), since(now(), subscription, interval), state);
    }

    /** T = now - interval; by default each subscription's heartbeat interval, after which a silent machine is late. */
    private static long since(long now, Subscription s, OptionalLong interval) {
        return now - interval.orElse(s.parameters().heartbeatInterval());
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
