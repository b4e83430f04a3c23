package org.openwec.app.wiring;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.openwec.core.model.MachineState;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionStats;
import org.openwec.core.port.in.MachineStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code openwec_machines{subscription_uuid,subscription_name,state}}: the machines of each active subscription
 * by state, as {@code openwec stats} counts them (each subscription against its own heartbeat interval). Refreshed
 * every {@code machines_refresh_interval} by one statistics query per subscription, never on a scrape; a
 * subscription no longer active leaves the gauge.
 */
final class MachineGauges {
    private static final Logger LOG = LoggerFactory.getLogger(MachineGauges.class);

    private final Gauge machines;
    private final MachineStatistics statistics;
    private final Supplier<List<Subscription>> active;
    /** The label sets set at the last refresh. Only the refresh task touches it. */
    private Set<List<String>> shown = Set.of();

    MachineGauges(PrometheusRegistry registry, MachineStatistics statistics, Supplier<List<Subscription>> active) {
        this.machines = Gauge.builder().name("openwec_machines")
                .help("The number of machines known by openwec")
                .labelNames("subscription_uuid", "subscription_name", "state").register(registry);
        this.statistics = statistics;
        this.active = active;
    }

    /** One refresh; a failure is logged and the previous values stay until the next one. */
    void refresh() {
        List<MachineStatistics.Activity> activity;
        try {
            activity = statistics.stats(active.get(), OptionalLong.empty());
        } catch (RuntimeException e) {
            LOG.warn("Could not refresh openwec_machines: {}", e.getMessage());
            return;
        }
        Set<List<String>> now = new HashSet<>();
        for (MachineStatistics.Activity a : activity) {
            SubscriptionStats counts = a.counts();
            set(now, a.subscription(), MachineState.Alive, counts.alive());
            set(now, a.subscription(), MachineState.Active, counts.active());
            set(now, a.subscription(), MachineState.Dead, counts.dead());
        }
        for (List<String> gone : shown) {
            if (!now.contains(gone)) {
                machines.remove(gone.toArray(String[]::new));
            }
        }
        shown = now;
    }

    private void set(Set<List<String>> now, Subscription subscription, MachineState state, long count) {
        List<String> labels = List.of(subscription.storedKey(), subscription.name(), state.name());
        machines.labelValues(labels.toArray(String[]::new)).set(count);
        now.add(labels);
    }
}
