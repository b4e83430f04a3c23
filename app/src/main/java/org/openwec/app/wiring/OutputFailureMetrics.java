package org.openwec.app.wiring;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.openwec.adapters.outputs.OutputsAdapter;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;

/**
 * OpenWEC's output counters (doc/monitoring.md at a41b95f). The {@code driver} label is the driver's name
 * ({@code Files}, {@code Tcp}, ...); the reference writes the driver's whole configuration there.
 */
final class OutputFailureMetrics implements OutputsAdapter.Failures {
    private final Counter driverFailures;
    private final Counter formatFailures;

    OutputFailureMetrics(PrometheusRegistry registry) {
        driverFailures = Counter.builder().name("openwec_output_driver_failures_total")
                .help("The total number of output driver failures")
                .labelNames("subscription_uuid", "subscription_name", "driver").register(registry);
        formatFailures = Counter.builder().name("openwec_output_format_failures_total")
                .help("The total number of output format failures")
                .labelNames("subscription_uuid", "subscription_name", "format").register(registry);
    }

    @Override
    public void writeFailed(Subscription subscription, Output output) {
        driverFailures.labelValues(subscription.storedKey(), subscription.name(), output.driver().storedName()).inc();
    }

    @Override
    public void formatFailed(Subscription subscription, OutputFormat format) {
        formatFailures.labelValues(subscription.storedKey(), subscription.name(), format.name()).inc();
    }
}
