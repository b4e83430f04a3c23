package org.openwec.core.port.in;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.Machine;
import org.openwec.core.model.MachineState;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionStats;

/**
 * What the collectors last heard of each machine, and what it says about them. A machine's state is relative
 * to a time T = now - interval, where the interval is the operator's or, by default, the subscription's
 * heartbeat interval: active (events since T), alive (only heartbeats since T), dead (nothing since T).
 */
public interface MachineStatistics {

    /** The heartbeats a query selects, ordered by subscription name then machine. */
    List<Heartbeat> heartbeats(HeartbeatQuery query);

    /**
     * Machine counts of one subscription.
     *
     * @param since T, in Unix seconds
     */
    record Activity(Subscription subscription, long since, SubscriptionStats counts) {
        public Activity {
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(counts, "counts");
        }
    }

    /** The counts of each subscription, in the given order, each against its own T unless {@code interval}. */
    List<Activity> stats(List<Subscription> subscriptions, OptionalLong interval);

    /** The machines of a subscription in {@code state} (all of them when null), against T. */
    List<Machine> machines(Subscription subscription, OptionalLong interval, MachineState state);
}
