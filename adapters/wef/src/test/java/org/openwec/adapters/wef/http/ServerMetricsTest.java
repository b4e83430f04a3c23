package org.openwec.adapters.wef.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwec.adapters.wef.http.Messages.BOOKMARK;
import static org.openwec.adapters.wef.http.Messages.ENUMERATE_PATH;
import static org.openwec.adapters.wef.http.Messages.EVENT_1;
import static org.openwec.adapters.wef.http.Messages.EVENT_2;
import static org.openwec.adapters.wef.http.Messages.HEARTBEAT_PATH;
import static org.openwec.adapters.wef.http.Messages.HEARTBEAT_SUBSCRIPTION;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.Subscription;

/**
 * The metrics as Prometheus reads them: names, types and labels of OpenWEC doc/monitoring.md at a41b95f, the
 * per-machine labels only when asked for.
 */
class ServerMetricsTest {

    private static final String SUBSCRIPTION = "subscription_name=\"security\",subscription_uuid=\"219C5353-5F3D-4CD7-A644-F6B69E57C1C1\"";
    private static final String MACHINE = "machine=\"" + TestCollector.MACHINE + "\"";

    private final Subscription subscription = TestPorts.activeSubscription(HEARTBEAT_SUBSCRIPTION, "security");

    @Test
    void each_request_is_counted_under_openwec_names() throws IOException {
        String text = scrapeAfterTraffic(MetricsSettings.defaults());

        long eventBytes = (EVENT_1 + EVENT_2).getBytes(StandardCharsets.UTF_8).length;
        assertThat(text.lines()).contains(
                "# TYPE openwec_input_messages_total counter",
                "openwec_input_messages_total{action=\"enumerate\"} 1.0",
                "openwec_input_messages_total{action=\"heartbeat\"} 1.0",
                "openwec_input_messages_total{action=\"events\"} 1.0",
                "# TYPE openwec_input_events_total counter",
                "openwec_input_events_total{" + SUBSCRIPTION + "} 2.0",
                "# TYPE openwec_input_event_bytes_total counter",
                "openwec_input_event_bytes_total{" + SUBSCRIPTION + "} " + eventBytes + ".0",
                "# TYPE openwec_http_requests_total counter",
                "openwec_http_requests_total{code=\"200\",uri=\"" + ENUMERATE_PATH + "\"} 1.0",
                "openwec_http_requests_total{code=\"200\",uri=\"" + HEARTBEAT_PATH + "\"} 2.0",
                "openwec_http_requests_total{code=\"404\",uri=\"" + ENUMERATE_PATH + "\"} 1.0",
                "# TYPE openwec_http_request_duration_seconds histogram",
                "openwec_http_request_duration_seconds_count{uri=\"" + HEARTBEAT_PATH + "\"} 2",
                "# TYPE openwec_http_request_body_network_size_bytes_total counter",
                // the Enumerate capture as sent; the compressed Heartbeat (1006) plus the Events body
                "openwec_http_request_body_network_size_bytes_total{uri=\"" + ENUMERATE_PATH + "\"} 3240.0",
                "# TYPE openwec_http_request_body_real_size_bytes_total counter",
                "openwec_http_request_body_real_size_bytes_total{uri=\"" + ENUMERATE_PATH + "\"} 3240.0");
        byte[] events = eventsBody();
        assertThat(text.lines()).contains(
                "openwec_http_request_body_network_size_bytes_total{uri=\"" + HEARTBEAT_PATH + "\"} " + (1006 + events.length) + ".0",
                "openwec_http_request_body_real_size_bytes_total{uri=\"" + HEARTBEAT_PATH + "\"} " + (3042 + events.length) + ".0");
        assertThat(text).doesNotContain("machine=");
        for (double bound : MetricsSettings.DEFAULT_BUCKETS) {
            assertThat(text).contains("openwec_http_request_duration_seconds_bucket{uri=\"" + ENUMERATE_PATH + "\",le=\""
                    + bucket(bound) + "\"}");
        }
    }

    @Test
    void the_machine_labels_are_added_when_asked_for_and_the_buckets_are_configurable() throws IOException {
        String text = scrapeAfterTraffic(new MetricsSettings(List.of(0.5, 2.0), true, true, true, true));

        assertThat(text.lines()).contains(
                "openwec_input_events_total{" + MACHINE + "," + SUBSCRIPTION + "} 2.0",
                "openwec_http_request_body_network_size_bytes_total{" + MACHINE + ",uri=\"" + ENUMERATE_PATH + "\"} 3240.0",
                "openwec_http_request_body_real_size_bytes_total{" + MACHINE + ",uri=\"" + ENUMERATE_PATH + "\"} 3240.0");
        assertThat(text).contains("openwec_input_event_bytes_total{" + MACHINE + "," + SUBSCRIPTION + "}");
        assertThat(text).contains("le=\"0.5\"").contains("le=\"2.0\"").doesNotContain("le=\"0.005\"");
    }

    @Test
    void utf8_length_counts_as_rust_does() {
        assertThat(PrometheusServerMetrics.utf8Length("a")).isEqualTo(1);
        assertThat(PrometheusServerMetrics.utf8Length("é")).isEqualTo(2);
        assertThat(PrometheusServerMetrics.utf8Length("日")).isEqualTo(3);
        assertThat(PrometheusServerMetrics.utf8Length("\uD83D\uDE00")).isEqualTo(4);
        assertThat(PrometheusServerMetrics.utf8Length(EVENT_2)).isEqualTo(EVENT_2.getBytes(StandardCharsets.UTF_8).length);
    }

    private String scrapeAfterTraffic(MetricsSettings settings) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        TestPorts ports = new TestPorts().with(subscription);
        try (TestCollector collector = TestCollector.start(ports, TestCollector.listener(null, false, 512_000),
                TestCollector.options().withMetrics(ServerMetrics.prometheus(registry, settings)));
             WefClient machine = collector.connect()) {
            assertThat(machine.post(ENUMERATE_PATH, Messages.enumerateCapture()).status()).isEqualTo(200);
            assertThat(machine.post(HEARTBEAT_PATH, Messages.heartbeatSldc(), "Content-Encoding: SLDC").status()).isEqualTo(200);
            assertThat(machine.post(HEARTBEAT_PATH, eventsBody()).status()).isEqualTo(200);
            machine.send(machine.request("GET", ENUMERATE_PATH, null));
            assertThat(machine.read().status()).isEqualTo(404);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] eventsBody() {
        return Messages.utf8(Messages.events("V", BOOKMARK, EVENT_1, EVENT_2));
    }

    private static String bucket(double bound) {
        return Double.toString(bound);
    }
}
