package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwec.app.CliHarness.assertOneLineError;
import static org.openwec.app.CliHarness.assertUsageError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.app.CliHarness;
import org.openwec.app.CliHarness.Result;
import org.openwec.core.model.ClientFilter;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.ClientFilterKind;
import org.openwec.core.model.ClientFilterOperation;
import org.openwec.core.model.ContentFormat;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.port.out.Storage;

/** {@code subscriptions export} and {@code import} in both formats (docs/reference/cli.md §4.6, 4.7, 10), on the in-memory storage. */
class ImportExportTest {
    static final String WINDOWS = """
            <?xml version="1.0" encoding="UTF-16"?>
            <Subscription xmlns="http://schemas.microsoft.com/2006/03/windows/events/subscription">
            \t<SubscriptionId>Security-WEC</SubscriptionId>
            \t<SubscriptionType>SourceInitiated</SubscriptionType>
            \t<Description>Forwarded security events</Description>
            \t<Enabled>true</Enabled>
            \t<Uri>http://schemas.microsoft.com/wbem/wsman/1/windows/EventLog</Uri>
            \t<ConfigurationMode>Custom</ConfigurationMode>
            \t<Delivery Mode="Push">
            \t\t<Batching>
            \t\t\t<MaxItems>1</MaxItems>
            \t\t\t<MaxLatencyTime>900000</MaxLatencyTime>
            \t\t</Batching>
            \t\t<PushSettings>
            \t\t\t<Heartbeat Interval="1800500"/>
            \t\t</PushSettings>
            \t</Delivery>
            \t<Query><![CDATA[<QueryList><Query Id="0"><Select Path="Security">*</Select></Query></QueryList>]]></Query>
            \t<ReadExistingEvents>true</ReadExistingEvents>
            \t<TransportName>HTTP</TransportName>
            \t<ContentFormat>RenderedText</ContentFormat>
            \t<Locale Language="en-US"/>
            \t<LogFile>ForwardedEvents</LogFile>
            </Subscription>
            """;

    @TempDir
    Path dir;

    CliHarness h;

    @BeforeEach
    void setUp() {
        h = CliHarness.inMemory(dir);
        h.freshDatabase();
    }

    private Path fixture(String name) throws IOException {
        return TestData.write(h, name, CliTour.resource("fixtures/" + name));
    }

