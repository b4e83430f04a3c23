package org.openwec.adapters.wef.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.adapters.wef.http.Messages.BOOKMARK;
import static org.openwec.adapters.wef.http.Messages.ENUMERATE_PATH;
import static org.openwec.adapters.wef.http.Messages.EVENT_1;
import static org.openwec.adapters.wef.http.Messages.HEARTBEAT_PATH;
import static org.openwec.adapters.wef.http.Messages.HEARTBEAT_SUBSCRIPTION;
import static org.openwec.adapters.wef.http.Messages.MACHINE_ID;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openwec.adapters.wef.BodyText;
import org.openwec.adapters.wef.kerberos.EncryptedBody;
import org.openwec.adapters.wef.kerberos.Scheme;
import org.openwec.adapters.wef.kerberos.TestInitiator;
import org.openwec.adapters.wef.kerberos.TestKdc;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.Subscription;

/**
 * A Kerberos listener seen from a machine authenticated by the KDC the tests start: the exchange of OpenWEC
 * doc/protocol.md (a41b95f) - a first request with the token and an empty body, answered 200 with the reply
 * token, then encrypted messages on the same connection - and the refusals.
 */
class KerberosServerTest {

    private static final String MACHINE = TestKdc.MACHINE;

    private static TestKdc kdc;
    private static TestInitiator machine;

    private final Subscription subscription = TestPorts.activeSubscription(HEARTBEAT_SUBSCRIPTION, "security");
    private TestPorts ports;
    private WefServer server;

    @BeforeAll
    static void realm() {
        kdc = TestKdc.get();
        machine = kdc.machine(MACHINE);
    }

    @BeforeEach
    void start() {
        ports = new TestPorts().with(subscription);
        server = start(kdc.serviceKeytab());
    }

    /** Body sizes as the metrics see them: {received, decoded} per request with a body. */
    private final List<long[]> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();

