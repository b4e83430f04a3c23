package org.openwec.adapters.wef.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import org.openwec.core.model.Subscription;

/** {@link ServerMetrics} with the Prometheus Java client; names, types and labels as OpenWEC doc/monitoring.md. */
final class PrometheusServerMetrics implements ServerMetrics {

    private final MetricsSettings settings;
    private final Counter messages;
    private final Counter events;
    private final Counter eventBytes;
    private final Counter requests;
    private final Histogram duration;
    private final Counter networkBytes;
    private final Counter realBytes;

    PrometheusServerMetrics(PrometheusRegistry registry, MetricsSettings settings) {
        this.settings = settings;
        messages = Counter.builder().name("openwec_input_messages_total")
                .help("The total number of messages received by openwec")
                .labelNames("action").register(registry);
        events = Counter.builder().name("openwec_input_events_total")
                .help("The total number of events received by openwec")
                .labelNames(labels(settings.countInputEventsPerMachine(), "subscription_uuid", "subscription_name"))
                .register(registry);
        eventBytes = Counter.builder().name("openwec_input_event_bytes_total")
                .help("The total size of all events received by openwec")
                .labelNames(labels(settings.countInputEventBytesPerMachine(), "subscription_uuid", "subscription_name"))
                .register(registry);
        requests = Counter.builder().name("openwec_http_requests_total")
                .help("The total number of HTTP requests handled by openwec")
                .labelNames("uri", "code").register(registry);
        duration = Histogram.builder().name("openwec_http_request_duration_seconds")
                .help("Histogram of response duration for HTTP requests")
                .unit(Unit.SECONDS)
                .classicOnly()
                .classicUpperBounds(settings.httpRequestDurationBuckets().stream().mapToDouble(Double::doubleValue).toArray())
                .labelNames("uri").register(registry);
        networkBytes = Counter.builder().name("openwec_http_request_body_network_size_bytes_total")
                .help("The total size of all http requests body received by openwec")
                .labelNames(labels(settings.countHttpRequestBodyNetworkSizePerMachine(), "uri"))
                .register(registry);
        realBytes = Counter.builder().name("openwec_http_request_body_real_size_bytes_total")
                .help("The total size of all http requests body received by openwec after decryption and decompression")
                .labelNames(labels(settings.countHttpRequestBodyRealSizePerMachine(), "uri"))
                .register(registry);
    }

    @Override
    public void message(String action) {
        messages.labelValues(action).inc();
    }

    @Override
    public void events(Subscription subscription, String machine, List<String> batch) {
        String uuid = subscription.storedKey();
        String name = subscription.name();
        (settings.countInputEventsPerMachine() ? events.labelValues(uuid, name, machine) : events.labelValues(uuid, name))
                .inc(batch.size());
        long bytes = 0;
        for (String event : batch) {
            bytes += utf8Length(event);
        }
        (settings.countInputEventBytesPerMachine() ? eventBytes.labelValues(uuid, name, machine)
                : eventBytes.labelValues(uuid, name)).inc(bytes);
    }

    @Override
    public void bodyReceived(String uri, String machine, long bytes) {
        (settings.countHttpRequestBodyNetworkSizePerMachine() ? networkBytes.labelValues(uri, machine)
                : networkBytes.labelValues(uri)).inc(bytes);
    }

    @Override
    public void bodyDecoded(String uri, String machine, long bytes) {
        (settings.countHttpRequestBodyRealSizePerMachine() ? realBytes.labelValues(uri, machine)
                : realBytes.labelValues(uri)).inc(bytes);
    }

    @Override
    public void request(String uri, int status, long nanos) {
        duration.labelValues(uri).observe(nanos / 1e9);
        requests.labelValues(uri, Integer.toString(status)).inc();
    }

    private static String[] labels(boolean perMachine, String... labels) {
        if (!perMachine) {
            return labels;
        }
        String[] withMachine = java.util.Arrays.copyOf(labels, labels.length + 1);
        withMachine[labels.length] = "machine";
        return withMachine;
    }

    /** OpenWEC counts an event's size as its UTF-8 length (Rust's {@code String::len}). */
    static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
