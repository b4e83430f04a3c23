package org.openwec.adapters.wef.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwec.adapters.wef.http.Messages.BOOKMARK;
import static org.openwec.adapters.wef.http.Messages.ENUMERATE_PATH;
import static org.openwec.adapters.wef.http.Messages.EVENT_1;
import static org.openwec.adapters.wef.http.Messages.EVENT_2;
import static org.openwec.adapters.wef.http.Messages.HEARTBEAT_PATH;
import static org.openwec.adapters.wef.http.Messages.HEARTBEAT_SUBSCRIPTION;
import static org.openwec.adapters.wef.http.Messages.MACHINE_ID;
import static org.openwec.adapters.wef.http.TestCollector.MACHINE;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openwec.adapters.wef.BodyText;
import org.openwec.core.model.ClientFilter;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.ClientFilterKind;
import org.openwec.core.model.ClientFilterOperation;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.in.OutputFailedException;

/** The collector's HTTPS server seen from a machine: routing, statuses and bodies as OpenWEC answers them. */
class WefServerTest {

    private static final String ACK = "http://schemas.dmtf.org/wbem/wsman/1/wsman/Ack";

    private final Subscription subscription = TestPorts.activeSubscription(HEARTBEAT_SUBSCRIPTION, "security");
    private TestPorts ports;
    private TestCollector collector;

    @BeforeEach
    void start() {
        ports = new TestPorts().with(subscription);
        collector = TestCollector.start(ports);
    }

    @AfterEach
    void stop() {
        CountDownLatch gate = ports.eventsGate;
        if (gate != null) {
            gate.countDown();
        }
        collector.close();
    }

    @Test
    void enumerate_offers_the_subscriptions_at_the_host_of_a_to_with_the_issuer_thumbprint() throws IOException {
        ports.bookmarks.put(subscription.uuid(), BOOKMARK);
        try (WefClient machine = collector.connect()) {
            WefClient.Response response = machine.post(ENUMERATE_PATH, Messages.enumerateCapture());

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo("application/soap+xml;charset=UTF-16");
            assertThat(response.body()).startsWith((byte) 0xFF, (byte) 0xFE);
            String text = response.text();
            assertThat(text)
                    .contains("http://schemas.xmlsoap.org/ws/2004/09/enumeration/EnumerateResponse")
                    .contains("uuid:E9802257-6A7D-4C0D-BFA4-E81C7B1C447E")
                    .contains("https://srv.windomain.local:5986/wsman/subscriptions/" + subscription.storedKey())
                    .contains(ClientCertificates.thumbprint(TestCollector.CA.certificate()))
                    .contains(BOOKMARK);
        }
        assertThat(ports.enumerates).containsExactly(new TestPorts.EnumerateCall(MACHINE, MACHINE_ID, ENUMERATE_PATH));
    }