    private WefServer start(Path keytab) {
        ServerMetrics metrics = new ServerMetrics() {
            @Override
            public void bodyReceived(String uri, String machine, long bytes) {
                sizes.add(new long[] {bytes, -1});
            }

            @Override
            public void bodyDecoded(String uri, String machine, long bytes) {
                sizes.getLast()[1] = bytes;
            }
        };
        return WefServer.start(new CollectorListener(null, "127.0.0.1", 0, 5985, 512_000, false,
                new CollectorListener.Kerberos(keytab, TestKdc.SERVICE)), ports.ports(),
                TestCollector.options().withMetrics(metrics));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The first request of a connection, as Windows sends it: the token, an empty body. */
    private static TestInitiator.Context authenticate(WefClient client, Scheme scheme) throws Exception {
        TestInitiator.Context context = machine.connect(TestKdc.SERVICE, scheme);
        WefClient.Response response = client.post(ENUMERATE_PATH, new byte[0], "Authorization: " + context.authorization(),
                "Content-Type: application/soap+xml;charset=UTF-16");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        context.reply(response.header("WWW-Authenticate"));
        assertThat(context.established()).isTrue();
        return context;
    }

    private static WefClient.Response postSealed(WefClient client, TestInitiator.Context context, String uri,
                                                 byte[] plain, String... headers) throws Exception {
        String[] all = new String[headers.length + 1];
        all[0] = "Content-Type: " + context.contentType();
        System.arraycopy(headers, 0, all, 1, headers.length);
        return client.post(uri, context.seal(plain), all);
    }

    private static String opened(TestInitiator.Context context, WefClient.Response response) throws Exception {
        return BodyText.decode(context.open(response.header("Content-Type"), response.body())).text();
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void enumerate_heartbeat_and_events_go_through_encrypted_messages(Scheme scheme) throws Exception {
        ports.bookmarks.put(subscription.uuid(), BOOKMARK);
        String version = "6A1F0C2C-5BB7-4A21-6A1F-0C2C5BB74A21";
        try (WefClient client = WefClient.plain(server.port())) {
            TestInitiator.Context context = authenticate(client, scheme);

            WefClient.Response enumerate = postSealed(client, context, ENUMERATE_PATH, Messages.enumerateCapture());
            assertThat(enumerate.status()).isEqualTo(200);
            // Received: the multipart body as sent; decoded: the plain text (OpenWEC's network and real sizes).
            assertThat(sizes).singleElement().satisfies(size -> {
                int plain = Messages.enumerateCapture().length;
                assertThat(size[0]).isEqualTo(EncryptedBody.format(scheme, new byte[4 + 60 + plain], plain).length);
                assertThat(size[1]).isEqualTo(Messages.enumerateCapture().length);
            });
            assertThat(enumerate.header("Content-Type")).isEqualTo("multipart/encrypted;protocol=\""
                    + scheme.protocol() + "\";boundary=\"Encrypted Boundary\"");
            assertThat(opened(context, enumerate))
                    .contains("http://schemas.xmlsoap.org/ws/2004/09/enumeration/EnumerateResponse")
                    .contains("http://srv.windomain.local:5985/wsman/subscriptions/" + subscription.storedKey())
                    .contains(BOOKMARK);

            WefClient.Response heartbeat = postSealed(client, context, HEARTBEAT_PATH, Messages.heartbeatSldc(),
                    "Content-Encoding: SLDC");
            assertThat(heartbeat.status()).isEqualTo(200);
            assertThat(opened(context, heartbeat)).contains("http://schemas.dmtf.org/wbem/wsman/1/wsman/Ack");

            WefClient.Response events = postSealed(client, context, HEARTBEAT_PATH,
                    Messages.utf16(Messages.events(version, BOOKMARK, EVENT_1)));
            assertThat(events.status()).isEqualTo(200);
            assertThat(opened(context, events)).contains("http://schemas.dmtf.org/wbem/wsman/1/wsman/Ack");
        }
        // The client principal is the machine's name for every use case.
        assertThat(ports.enumerates).containsExactly(new TestPorts.EnumerateCall(MACHINE, MACHINE_ID, ENUMERATE_PATH));
        assertThat(ports.heartbeats).containsExactly(
                new TestPorts.HeartbeatCall(MACHINE, MACHINE_ID, "127.0.0.1", HEARTBEAT_SUBSCRIPTION));
        assertThat(ports.batches).containsExactly(new EventsBatch(MACHINE, MACHINE_ID, "127.0.0.1",
                HEARTBEAT_SUBSCRIPTION, version, null, List.of(EVENT_1), BOOKMARK, TestCollector.NOW));
    }

    @Test
    void without_a_token_the_answer_is_401_with_both_challenges_and_the_connection_stays() throws Exception {
        try (WefClient client = WefClient.plain(server.port())) {
            WefClient.Response refused = client.post(ENUMERATE_PATH, Messages.enumerateCapture());

            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).isEqualTo("Kerberos, Negotiate");
            assertThat(ports.enumerates).isEmpty();

            TestInitiator.Context context = authenticate(client, Scheme.KERBEROS);
            assertThat(postSealed(client, context, ENUMERATE_PATH, Messages.enumerateCapture()).status()).isEqualTo(200);
        }
    }

    @Test
    void an_unencrypted_body_is_refused_with_400() throws Exception {
        try (WefClient client = WefClient.plain(server.port())) {
            authenticate(client, Scheme.KERBEROS);

            WefClient.Response response = client.post(HEARTBEAT_PATH, Messages.heartbeatSldc(),
                    "Content-Type: application/soap+xml;charset=UTF-16", "Content-Encoding: SLDC");

            assertThat(response.status()).isEqualTo(400);
        }
        assertThat(ports.heartbeats).isEmpty();
    }

    @Test
    void a_tampered_or_replayed_body_is_refused_with_400() throws Exception {
        try (WefClient client = WefClient.plain(server.port())) {
            TestInitiator.Context context = authenticate(client, Scheme.KERBEROS);
            byte[] body = context.seal(Messages.heartbeatSldc());
            byte[] tampered = body.clone();
            int end = new String(tampered, StandardCharsets.ISO_8859_1).lastIndexOf("--Encrypted Boundary--");
            tampered[end - 5] ^= 0x40;
            String type = "Content-Type: " + context.contentType();

            assertThat(client.post(HEARTBEAT_PATH, tampered, type, "Content-Encoding: SLDC").status()).isEqualTo(400);
            assertThat(client.post(HEARTBEAT_PATH, body, type, "Content-Encoding: SLDC").status()).isEqualTo(200);
            assertThat(client.post(HEARTBEAT_PATH, body, type, "Content-Encoding: SLDC").status()).isEqualTo(400);
        }
        assertThat(ports.heartbeats).hasSize(1);
    }

    @Test
    void a_replayed_token_is_refused_with_401() throws Exception {
        TestInitiator.Context context = machine.connect(TestKdc.SERVICE, Scheme.KERBEROS);
        String authorization = "Authorization: " + context.authorization();
        try (WefClient first = WefClient.plain(server.port())) {
            assertThat(first.post(ENUMERATE_PATH, new byte[0], authorization).status()).isEqualTo(200);
        }
        try (WefClient replay = WefClient.plain(server.port())) {
            WefClient.Response response = replay.post(ENUMERATE_PATH, new byte[0], authorization);

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Kerberos, Negotiate");
        }
    }

    @Test
    void an_expired_ticket_is_refused_with_401() throws Exception {
        try (WefClient client = WefClient.plain(server.port())) {
            WefClient.Response response = client.post(ENUMERATE_PATH, new byte[0],
                    "Authorization: " + kdc.expiredTicket(MACHINE));

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Kerberos, Negotiate");
        }
    }

    @Test
    void a_collector_with_another_key_of_the_service_refuses_the_ticket() throws Exception {
        server.close();
        server = start(kdc.staleServiceKeytab());
        try (WefClient client = WefClient.plain(server.port())) {
            TestInitiator.Context context = machine.connect(TestKdc.SERVICE, Scheme.NEGOTIATE);

            assertThat(client.post(ENUMERATE_PATH, new byte[0], "Authorization: " + context.authorization()).status())
                    .isEqualTo(401);
        }
    }

    @Test
    void a_missing_keytab_stops_the_start_with_one_line(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("wec.keytab");

        assertThatThrownBy(() -> start(missing)).isInstanceOf(CollectorListenerException.class)
                .hasMessage("keytab " + missing + " does not exist: set [server] keytab to the file exported for "
                        + TestKdc.SERVICE);
    }
}