    private static byte[] utf16le(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[body.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(body, 0, bytes, 2, body.length);
        return bytes;
    }

    private List<Subscription> stored() {
        try (Storage s = TestData.storage(h)) {
            return s.subscriptions().subscriptions();
        }
    }

    @Test
    void anExportImportsBackIdenticalButDisabledWithNewInternalVersions() throws IOException {
        assertThat(h.cli("subscriptions", "load", "-y", "-r", "4f2a1c9",
                TestData.write(h, "ws.toml", CliTour.resource("fixtures/windows-security.toml")).toString()).code()).isZero();
        Subscription original = TestData.find(h, "windows-security");
        Result export = h.cli("subscriptions", "export");
        assertThat(export.out()).isEqualTo(CliTour.golden("export.json"));
        Path file = TestData.write(h, "export.json", export.out());
        assertThat(h.cli("subscriptions", "delete", "-y", "windows-security").code()).isZero();

        Result r = h.cli("subscriptions", "import", file.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("1 subscription has been imported. You may want to enable it using "
                + "`openwec subscriptions edit <name> --enable`.\n");
        Subscription imported = TestData.find(h, "windows-security");
        assertThat(imported.withEnabled(true)).usingRecursiveComparison().ignoringFields("internalVersion").isEqualTo(original);
        assertThat(imported.enabled()).isFalse();
        assertThat(imported.internalVersion()).isNotEqualTo(original.internalVersion());
    }

    @Test
    void anEmptyDatabaseExportsAnEmptyListWhichImportsAsNothing() {
        Result export = h.cli("subscriptions", "export");
        assertThat(export.out()).isEqualTo("{\"schema\":\"V3\",\"data\":{\"subscriptions\":[]}}\n");

        Result r = h.cli("subscriptions", "import", TestData.write(h, "empty.json", export.out()).toString());

        assertThat(r.out()).isEqualTo("No subscription have been imported.\n");
    }

    @Test
    void exportOfOneSubscriptionAndOfAnUnknownOne() {
        TestData.store(h, Subscription.create("alpha", "<QueryList/>"), Subscription.create("beta", "<QueryList/>"));

        assertThat(h.cli("subscriptions", "export", "-s", "beta").out()).contains("\"name\":\"beta\"").doesNotContain("alpha");
        assertOneLineError(h.cli("subscriptions", "export", "--subscription", "gamma"),
                "Subscription \"gamma\" could not be found in database");
    }

    @Test
    void schemaV1ImportsWithItsFilesAndTcpShapes() throws IOException {
        Result r = h.cli("subscriptions", "import", "--format", "openwec", fixture("export-v1.json").toString());

        assertThat(r.code()).as(r.toString()).isZero();
        Subscription s = TestData.find(h, "v1-sub");
        assertThat(s.uuid()).isEqualTo(UUID.fromString("11111111-1111-4111-8111-111111111111"));
        assertThat(s.revision()).isEqualTo("r1");
        assertThat(s.uri()).isEqualTo("/v1");
        assertThat(s.enabled()).isFalse();
        assertThat(s.parameters()).isEqualTo(new SubscriptionParameters("v1-sub", "<QueryList/>", 60, 2, 30, 10, null, 1000,
                true, ContentFormat.RenderedText, false, "fr-FR", null));
        assertThat(s.clientFilter()).isEqualTo(ClientFilter.of(ClientFilterOperation.Only, ClientFilterKind.Client,
                ClientFilterFlags.NONE, List.of("WIN10$@WINDOMAIN.LOCAL")));
        assertThat(s.outputs()).containsExactly(
                new Output(OutputFormat.Json, new OutputDriver.Files("/var/log/{ip}/{client}/messages"), true),
                new Output(OutputFormat.Raw, OutputDriver.Tcp.plain("10.0.0.1", 514), false));
    }

    @Test
    void schemaV2Imports() throws IOException {
        Result r = h.cli("subscriptions", "import", fixture("export-v2.json").toString());

        assertThat(r.code()).as(r.toString()).isZero();
        Subscription s = TestData.find(h, "v2-sub");
        assertThat(s.clientFilter()).isNull();
        assertThat(s.parameters().maxElements()).isEqualTo(50L);
        assertThat(s.parameters().dataLocale()).isEqualTo("en-US");
        assertThat(s.outputs()).containsExactly(
                new Output(OutputFormat.RawJson, new OutputDriver.Tcp("siem", 6000, true, List.of("/ca.pem"), "/c.pem", "/k.pem"), true),
                new Output(OutputFormat.Nxlog, new OutputDriver.Kafka("t", Map.of("acks", "all")), true),
                new Output(OutputFormat.Raw, new OutputDriver.Files("/x/{ip}"), true));
    }

    @Test
    void anImportOverwritesTheSubscriptionWithTheSameUuidInPlace() throws IOException {
        Path v2 = fixture("export-v2.json");
        assertThat(h.cli("subscriptions", "import", v2.toString()).code()).isZero();
        UUID uuid = TestData.find(h, "v2-sub").uuid();
        try (Storage s = TestData.storage(h)) {
            s.bookmarks().storeBookmark("M", uuid, "<BookmarkList/>");
        }
        TestData.write(h, "export-v2.json", Files.readString(v2).replace("\"v2-sub\"", "\"renamed\""));

        assertThat(h.cli("subscriptions", "import", v2.toString()).code()).isZero();

        assertThat(stored()).extracting(Subscription::name).containsExactly("renamed");
        assertThat(h.cli("bookmarks", "show", "renamed").out()).isEqualTo("M:<BookmarkList/>\n");
    }

    /** Reference weakness: subscriptions were stored one by one, so a clash on the second left the first imported. */
    @Test
    void anImportIsAllOrNothing() throws IOException {
        // On SQLite: the message names the clash in the SQL adapters' words.
        h = new CliHarness(dir);
        h.freshDatabase();
        TestData.store(h, Subscription.create("taken", "<QueryList/>"));
        String export = CliTour.golden("export.json").strip();
        String first = export.substring(export.indexOf("[{") + 1, export.lastIndexOf("}]") + 1);
        String second = first.replace("5f3a9c2e-8b1d-4e6f-a7c0-1d2e3f4a5b6c", "6f3a9c2e-8b1d-4e6f-a7c0-1d2e3f4a5b6c")
                .replace("\"name\":\"windows-security\"", "\"name\":\"taken\"");
        String both = "{\"schema\":\"V3\",\"data\":{\"subscriptions\":[" + first + "," + second + "]}}";
        Path file = TestData.write(h, "both.json", both);
        Map<String, String> before = h.snapshot();

        Result r = h.cli("subscriptions", "import", file.toString());

        assertOneLineError(r, "share a name", "nothing was changed");
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void malformedExportsAreReported() {
        for (String[] bad : new String[][] {
                {"{\"schema\":\"V3\",\"data\":{\"subscriptions\":[}", "not valid JSON"},
                {"{\"schema\":\"V3\",\"data\":{\"subscriptions\":[]}} trailing", "not valid JSON"},
                {"[]", "must be a JSON object"},
                {"{\"schema\":\"V4\",\"data\":{\"subscriptions\":[]}}", "unknown schema \"V4\""},
                {"{\"schema\":\"V3\"}", "missing field data"},
                {"{\"schema\":\"V3\",\"schema\":\"V3\",\"data\":{\"subscriptions\":[]}}", "Duplicate field 'schema'"},
                {"{\"schema\":\"V3\",\"data\":{\"subscriptions\":[{\"uuid\":\"x\"}]}}", "uuid is not a UUID"},
                {CliTour.golden("export.json").replace("\"heartbeat_interval\":3600", "\"heartbeat_interval\":-1"),
                        "heartbeat_interval must be an integer from 0 to 4294967295, found -1"},
                {CliTour.golden("export.json").replace("\"max_time\":30", "\"max_time\":\"30\""), "max_time must be an integer"},
                {CliTour.golden("export.json").replace("\"Raw\",\"driver\"", "\"raw\",\"driver\""), "unknown output format \"raw\""},
                {CliTour.golden("export.json").replace("\"Files\"", "\"Syslog\""), "unknown driver \"Syslog\""},
                {CliTour.golden("export.json").replace("\"flags\":\"CaseInsensitive\"", "\"flags\":\"Nope\""), "unknown filter flag"},
                {CliTour.golden("export.json").replace("\"name\":\"windows-security\"", "\"name\":\"\""), "name must not be blank"}}) {
            Result r = h.cli("subscriptions", "import", TestData.write(h, "bad.json", bad[0]).toString());
            assertOneLineError(r, bad[1]);
        }
        assertOneLineError(h.cli("subscriptions", "import", dir.resolve("absent.json").toString()), "does not exist");
        assertUsageError(h.cli("subscriptions", "import", "--format", "xml", "x"), "xml");
        assertThat(stored()).isEmpty();
    }

    /** Reference weakness: Windows milliseconds were stored as seconds (a 15-minute latency became 10 days). */
    @Test
    void aWindowsSubscriptionImportsWithItsIntervalsInSeconds() throws IOException {
        Path file = dir.resolve("security.xml");
        Files.write(file, utf16le(WINDOWS));

        Result r = h.cli("subscriptions", "import", "--format", "windows", file.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("1 subscription has been imported.");
        Subscription s = TestData.find(h, "Security-WEC");
        assertThat(s.enabled()).isFalse();
        assertThat(s.outputs()).isEmpty();
        assertThat(s.parameters()).isEqualTo(new SubscriptionParameters("Security-WEC",
                "<QueryList><Query Id=\"0\"><Select Path=\"Security\">*</Select></Query></QueryList>", 1801, 5, 60, 900, null,
                512_000, true, ContentFormat.RenderedText, true, null, null));
    }

    @Test
    void windowsExportsWithoutBomOrInUtf8ReadToo() throws IOException {
        Path noBom = dir.resolve("nobom.xml");
        Files.write(noBom, WINDOWS.getBytes(StandardCharsets.UTF_16LE));
        assertThat(h.cli("subscriptions", "import", "-f", "windows", noBom.toString()).code()).isZero();

        Path utf8 = dir.resolve("utf8.xml");
        Files.writeString(utf8, WINDOWS.replace("Security-WEC", "Security-UTF8").replace("UTF-16", "UTF-8"));
        assertThat(h.cli("subscriptions", "import", "-f", "windows", utf8.toString()).code()).isZero();
        assertThat(stored()).extracting(Subscription::name).containsExactly("Security-UTF8", "Security-WEC");
    }

    @Test
    void invalidWindowsExportsAreReported() throws IOException {
        for (String[] bad : new String[][] {
                {WINDOWS.replace("events/subscription\"", "events/other\""), "Invalid subscription format"},
                {WINDOWS.replace("SourceInitiated", "CollectorInitiated"), "SubscriptionType must be SourceInitiated"},
                {WINDOWS.replace("windows/EventLog", "windows/Other"), "Invalid subscription Uri"},
                {WINDOWS.replace("Mode=\"Push\"", "Mode=\"Pull\""), "Invalid delivery mode \"Pull\""},
                {WINDOWS.replace("900000", "soon"), "MaxLatencyTime must be a number of milliseconds"},
                {WINDOWS.replace("900000", "99999999999"), "MaxLatencyTime must be from 0 to 4294967295"},
                {WINDOWS.replace("<ReadExistingEvents>true", "<ReadExistingEvents>yes"), "ReadExistingEvents must be true or false"},
                {WINDOWS.replace(">RenderedText<", ">Rendered<"), "ContentFormat must be Raw or RenderedText"},
                {WINDOWS.replace("<SubscriptionId>Security-WEC</SubscriptionId>", ""), "no SubscriptionId"},
                {WINDOWS.replace("</Subscription>", ""), "not well-formed XML"},
                {WINDOWS.replace("<Subscription ", "<!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Subscription "), "DOCTYPE"}}) {
            Path file = dir.resolve("bad.xml");
            Files.write(file, utf16le(bad[0]));
            assertOneLineError(h.cli("subscriptions", "import", "-f", "windows", file.toString()), bad[1]);
        }
        Path odd = dir.resolve("odd.xml");
        Files.write(odd, new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00, (byte) 0xD8});
        assertOneLineError(h.cli("subscriptions", "import", "-f", "windows", odd.toString()), "not UTF-16 text");
        assertThat(stored()).isEmpty();
    }
}
