package org.openwec.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.app.server.ServerFixture.MACHINE;
import static org.openwec.app.server.ServerFixture.NOW;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.adapters.wef.BodyText;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.Storage;

/**
 * openwecd end to end, in-process, on a real database: a machine with its own certificate talks HTTPS to the
 * collector the wiring builds from a settings file, as Windows does (Enumerate, Events with bookmarks, Heartbeats
 * plain and SLDC-compressed, End); then the database and the output files are read. Time moves only when the test
 * advances the manual clock and scheduler. Each backend runs the same cases.
 */
abstract class CollectorServerContract {
    private static final String EARLIEST = "http://schemas.dmtf.org/wbem/wsman/1/wsman/bookmark/earliest";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    ServerFixture fixture;
    Subscription security;
    Subscription captured;

    abstract ServerFixture fixture(Path dir);

    @BeforeEach
    void start() {
        fixture = fixture(dir);
        security = fixture.subscription("security", OutputFormat.Raw, OutputFormat.RawJson, OutputFormat.Json,
                OutputFormat.Nxlog);
        security = security.withParameters(security.parameters().withReadExistingEvents(true));
        captured = fixture.capturedSubscription();
        fixture.database(security, captured).start();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void a_machine_enumerates_sends_events_and_heartbeats_and_ends() throws Exception {
        Machine machine = fixture.machine();
        Storage db = fixture.storage();

        // Enumerate: both subscriptions, at the configured host and advertized port; nothing stored yet, and
        // "security" reads existing events, so it starts from the earliest.
        Machine.Answer enumerate = machine.enumerate();
        assertThat(enumerate.status()).isEqualTo(200);
        List<Machine.Offer> offers = Machine.offers(enumerate);
        assertThat(offers).extracting(Machine.Offer::identifier)
                .containsExactlyInAnyOrder(captured.storedKey(), security.storedKey());
        Machine.Offer offer = offer(offers, security);
        assertThat(offer.address()).isEqualTo("https://wec.test:5986/wsman/subscriptions/" + security.storedKey());
        assertThat(offer.bookmark()).isEqualTo(EARLIEST);
        assertThat(offer(offers, captured).bookmark()).isNull();
        assertThat(enumerate.text()).contains(ServerFixture.CA.thumbprint());

        // Events with a bookmark: acknowledged once every output has them and the bookmark is stored.
        String first = Messages.event(4624, 1001);
        String second = Messages.event(4688, 1002);
        assertThat(machine.events(offer.identifier(), offer.version(), Messages.bookmark(1002), first, second).isAck())
                .isTrue();
        assertThat(db.bookmarks().bookmark(MACHINE, security.uuid())).contains(Messages.bookmark(1002));

        // The next Enumerate resumes from the stored bookmark.
        assertThat(offer(Machine.offers(machine.enumerate()), security).bookmark()).isEqualTo(Messages.bookmark(1002));

        // Heartbeats, plain and as Windows compresses them; nothing reaches the database before the flush.
        assertThat(machine.heartbeat(security.storedKey()).isAck()).isTrue();
        assertThat(machine.post(Messages.subscriptionPath(captured.storedKey()), Messages.capturedHeartbeatSldc(),
                "Content-Encoding", "SLDC").isAck()).isTrue();
        assertThat(db.heartbeats().heartbeats(HeartbeatQuery.all())).isEmpty();

        fixture.advance(Duration.ofSeconds(5));

        assertThat(heartbeat(db, security)).satisfies(h -> {
            assertThat(h.ip()).isEqualTo("127.0.0.1");
            assertThat(h.firstSeen()).isEqualTo(NOW);
            assertThat(h.lastSeen()).isEqualTo(NOW);
            assertThat(h.lastEventSeen()).isEqualTo(NOW);
        });
        assertThat(heartbeat(db, captured)).satisfies(h -> {
            assertThat(h.lastSeen()).isEqualTo(NOW);
            assertThat(h.lastEventSeen()).isNull();
        });

        Machine.Answer end = machine.end(security.storedKey());
        assertThat(end.status()).isEqualTo(200);
        assertThat(end.text()).isEmpty();

        // Each format's file, one line per event.
        assertThat(Files.readString(fixture.output(OutputFormat.Raw, MACHINE))).isEqualTo(first + "\n" + second + "\n");
        List<JsonNode> rawJson = lines(OutputFormat.RawJson);
        assertThat(rawJson).hasSize(2);
        assertThat(rawJson.get(0).path("data").asText()).isEqualTo(first);
        assertThat(rawJson.get(0).path("meta").path("Client").asText()).isEqualTo(MACHINE);
        assertThat(rawJson.get(0).path("meta").path("IpAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(rawJson.get(0).path("meta").path("Node").asText()).isEqualTo("test-node");
        assertThat(rawJson.get(0).path("meta").path("Subscription").path("Uuid").asText())
                .isEqualToIgnoringCase(security.storedKey());
        List<JsonNode> json = lines(OutputFormat.Json);
        assertThat(json).extracting(line -> line.path("System").path("EventID").asInt()).containsExactly(4624, 4688);
        assertThat(json.get(0).path("EventData").path("TargetUserName").asText()).isEqualTo("alice");
        assertThat(json.get(0).path("OpenWEC").path("Subscription").path("Name").asText()).isEqualTo("security");
        List<JsonNode> nxlog = lines(OutputFormat.Nxlog);
        assertThat(nxlog).extracting(line -> line.path("EventID").asInt()).containsExactly(4624, 4688);
        assertThat(nxlog.get(0).path("Hostname").asText()).isEqualTo(MACHINE);
    }

    @Test
    void certificates_of_another_ca_expired_or_without_cn_are_refused_and_the_collector_keeps_serving()
            throws Exception {
        TestPki.Issued otherCa = TestPki.ca("another CA");
        List<TestPki.Issued> refused = List.of(TestPki.machine(otherCa, MACHINE),
                TestPki.expiredMachine(ServerFixture.CA, MACHINE), TestPki.machineWithoutCn(ServerFixture.CA));
        try (LogRecorder log = new LogRecorder("org.openwec.adapters.wef")) {
            for (TestPki.Issued certificate : refused) {
                Machine intruder = fixture.machine(certificate);
                assertThatThrownBy(intruder::enumerate).as(certificate.certificate().getSubjectX500Principal().getName())
                        .isInstanceOf(IOException.class);
            }
            assertThat(fixture.machine().enumerate().status()).isEqualTo(200);
            assertThat(log.lines()).filteredOn(line -> line.contains("TLS handshake")).hasSize(3)
                    .anySatisfy(line -> assertThat(line).contains("unable to find valid certification path"))
                    .anySatisfy(line -> assertThat(line).contains("validity check failed"))
                    .anySatisfy(line -> assertThat(line).contains("has no CN"));
        }
    }

    @Test
    void a_malformed_request_is_answered_and_the_collector_keeps_serving() throws Exception {
        Machine machine = fixture.machine();
        assertThat(machine.post(Messages.ENUMERATE_PATH, BodyText.encode("<s:Envelope>not quite SOAP")).status())
                .isEqualTo(500);
        assertThat(machine.post(Messages.ENUMERATE_PATH, Messages.enumerate(), "Content-Encoding", "gzip").status())
                .isEqualTo(400);
        assertThat(machine.post(Messages.subscriptionPath(security.storedKey()),
                BodyText.encode(Messages.events(security.storedKey(), null, Messages.bookmark(1), "<E/>"))).status())
                .as("Events without Version").isEqualTo(400);
        assertThat(machine.heartbeat("6D3F5B0A-0000-4000-8000-000000000000").status()).as("unknown subscription")
                .isEqualTo(404);
        assertThat(machine.enumerate().status()).isEqualTo(200);
        assertThat(machine.heartbeat(security.storedKey()).isAck()).isTrue();
    }

    @Test
    void sighup_reloads_the_subscriptions_and_reopens_the_output_files() throws Exception {
        Machine machine = fixture.machine();
        String version = offer(Machine.offers(machine.enumerate()), security).version();
        assertThat(machine.events(security.storedKey(), version, Messages.bookmark(1), "<one/>").isAck()).isTrue();

        Subscription added = fixture.subscription("added later", OutputFormat.Raw);
        fixture.storage().subscriptions().storeSubscription(added);
        assertThat(Machine.offers(machine.enumerate())).as("not before the next reload").hasSize(2);
        Path raw = fixture.output(OutputFormat.Raw, MACHINE);
        Path rotated = raw.resolveSibling("rotated.log");
        Files.move(raw, rotated); // logrotate, then SIGHUP

        Subscription kafka = Subscription.create("kafka", ServerFixture.QUERY).withOutputs(List.of(
                new Output(OutputFormat.Json, new OutputDriver.Kafka("events", Map.of()), true)));
        fixture.storage().subscriptions().storeSubscription(kafka);

        try (LogRecorder log = new LogRecorder("org.openwec.app.wiring")) {
            assertThat(fixture.server.reload()).isTrue();
            assertThat(log.lines()).as("logged, not refused: the other subscriptions go on")
                    .contains("WARN Output that cannot be written: subscription \"kafka\" (" + kafka.storedKey()
                            + "), output 0 (Kafka, Json): the Kafka driver is not implemented by this collector;"
                            + " disable the output or remove it");
        }

        assertThat(Machine.offers(machine.enumerate())).extracting(Machine.Offer::identifier)
                .contains(added.storedKey(), kafka.storedKey());
        assertThat(machine.events(security.storedKey(), version, Messages.bookmark(2), "<two/>").isAck()).isTrue();
        assertThat(Files.readString(rotated)).isEqualTo("<one/>\n");
        assertThat(Files.readString(raw)).as("reopened at its path").isEqualTo("<two/>\n");
    }

    @Test
    void metrics_count_messages_machines_and_output_failures() throws Exception {
        Machine machine = fixture.machine();
        String version = offer(Machine.offers(machine.enumerate()), security).version();
        assertThat(machine.events(security.storedKey(), version, Messages.bookmark(1), "<one/>").isAck()).isTrue();
        assertThat(metrics()).contains("openwec_input_messages_total{action=\"enumerate\"} 1.0")
                .contains("openwec_input_messages_total{action=\"events\"} 1.0")
                .doesNotContain("openwec_machines{");

        fixture.advance(Duration.ofSeconds(30)); // the heartbeats are flushed (5 s), then the gauge refreshed (30 s)

        assertThat(metrics()).contains("openwec_machines{state=\"Active\",subscription_name=\"security\","
                        + "subscription_uuid=\"" + security.storedKey() + "\"} 1.0")
                .contains("openwec_machines{state=\"Dead\",subscription_name=\"captured\",subscription_uuid=\""
                        + captured.storedKey() + "\"} 0.0");

        // An output that cannot be written: the batch is refused (the machine sends it again), and counted.
        Files.createDirectories(dir.resolve("a-directory"));
        Subscription broken = Subscription.create("broken", ServerFixture.QUERY).withOutputs(List.of(
                new Output(OutputFormat.Raw, new OutputDriver.Files(dir.resolve("a-directory").toString()), true)));
        fixture.storage().subscriptions().storeSubscription(broken);
        fixture.server.reload();
        String brokenVersion = offer(Machine.offers(machine.enumerate()), broken).version();
        assertThat(machine.events(broken.storedKey(), brokenVersion, Messages.bookmark(1), "<one/>").status())
                .isEqualTo(503);
        assertThat(fixture.storage().bookmarks().bookmark(MACHINE, broken.uuid())).isEmpty();
        assertThat(metrics()).contains("openwec_output_driver_failures_total{driver=\"Files\",subscription_name="
                + "\"broken\",subscription_uuid=\"" + broken.storedKey() + "\"} 1.0");
    }

    @Test
    void stopping_answers_commits_and_flushes_then_refuses_connections() throws Exception {
        Machine machine = fixture.machine();
        String version = offer(Machine.offers(machine.enumerate()), security).version();
        assertThat(machine.events(security.storedKey(), version, Messages.bookmark(5), "<one/>").isAck()).isTrue();
        assertThat(machine.heartbeat(captured.storedKey()).isAck()).isTrue();
        int port = fixture.port();

        fixture.server.close();

        Storage db = fixture.storage();
        assertThat(db.bookmarks().bookmark(MACHINE, security.uuid())).contains(Messages.bookmark(5));
        assertThat(heartbeat(db, security).lastEventSeen()).as("flushed at the stop, no tick needed").isEqualTo(NOW);
        assertThat(heartbeat(db, captured).lastSeen()).isEqualTo(NOW);
        assertThat(fixture.scheduler.repeating()).as("no periodic task left").isEmpty();
        try (Machine late = new Machine(ServerFixture.MACHINE_CERTIFICATE.clientContext(ServerFixture.CA), port)) {
            assertThatThrownBy(late::enumerate).isInstanceOf(IOException.class);
        }
    }

    private static Machine.Offer offer(List<Machine.Offer> offers, Subscription subscription) {
        return offers.stream().filter(o -> o.identifier().equals(subscription.storedKey())).findFirst()
                .orElseThrow(() -> new AssertionError(subscription.name() + " not offered: " + offers));
    }

    private static Heartbeat heartbeat(Storage db, Subscription subscription) {
        List<Heartbeat> rows = db.heartbeats().heartbeats(HeartbeatQuery.byMachine(MACHINE, subscription.uuid()));
        assertThat(rows).as("heartbeat of " + subscription.name()).hasSize(1);
        return rows.getFirst();
    }

    private List<JsonNode> lines(OutputFormat format) throws IOException {
        return Files.readAllLines(fixture.output(format, MACHINE)).stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError(format + " line is not JSON: " + line, e);
            }
        }).toList();
    }

    private String metrics() throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + fixture.server.metricsPort().orElseThrow() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }
}