    @Test
    void enumerate_uses_the_configured_hostname_and_keeps_the_query_string_for_uri_filters() throws IOException {
        collector.close();
        collector = TestCollector.start(ports, TestCollector.listener("wec.example.test", false, 512_000),
                TestCollector.options());
        try (WefClient machine = collector.connect()) {
            WefClient.Response response = machine.post(ENUMERATE_PATH + "?x=1", Messages.enumerateCapture());

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).contains("https://wec.example.test:5986/wsman/subscriptions/");
        }
        assertThat(ports.enumerates).extracting(TestPorts.EnumerateCall::uri).containsExactly(ENUMERATE_PATH + "?x=1");
    }

    @Test
    void enumerate_without_hostname_nor_a_to_host_is_400() throws IOException {
        String body = Messages.enumerate().replace(
                "<a:To>http://srv.windomain.local:5985/wsman/SubscriptionManager/WEC</a:To>", "");
        try (WefClient machine = collector.connect()) {
            assertThat(machine.post(ENUMERATE_PATH, Messages.utf16(body)).status()).isEqualTo(400);
            assertThat(machine.post(ENUMERATE_PATH, Messages.enumerateCapture()).status()).isEqualTo(200);
        }
    }

    @Test
    void enumerate_sent_to_a_subscription_address_is_400() throws IOException {
        try (WefClient machine = collector.connect()) {
            assertThat(machine.post(HEARTBEAT_PATH, Messages.enumerateCapture()).status()).isEqualTo(400);
        }
        assertThat(ports.enumerates).isEmpty();
    }

    @Test
    void a_standard_https_client_gets_the_enumerate_response() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().sslContext(TestCollector.machineContext())
                .version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                            URI.create("https://localhost:" + collector.server.port() + ENUMERATE_PATH))
                    .header("Content-Type", "application/soap+xml;charset=UTF-16")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Messages.enumerateCapture())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(BodyText.decode(response.body()).text()).contains(subscription.storedKey());
        }
    }

    @Test
    void a_heartbeat_is_recorded_with_the_certificate_cn_the_machine_id_and_the_peer_address() throws IOException {
        try (WefClient machine = collector.connect()) {
            WefClient.Response response = machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat()));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).contains(ACK).contains("uuid:EEC04F74-A27D-4C3A-AEF5-BC5BF54359BA");
        }
        assertThat(ports.heartbeats).containsExactly(
                new TestPorts.HeartbeatCall(MACHINE, MACHINE_ID, "127.0.0.1", HEARTBEAT_SUBSCRIPTION));
    }

    @Test
    void the_captured_sldc_heartbeat_is_decompressed() throws IOException {
        try (WefClient machine = collector.connect()) {
            WefClient.Response response = machine.post(HEARTBEAT_PATH, Messages.heartbeatSldc(), "Content-Encoding: SLDC");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).contains(ACK);
        }
        assertThat(ports.heartbeats).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-16 with bom", "utf-16 without bom", "utf-8"})
    void events_are_recorded_whatever_the_encoding(String encoding) throws IOException {
        Function<String, byte[]> encode = switch (encoding) {
            case "utf-16 with bom" -> Messages::utf16;
            case "utf-16 without bom" -> Messages::utf16WithoutBom;
            default -> Messages::utf8;
        };
        String version = "6A1F0C2C-5BB7-4A21-6A1F-0C2C5BB74A21";
        try (WefClient machine = collector.connect()) {
            WefClient.Response response = machine.post(HEARTBEAT_PATH,
                    encode.apply(Messages.events(version, BOOKMARK, EVENT_1, EVENT_2)));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).contains(ACK);
        }
        assertThat(ports.batches).containsExactly(new EventsBatch(MACHINE, MACHINE_ID, "127.0.0.1",
                HEARTBEAT_SUBSCRIPTION, version, null, List.of(EVENT_1, EVENT_2), BOOKMARK, TestCollector.NOW));
    }

    @Test
    void end_and_subscription_end_are_200_without_a_body() throws IOException {
        try (WefClient machine = collector.connect()) {
            // Windows labels an uncompressed End SLDC (OpenWEC doc/protocol.md): read as it is.
            WefClient.Response end = machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.end()), "Content-Encoding: SLDC");
            WefClient.Response subscriptionEnd = machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.subscriptionEnd()));

            assertThat(end.status()).isEqualTo(200);
            assertThat(end.body()).isEmpty();
            assertThat(end.header("Content-Length")).isEqualTo("0");
            assertThat(subscriptionEnd.status()).isEqualTo(200);
            assertThat(subscriptionEnd.body()).isEmpty();
        }
    }

    @Test
    void an_empty_body_is_200_without_a_body() throws IOException {
        try (WefClient machine = collector.connect()) {
            WefClient.Response response = machine.post(HEARTBEAT_PATH, new byte[0]);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void an_unknown_subscription_is_404_and_a_machine_the_filter_refuses_is_403() throws IOException {
        String otherSubscription = Messages.heartbeat().replace("219C5353-5F3D-4CD7-A644-F6B69E57C1C1",
                UUID.randomUUID().toString());
        ports.with(new Subscription(subscription.uuid(), subscription.internalVersion(), null, null, true,
                subscription.parameters(), ClientFilter.of(ClientFilterOperation.Only, ClientFilterKind.Client,
                ClientFilterFlags.NONE, List.of("someone-else")), subscription.outputs()));
        try (WefClient machine = collector.connect()) {
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(otherSubscription)).status()).isEqualTo(404);
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat())).status()).isEqualTo(403);
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.events("V", BOOKMARK, EVENT_1))).status())
                    .isEqualTo(403);
            // The subscription is checked before the Version, as OpenWEC does.
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.events(null, BOOKMARK, EVENT_1))).status())
                    .isEqualTo(403);
        }
        assertThat(ports.heartbeats).isEmpty();
        assertThat(ports.batches).isEmpty();
    }

    @Test
    void events_without_version_are_400() throws IOException {
        try (WefClient machine = collector.connect()) {
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.events(null, BOOKMARK, EVENT_1))).status())
                    .isEqualTo(400);
        }
        assertThat(ports.batches).isEmpty();
    }

    @Test
    void a_failing_output_or_storage_is_503_and_the_batch_sent_again_is_recorded() throws IOException {
        byte[] events = Messages.utf16(Messages.events("V", BOOKMARK, EVENT_1));
        ports.eventsFailure = new StorageException("output Files(/tmp/x) failed: disk full");
        try (WefClient machine = collector.connect()) {
            assertThat(machine.post(HEARTBEAT_PATH, events).status()).isEqualTo(503);
            assertThat(ports.batches).isEmpty();

            ports.eventsFailure = null;
            assertThat(machine.post(HEARTBEAT_PATH, events).status()).isEqualTo(200);
        }
        assertThat(ports.batches).hasSize(1);
    }

    @Test
    void an_output_that_cannot_take_the_batch_is_503() throws IOException {
        ports.eventsFailure = new OutputFailedException("Could not write 1 events to the Raw output: disk full",
                subscription.uuid(), new IllegalStateException("disk full"));
        try (WefClient machine = collector.connect()) {
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.events("V", BOOKMARK, EVENT_1))).status())
                    .isEqualTo(503);
        }
    }

    @Test
    void a_bug_in_a_use_case_is_500_and_the_connection_goes_on() throws IOException {
        ports.eventsFailure = new IllegalStateException("a bug");
        try (WefClient machine = collector.connect()) {
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.events("V", BOOKMARK, EVENT_1))).status())
                    .isEqualTo(500);
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat())).status()).isEqualTo(200);
        }
    }

    @Test
    void malformed_soap_and_unknown_actions_are_500_and_the_server_keeps_serving() throws IOException {
        try (WefClient machine = collector.connect()) {
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf8("<s:Envelope><unclosed>")).status()).isEqualTo(500);
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf8("not xml at all")).status()).isEqualTo(500);
            String unknownAction = Messages.heartbeat().replace("wsman/1/wsman/Heartbeat", "wsman/1/wsman/Dance");
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(unknownAction)).status()).isEqualTo(500);

            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat())).status()).isEqualTo(200);
        }
        try (WefClient machine = collector.connect()) {
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat())).status()).isEqualTo(200);
        }
        assertThat(ports.heartbeats).hasSize(2);
    }

    @Test
    void an_unsupported_content_encoding_is_400() throws IOException {
        try (WefClient machine = collector.connect()) {
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat()), "Content-Encoding: gzip")
                    .status()).isEqualTo(400);
        }
    }

    @Test
    void only_post_is_served_other_methods_are_404() throws IOException {
        try (WefClient machine = collector.connect()) {
            machine.send(machine.request("GET", ENUMERATE_PATH, null));
            assertThat(machine.read().status()).isEqualTo(404);
            machine.send(machine.request("PUT", ENUMERATE_PATH, Messages.enumerateCapture()));
            assertThat(machine.read().status()).isEqualTo(404);

            assertThat(machine.post(ENUMERATE_PATH, Messages.enumerateCapture()).status()).isEqualTo(200);
        }
        assertThat(ports.enumerates).hasSize(1);
    }

    @Test
    void a_missing_content_length_is_400() throws IOException {
        try (WefClient machine = collector.connect()) {
            byte[] chunk = Messages.utf16(Messages.heartbeat());
            byte[] head = machine.request("POST", HEARTBEAT_PATH, null, "Transfer-Encoding: chunked");
            machine.send(head);
            machine.send((Integer.toHexString(chunk.length) + "\r\n").getBytes());
            machine.send(chunk);
            machine.send("\r\n0\r\n\r\n".getBytes());

            WefClient.Response response = machine.read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(machine.closedByServer()).isTrue();
        }
        try (WefClient machine = collector.connect()) {
            machine.send(machine.request("POST", HEARTBEAT_PATH, null));
            assertThat(machine.read().status()).isEqualTo(400);
        }
        assertThat(ports.heartbeats).isEmpty();
    }

    @Test
    void a_standard_client_streaming_a_body_of_unknown_length_gets_400() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().sslContext(TestCollector.machineContext())
                .version(HttpClient.Version.HTTP_1_1).build()) {
            byte[] body = Messages.utf16(Messages.heartbeat());
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                            URI.create("https://localhost:" + collector.server.port() + HEARTBEAT_PATH))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void a_body_larger_than_max_content_length_is_400_without_being_read() throws IOException {
        collector.close();
        collector = TestCollector.start(ports, TestCollector.listener(null, false, 2_000), TestCollector.options());
        byte[] heartbeat = Messages.utf16(Messages.heartbeat()); // 3 042 bytes
        try (WefClient machine = collector.connect()) {
            WefClient.Response response = machine.post(HEARTBEAT_PATH, heartbeat);

            assertThat(response.status()).isEqualTo(400); // not Netty's usual 413
            assertThat(machine.closedByServer()).isTrue();
        }
        try (WefClient machine = collector.connect()) {
            // A compressed body within the limit that expands past it is refused too.
            assertThat(machine.post(HEARTBEAT_PATH, Messages.heartbeatSldc(), "Content-Encoding: SLDC").status())
                    .isEqualTo(400);
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf8(Messages.end())).status()).isEqualTo(200);
        }
        assertThat(ports.heartbeats).isEmpty();
    }

    @Test
    void expect_100_continue_is_answered_before_the_body() throws IOException {
        try (WefClient machine = collector.connect()) {
            byte[] body = Messages.utf16(Messages.heartbeat());
            machine.send(machine.request("POST", HEARTBEAT_PATH, null, "Content-Length: " + body.length,
                    "Expect: 100-continue"));
            assertThat(machine.read().status()).isEqualTo(100);
            machine.send(body);
            assertThat(machine.read().status()).isEqualTo(200);
        }
    }

    @Test
    void connections_are_kept_alive_unless_the_machine_says_close() throws IOException {
        try (WefClient machine = collector.connect()) {
            for (int i = 0; i < 3; i++) {
                WefClient.Response response = machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat()));
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("Connection")).isNull();
            }
            WefClient.Response last = machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat()), "Connection: close");
            assertThat(last.status()).isEqualTo(200);
            assertThat(last.header("Connection")).isEqualTo("close");
            assertThat(machine.closedByServer()).isTrue();
        }
        assertThat(ports.heartbeats).hasSize(4);
    }

    @Test
    void a_blocked_use_case_does_not_hold_other_connections() throws Exception {
        ports.eventsGate = new CountDownLatch(1);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (WefClient slow = collector.connect(); WefClient other = collector.connect()) {
            Future<WefClient.Response> blocked = background.submit(
                    () -> slow.post(HEARTBEAT_PATH, Messages.utf16(Messages.events("V", BOOKMARK, EVENT_1))));
            ports.eventsEntered.await();

            assertThat(other.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat())).status()).isEqualTo(200);
            assertThat(other.post(ENUMERATE_PATH, Messages.enumerateCapture()).status()).isEqualTo(200);
            assertThat(blocked).isNotDone();

            ports.eventsGate.countDown();
            assertThat(blocked.get().status()).isEqualTo(200);
        } finally {
            background.shutdownNow();
        }
        assertThat(ports.batches).hasSize(1);
    }

    @Test
    void pipelined_requests_are_handled_one_at_a_time_in_order() throws Exception {
        ports.eventsGate = new CountDownLatch(1);
        try (WefClient machine = collector.connect(); WefClient other = collector.connect()) {
            WefClient pipelining = machine;
            byte[] events = pipelining.request("POST", HEARTBEAT_PATH, Messages.utf16(Messages.events("V", BOOKMARK, EVENT_1)));
            byte[] heartbeat = pipelining.request("POST", HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat()));
            byte[] both = new byte[events.length + heartbeat.length];
            System.arraycopy(events, 0, both, 0, events.length);
            System.arraycopy(heartbeat, 0, both, events.length, heartbeat.length);
            pipelining.send(both);
            ports.eventsEntered.await();

            // A full exchange on another connection: had the pipelined Heartbeat been read, it would be recorded by now.
            assertThat(other.post(ENUMERATE_PATH, Messages.enumerateCapture()).status()).isEqualTo(200);
            assertThat(ports.heartbeats).isEmpty();

            ports.eventsGate.countDown();
            assertThat(pipelining.read().text()).contains(ACK);
            assertThat(pipelining.read().text()).contains(ACK);
        }
        assertThat(ports.batches).hasSize(1);
        assertThat(ports.heartbeats).hasSize(1);
    }

    @Test
    void a_machine_that_leaves_mid_request_still_has_its_batch_recorded() throws Exception {
        ports.eventsGate = new CountDownLatch(1);
        try (WefClient machine = collector.connect()) {
            machine.send(machine.request("POST", HEARTBEAT_PATH, Messages.utf16(Messages.events("V", BOOKMARK, EVENT_1))));
            ports.eventsEntered.await();
        }
        ports.eventsGate.countDown();
        // The server still answers others, and the abandoned request ran to its end.
        try (WefClient machine = collector.connect()) {
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat())).status()).isEqualTo(200);
        }
        collector.close(); // waits for requests in flight
        assertThat(ports.batches).hasSize(1);
    }

    @Test
    void a_request_head_that_is_not_http_is_400_and_closes() throws IOException {
        try (WefClient machine = collector.connect()) {
            machine.send("POST /wsman HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n".getBytes());
            WefClient.Response response = machine.read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(machine.closedByServer()).isTrue();
        }
        try (WefClient machine = collector.connect()) {
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat())).status()).isEqualTo(200);
        }
    }
}
