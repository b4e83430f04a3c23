package org.openwec.adapters.wef.http;

import java.util.List;

/**
 * OpenWEC's {@code [monitoring]} settings that shape the input metrics (openwec.conf.sample.toml at a41b95f).
 * The per-machine labels are off by default: they multiply the series by the number of machines.
 *
 * @param httpRequestDurationBuckets upper bounds, in seconds, of {@code openwec_http_request_duration_seconds}
 */
public record MetricsSettings(List<Double> httpRequestDurationBuckets, boolean countInputEventsPerMachine,
                              boolean countInputEventBytesPerMachine,
                              boolean countHttpRequestBodyNetworkSizePerMachine,
                              boolean countHttpRequestBodyRealSizePerMachine) {

    /** OpenWEC's default {@code http_request_duration_buckets}. */
    public static final List<Double> DEFAULT_BUCKETS =
            List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);

    public MetricsSettings {
        httpRequestDurationBuckets = List.copyOf(httpRequestDurationBuckets);
        if (httpRequestDurationBuckets.isEmpty()) {
            throw new IllegalArgumentException("http_request_duration_buckets must hold at least one bound");
        }
    }

    public static MetricsSettings defaults() {
        return new MetricsSettings(DEFAULT_BUCKETS, false, false, false, false);
    }
}
