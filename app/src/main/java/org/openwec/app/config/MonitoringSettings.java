package org.openwec.app.config;

import java.util.List;
import java.util.Objects;

/**
 * {@code [monitoring]}: the Prometheus endpoint and what it counts (OpenWEC common/src/settings.rs at a41b95f).
 *
 * @param httpRequestDurationBuckets upper bounds, in seconds, of {@code openwec_http_request_duration_seconds}
 * @param machinesRefreshInterval seconds between two refreshes of {@code openwec_machines} (30)
 */
public record MonitoringSettings(String listenAddress, int listenPort, List<Double> httpRequestDurationBuckets,
                                 boolean countInputEventsPerMachine, boolean countInputEventBytesPerMachine,
                                 boolean countHttpRequestBodyNetworkSizePerMachine,
                                 boolean countHttpRequestBodyRealSizePerMachine, long machinesRefreshInterval) {

    /** OpenWEC's default {@code http_request_duration_buckets}. */
    public static final List<Double> DEFAULT_BUCKETS =
            List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);
    public static final long DEFAULT_MACHINES_REFRESH_INTERVAL = 30;

    public MonitoringSettings {
        Objects.requireNonNull(listenAddress, "listenAddress");
        httpRequestDurationBuckets = List.copyOf(httpRequestDurationBuckets);
    }

    /** {@code listen_address:listen_port}. */
    public String label() {
        return (listenAddress.contains(":") ? "[" + listenAddress + "]" : listenAddress) + ":" + listenPort;
    }
}
