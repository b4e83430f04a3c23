package org.openwec.adapters.wef.http;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import org.openwec.core.model.Subscription;

/**
 * What the server counts, under OpenWEC's metric names (doc/monitoring.md at a41b95f). {@link #NONE} counts
 * nothing and costs nothing; {@link #prometheus} registers the metrics in a registry the app serves.
 */
public interface ServerMetrics {

    /** No metrics. */
    ServerMetrics NONE = new ServerMetrics() {};

    /** The Prometheus metrics of the collector's input, registered in {@code registry}. */
    static ServerMetrics prometheus(PrometheusRegistry registry, MetricsSettings settings) {
        return new PrometheusServerMetrics(registry, settings);
    }

    /** An Enumerate, Heartbeat or Events message accepted ({@code openwec_input_messages_total}). */
    default void message(String action) {}

    /** An Events message accepted for a subscription, before its outputs run. */
    default void events(Subscription subscription, String machine, List<String> events) {}

    /** A request body as received, before decompression. */
    default void bodyReceived(String uri, String machine, long bytes) {}

    /** A request body after decompression. */
    default void bodyDecoded(String uri, String machine, long bytes) {}

    /** A request answered, whatever the status. */
    default void request(String uri, int status, long nanos) {}
}
