package org.openwec.adapters.testkit.released;

import static org.openwec.adapters.testkit.released.ExpectedLoss.blocking;
import static org.openwec.adapters.testkit.released.ExpectedLoss.lossy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.openwec.adapters.testkit.SubscriptionTestData;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.ClientFilter;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.ClientFilterKind;
import org.openwec.core.model.ClientFilterOperation;
import org.openwec.core.model.ContentFormat;
import org.openwec.core.model.HeartbeatRecord;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;

/**
 * The catalogue: one database per {@link ReleasedState}, built from the facts of docs/reference/schema.md and
 * docs/reference/stored-formats.md. Each holds several subscriptions written the way that version wrote them,
 * {@value #BOOKMARKS} bookmarks and {@value #HEARTBEATS} heartbeats, all generated deterministically.
 * Every released state has migration 4, so every heartbeats row has a {@code last_event_seen} column; it is
 * NULL for the machines that only ever sent heartbeats.
 *
 * <p>How each database behaves on the way down is designed, not incidental:
 * <ul>
 *   <li>v0.1.0 goes down to 12, 11 and 5 without losing anything (only Json/Raw outputs, Tcp with
 *       {@code addr}, Files configs the legacy fields express, no column v0.1.0 did not have), so the
 *       round trip through every released state really runs;</li>
 *   <li>v0.2.x goes down to 12 losslessly; to 11 it would lose a Files path that came from an absolute
 *       {@code filename}; to 5 it is blocked by its RawJson and Nxlog outputs;</li>
 *   <li>v0.3.0 goes down to 12 and to 11 losslessly, which exercises the {@code {principal}} to
 *       {@code {client}} normalisation ({@link FixtureSubscription#expectedAfterRoundTripThrough}); to 5 it is
 *       blocked by RawJson and Nxlog;</li>
 *   <li>the latest is lossy everywhere: flagged and MachineID filters and max_elements below 14,
 *       a Files path the legacy fields cannot express below 12, and Tcp outputs written with {@code host}
 *       (plus RawJson) block going below 9.</li>
 * </ul>
 */
public final class ReleasedFixtures {
    public static final int BOOKMARKS = 2_000;
    public static final int HEARTBEATS = 2_000;

    static final String SYSMON_QUERY = """
            <QueryList>
                <Query Id="0">
                    <Select Path="Microsoft-Windows-Sysmon/Operational">*</Select>
                </Query>
            </QueryList>
            """;
    static final String POWERSHELL_QUERY = "<QueryList><Query Id=\"0\">"
            + "<Select Path=\"Microsoft-Windows-PowerShell/Operational\">*[System[(EventID=4103 or EventID=4104)]]</Select>"
            + "<Select Path=\"Windows PowerShell\">*</Select></Query></QueryList>";
    static final String LOGON_QUERY = "<QueryList><Query Id=\"0\" Path=\"Security\">"
            + "<Select Path=\"Security\">*[System[(EventID=4624 or EventID=4625 or EventID=4634)]]</Select>"
            + "<Suppress Path=\"Security\">*[EventData[Data[@Name='TargetUserName']='ANONYMOUS LOGON']]</Suppress>"
            + "</Query></QueryList>";
    static final String FIREWALL_QUERY = "<QueryList><Query Id=\"0\">"
            + "<Select Path=\"Security\">*[System[(EventID &gt;= 5152 and EventID &lt;= 5159)]]</Select>"
            + "</Query></QueryList>\n";

    private ReleasedFixtures() {}

    public static ReleasedFixture of(ReleasedState state) {
        return switch (state) {
            case V0_1_0 -> v010();
            case V0_2 -> v02();
            case V0_3_0 -> v030();
            case LATEST -> latest();
        };
    }

    public static List<ReleasedFixture> all() {
        return Arrays.stream(ReleasedState.values()).map(ReleasedFixtures::of).toList();
    }

    // ------------------------------------------------------------------ v0.1.0: schema 1-5

    /**
     * v0.1.0 wrote outputs as {@code {"Driver":[format, config, enabled]}} with the v9-era config structs
     * (Files: base, split_on_addr_index, append_node_name, filename) and formats Json/Raw only; it had no
     * content format, channel-error, filter, revision, locale or max_elements column. After the upgrade the
     * reference back-fills content_format RenderedText (v6) and ignore_channel_error true (v7).
     */
    private static ReleasedFixture v010() {
        ReleasedState s = ReleasedState.V0_1_0;
        List<FixtureSubscription> subscriptions = List.of(
                new Row(s, "3F2504E0-4F89-41D3-9A0C-0305E82C3301", "9b2f6c1e-5a7d-4e3b-8c9a-1d2e3f4a5b60",
                        "security-events", SubscriptionTestData.SECURITY_QUERY)
                        .outputs("""
                                [{"Files":["Json",{"base":"/var/log/openwec","split_on_addr_index":null,
                                "append_node_name":false,"filename":"messages"},true]},
                                {"Kafka":["Raw",{"topic":"openwec-security","options":{"bootstrap.servers":
                                "kafka1:9092,kafka2:9092","security.protocol":"SSL"}},true]}]""",
                                new Output(OutputFormat.Json, files("/var/log/openwec/{ip}/{client}/messages"), true),
                                new Output(OutputFormat.Raw, new OutputDriver.Kafka("openwec-security", Map.of(
                                        "bootstrap.servers", "kafka1:9092,kafka2:9092", "security.protocol", "SSL")), true))
                        .build(),
                new Row(s, "6B29FC40-CA47-4067-B31D-00DD010662DA", "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
                        "sysmon", SYSMON_QUERY)
                        .uri("/sysmon")
                        .outputs("""
                                [{"Files":["Raw",{"base":"/data/wec","split_on_addr_index":2,"append_node_name":true,
                                "filename":"sysmon.log"},true]},
                                {"Tcp":["Json",{"addr":"10.20.0.5","port":5140},false]}]""",
                                new Output(OutputFormat.Raw, files("/data/wec/{ip:2}/{ip:3}/{ip}/{client}/{node}/sysmon.log"), true),
                                new Output(OutputFormat.Json, OutputDriver.Tcp.plain("10.20.0.5", 5140), false))
                        .build(),
                new Row(s, "0E984725-C51C-4BF4-9960-E1C80E27ABA0", "4a3b2c1d-0e9f-4a8b-9c7d-6e5f4a3b2c1d",
                        "powershell", POWERSHELL_QUERY)
                        .enabled(false)
                        .outputs("""
                                [{"Redis":["Json",{"addr":"redis.local:6379","list":"openwec"},true]},
                                {"UnixDatagram":["Raw",{"path":"/run/openwec/events.sock"},true]}]""",
                                new Output(OutputFormat.Json, new OutputDriver.Redis("redis.local:6379", "openwec"), true),
                                new Output(OutputFormat.Raw, new OutputDriver.UnixDatagram("/run/openwec/events.sock"), true))
                        .build(),
                new Row(s, "D2B5A8F1-7C3E-4B96-A0D4-5E8F1C2B3A47", "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918",
                        "dc-audit", LOGON_QUERY)
                        .uri("/dc")
                        .parameters(600, 10, 30, 15, 1_024_000)
                        .readExistingEvents(true)
                        // Edge cases of migration 12's path rule (docs/reference/schema.md §3, v12 examples): a base with
                        // a trailing "//" and split 0; a base with a trailing "/" and split 4 (no {ip:N} at all).
                        .outputs("""
                                [{"Files":["Json",{"base":"/base//","split_on_addr_index":0,"append_node_name":false,
                                "filename":"messages"},true]},
                                {"Files":["Raw",{"base":"/srv/wec/","split_on_addr_index":4,"append_node_name":true,
                                "filename":"audit"},false]},
                                {"Kafka":["Json",{"topic":"dc-audit","options":{}},true]}]""",
                                new Output(OutputFormat.Json, files("/base//{ip:0}/{ip:1}/{ip:2}/{ip:3}/{ip}/{client}/messages"), true),
                                new Output(OutputFormat.Raw, files("/srv/wec/{ip}/{client}/{node}/audit"), false),
                                new Output(OutputFormat.Json, new OutputDriver.Kafka("dc-audit", Map.of()), true))
                        .build(),
                new Row(s, "A0B1C2D3-E4F5-4A6B-8C7D-9E0F1A2B3C4D", "0f1e2d3c-4b5a-4968-8776-655443322110",
                        "no-outputs", "<QueryList/>")
                        .enabled(false)
                        .outputs("[]")
                        .build());
        Map<ReleasedState, List<ExpectedLoss>> losses = Map.of(
                ReleasedState.V0_3_0, List.of(),
                ReleasedState.V0_2, List.of(),
                ReleasedState.V0_1_0, List.of());
        return fixture(s, subscriptions, 1_686_000_000L, losses);
    }

    // ------------------------------------------------------------------ v0.2.x: schema 1-11

    /**
     * v0.2.x wrote the new envelope {@code {"format","driver","enabled"}} (migration 9's shape) with the
     * legacy Files fields, all four formats, Tcp {@code {addr, port}}, principal filters (op and
     * comma-joined principals), revisions and locales.
     */
    private static ReleasedFixture v02() {
        ReleasedState s = ReleasedState.V0_2;
        List<FixtureSubscription> subscriptions = List.of(
                new Row(s, "1C9E6B2A-3D4F-4A5B-9C8D-7E6F5A4B3C2D", "2a7c9e1b-4d6f-4a8b-b0c2-e4f6a8b0c2d4",
                        "windows-security", SubscriptionTestData.SECURITY_QUERY)
                        .uri("/security")
                        .contentFormat(ContentFormat.Raw)
                        .ignoreChannelError(true)
                        .princsFilter("Except", "TEST01$@WINDOMAIN.LOCAL,TEST02$@WINDOMAIN.LOCAL",
                                legacyFilter(ClientFilterOperation.Except, "TEST01$@WINDOMAIN.LOCAL", "TEST02$@WINDOMAIN.LOCAL"))
                        .revision("2024.04-1")
                        .outputs("""
                                [{"format":"RawJson","driver":{"Files":{"base":"/var/log/openwec","split_on_addr_index":2,
                                "append_node_name":true,"filename":"messages"}},"enabled":true},
                                {"format":"Json","driver":{"Tcp":{"addr":"siem.example.org","port":5000}},"enabled":true}]""",
                                new Output(OutputFormat.RawJson, files("/var/log/openwec/{ip:2}/{ip:3}/{ip}/{client}/{node}/messages"), true),
                                new Output(OutputFormat.Json, OutputDriver.Tcp.plain("siem.example.org", 5000), true))
                        .build(),
                new Row(s, "B7E3C1A9-2F4D-4E6A-8B1C-3D5E7F9A1B2C", "8c1e3a5b-7d9f-4b2d-a4c6-e8f0a2c4e6f8",
                        "dc-only", LOGON_QUERY)
                        .parameters(1800, 5, 60, 30, 512_000)
                        .contentFormat(ContentFormat.RenderedText)
                        .ignoreChannelError(false)
                        .princsFilter("Only", "DC01$@WINDOMAIN.LOCAL,DC02$@WINDOMAIN.LOCAL",
                                legacyFilter(ClientFilterOperation.Only, "DC01$@WINDOMAIN.LOCAL", "DC02$@WINDOMAIN.LOCAL"))
                        .locales("fr-FR", "en-US")
                        // An empty base makes a relative path.
                        .outputs("""
                                [{"format":"Nxlog","driver":{"Kafka":{"topic":"wec-dc","options":{"bootstrap.servers":
                                "kafka1:9092,kafka2:9092"}}},"enabled":true},
                                {"format":"Raw","driver":{"Files":{"base":"","split_on_addr_index":null,
                                "append_node_name":false,"filename":"dc.log"}},"enabled":false}]""",
                                new Output(OutputFormat.Nxlog, new OutputDriver.Kafka("wec-dc",
                                        Map.of("bootstrap.servers", "kafka1:9092,kafka2:9092")), true),
                                new Output(OutputFormat.Raw, files("{ip}/{client}/dc.log"), false))
                        .build(),
                new Row(s, "E4D3C2B1-A0F9-4E8D-B7C6-A5B4C3D2E1F0", "5b7d9f1a-3c5e-4f7a-9b1d-3f5a7c9e1b3d",
                        "sysmon-archive", SYSMON_QUERY)
                        .enabled(false)
                        .uri("/sysmon")
                        .contentFormat(ContentFormat.RenderedText)
                        .ignoreChannelError(true)
                        .revision("r42")
                        // An absolute filename replaces the whole path: the legacy fields cannot express it again.
                        .outputs("""
                                [{"format":"Json","driver":{"Files":{"base":"/archive","split_on_addr_index":null,
                                "append_node_name":false,"filename":"/var/log/wec/all-events.log"}},"enabled":true},
                                {"format":"Raw","driver":{"Redis":{"addr":"redis.example.org:6379","list":"sysmon"}},
                                "enabled":true}]""",
                                new Output(OutputFormat.Json, files("/var/log/wec/all-events.log"), true),
                                new Output(OutputFormat.Raw, new OutputDriver.Redis("redis.example.org:6379", "sysmon"), true))
                        .build(),
                new Row(s, "9A8B7C6D-5E4F-4321-A0B9-C8D7E6F5A4B3", "d4c3b2a1-f0e9-4d8c-b7a6-f5e4d3c2b1a0",
                        "legacy-json", FIREWALL_QUERY)
                        .contentFormat(ContentFormat.RenderedText)
                        .ignoreChannelError(true)
                        .outputs("""
                                [{"format":"Json","driver":{"Files":{"base":"/base/openwec","split_on_addr_index":3,
                                "append_node_name":false,"filename":"events"}},"enabled":true},
                                {"format":"Raw","driver":{"UnixDatagram":{"path":"/run/openwec/legacy.sock"}},"enabled":true}]""",
                                new Output(OutputFormat.Json, files("/base/openwec/{ip:3}/{ip}/{client}/events"), true),
                                new Output(OutputFormat.Raw, new OutputDriver.UnixDatagram("/run/openwec/legacy.sock"), true))
                        .build());
        Map<ReleasedState, List<ExpectedLoss>> losses = Map.of(
                ReleasedState.V0_3_0, List.of(),
                ReleasedState.V0_2, List.of(
                        lossy(12, "sysmon-archive")),
                ReleasedState.V0_1_0, List.of(
                        lossy(11, "dc-only"), lossy(11, "dc-only"), blocking(9, "dc-only"),
                        lossy(12, "sysmon-archive"), lossy(10, "sysmon-archive"),
                        lossy(10, "windows-security"), blocking(9, "windows-security")));
        return fixture(s, subscriptions, 1_714_500_000L, losses);
    }

    // ------------------------------------------------------------------ v0.3.0: schema 1-12

    /**
     * v0.3.0 wrote Files outputs as {@code {"path": ...}}; its migration 12 (and its users, following its
     * documentation) spelt the client placeholder {@code {principal}}. Tcp is still {@code {addr, port}},
     * which the reference's current reader rejects and we read with TLS off.
     */
    private static ReleasedFixture v030() {
        ReleasedState s = ReleasedState.V0_3_0;
        List<FixtureSubscription> subscriptions = List.of(
                new Row(s, "C3A1E5B7-9D2F-4C4E-8A6B-0D2F4A6C8E0A", "1f3e5d7c-9b0a-4c2e-8d4f-6a8c0e2a4c6e",
                        "windows-security", SubscriptionTestData.SECURITY_QUERY)
                        .uri("/security")
                        .contentFormat(ContentFormat.Raw)
                        .ignoreChannelError(true)
                        .princsFilter("Except", "TEST01$@WINDOMAIN.LOCAL,TEST02$@WINDOMAIN.LOCAL",
                                legacyFilter(ClientFilterOperation.Except, "TEST01$@WINDOMAIN.LOCAL", "TEST02$@WINDOMAIN.LOCAL"))
                        .revision("2024.09-3")
                        .outputs("""
                                [{"format":"RawJson","driver":{"Files":{"path":
                                "/var/log/openwec/{ip:2}/{ip:3}/{ip}/{principal}/{node}/messages"}},"enabled":true},
                                {"format":"Json","driver":{"Tcp":{"addr":"siem.example.org","port":5000}},"enabled":true}]""",
                                new Output(OutputFormat.RawJson, files("/var/log/openwec/{ip:2}/{ip:3}/{ip}/{principal}/{node}/messages"), true),
                                new Output(OutputFormat.Json, OutputDriver.Tcp.plain("siem.example.org", 5000), true))
                        .build(),
                new Row(s, "F1E2D3C4-B5A6-4978-8695-A4B3C2D1E0F9", "6e8a0c2e-4a6c-48e0-a2c4-e6a8c0e2a4c6",
                        "powershell", POWERSHELL_QUERY)
                        .contentFormat(ContentFormat.RenderedText)
                        .ignoreChannelError(false)
                        // The targets' order is the reference's hash-set order: arbitrary.
                        .princsFilter("Only", "ADMIN02$@WINDOMAIN.LOCAL,ADMIN01$@WINDOMAIN.LOCAL",
                                legacyFilter(ClientFilterOperation.Only, "ADMIN01$@WINDOMAIN.LOCAL", "ADMIN02$@WINDOMAIN.LOCAL"))
                        .outputs("""
                                [{"format":"Json","driver":{"Files":{"path":"/srv/wec/{ip}/{principal}/powershell.log"}},
                                "enabled":true},
                                {"format":"Nxlog","driver":{"Kafka":{"topic":"wec-powershell","options":{}}},"enabled":true}]""",
                                new Output(OutputFormat.Json, files("/srv/wec/{ip}/{principal}/powershell.log"), true),
                                new Output(OutputFormat.Nxlog, new OutputDriver.Kafka("wec-powershell", Map.of()), true))
                        .build(),
                new Row(s, "2B4D6F8A-0C2E-4A6C-8E0A-2C4E6A8C0E2A", "a9b8c7d6-e5f4-4a3b-9c2d-1e0f9a8b7c6d",
                        "sysmon", SYSMON_QUERY)
                        .enabled(false)
                        .uri("/sysmon")
                        .contentFormat(ContentFormat.RenderedText)
                        .ignoreChannelError(true)
                        .revision("r7")
                        .locales("en-US", "fr-FR")
                        // What v0.3.0's migration 12 made of a Files config without base: a relative path.
                        .outputs("""
                                [{"format":"Raw","driver":{"Files":{"path":"{ip}/{principal}/messages"}},"enabled":false},
                                {"format":"RawJson","driver":{"Redis":{"addr":"127.0.0.1:6379","list":"sysmon"}},
                                "enabled":true}]""",
                                new Output(OutputFormat.Raw, files("{ip}/{principal}/messages"), false),
                                new Output(OutputFormat.RawJson, new OutputDriver.Redis("127.0.0.1:6379", "sysmon"), true))
                        .build(),
                new Row(s, "8F6E4D2C-0B9A-4876-B543-210FEDCBA987", "3c5e7a9c-1e3a-4c7e-9a1c-5e7a9c1e3a5c",
                        "firewall", FIREWALL_QUERY)
                        .parameters(300, 5, 60, 5, 512_000)
                        .contentFormat(ContentFormat.RenderedText)
                        .ignoreChannelError(true)
                        .outputs("""
                                [{"format":"Raw","driver":{"Tcp":{"addr":"10.1.2.3","port":514}},"enabled":true},
                                {"format":"Json","driver":{"UnixDatagram":{"path":"/run/openwec/fw.sock"}},"enabled":true},
                                {"format":"Json","driver":{"Files":{"path":
                                "/data/fw/{ip:1}/{ip:2}/{ip:3}/{ip}/{principal}/fw.log"}},"enabled":true}]""",
                                new Output(OutputFormat.Raw, OutputDriver.Tcp.plain("10.1.2.3", 514), true),
                                new Output(OutputFormat.Json, new OutputDriver.UnixDatagram("/run/openwec/fw.sock"), true),
                                new Output(OutputFormat.Json, files("/data/fw/{ip:1}/{ip:2}/{ip:3}/{ip}/{principal}/fw.log"), true))
                        .build());
        Map<ReleasedState, List<ExpectedLoss>> losses = Map.of(
                ReleasedState.V0_3_0, List.of(),
                ReleasedState.V0_2, List.of(),
                ReleasedState.V0_1_0, List.of(
                        blocking(9, "powershell"),
                        lossy(11, "sysmon"), lossy(11, "sysmon"), lossy(10, "sysmon"), blocking(9, "sysmon"),
                        lossy(10, "windows-security"), blocking(9, "windows-security")));
        return fixture(s, subscriptions, 1_725_700_000L, losses);
    }

    // ------------------------------------------------------------------ latest: SQLite 1-14, PostgreSQL 1-15

    /**
     * Rows written by current code (worked example of docs/reference/stored-formats.md §7.1 included), plus one
     * written by v0.3.0 and only migrated since: Tcp {@code {addr, port}}, a {@code {principal}} path,
     * a Client filter with NULL flags.
     */
    private static ReleasedFixture latest() {
        ReleasedState s = ReleasedState.LATEST;
        List<FixtureSubscription> subscriptions = List.of(
                new Row(s, "5F3A9C2E-8B1D-4E6F-A7C0-1D2E3F4A5B6C", "0c6f1e2a-9d8b-4c7e-b5a4-3f2e1d0c9b8a",
                        "windows-security", SubscriptionTestData.SECURITY_QUERY)
                        .uri("/security")
                        .contentFormat(ContentFormat.Raw)
                        .ignoreChannelError(true)
                        .clientFilter("Except", "Client", 1, "test01$@windomain.local,test02$@windomain.local",
                                ClientFilter.of(ClientFilterOperation.Except, ClientFilterKind.Client,
                                        new ClientFilterFlags(true, false),
                                        List.of("test01$@windomain.local", "test02$@windomain.local")))
                        .revision("4f2a1c9")
                        .outputs("""
                                [{"format":"Raw","driver":{"Files":{"path":"/var/log/openwec/{ip:2}/{ip:3}/{ip}/{client}/messages"}},
                                "enabled":true},
                                {"format":"Json","driver":{"Tcp":{"host":"siem.example.org","port":5000,"tls_enabled":false,
                                "tls_certificate_authorities":[],"tls_certificate":null,"tls_key":null}},"enabled":false}]""",
                                new Output(OutputFormat.Raw, files("/var/log/openwec/{ip:2}/{ip:3}/{ip}/{client}/messages"), true),
                                new Output(OutputFormat.Json, OutputDriver.Tcp.plain("siem.example.org", 5000), false))
                        .build(),
                new Row(s, "4E5F6A7B-8C9D-4E0F-A1B2-C3D4E5F6A7B8", "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e",
                        "machine-filtered", SYSMON_QUERY)
                        .parameters(900, 3, 120, 10, 1_048_576)
                        .maxElements(500)
                        .readExistingEvents(true)
                        .contentFormat(ContentFormat.RenderedText)
                        .ignoreChannelError(false)
                        .locales("de-DE", null)
                        .clientFilter("Only", "MachineID", 3, "WIN10-*.windomain.local,dc?.windomain.local",
                                ClientFilter.of(ClientFilterOperation.Only, ClientFilterKind.MachineID,
                                        new ClientFilterFlags(true, true),
                                        List.of("WIN10-*.windomain.local", "dc?.windomain.local")))
                        .outputs("""
                                [{"format":"RawJson","driver":{"Tcp":{"host":"collector.example.org","port":6514,
                                "tls_enabled":true,"tls_certificate_authorities":["/etc/openwec/ca.pem"],
                                "tls_certificate":"/etc/openwec/client.pem","tls_key":"/etc/openwec/client.key"}},"enabled":true},
                                {"format":"Nxlog","driver":{"Kafka":{"topic":"wec-machines","options":{
                                "bootstrap.servers":"kafka:9093","security.protocol":"SSL"}}},"enabled":true}]""",
                                new Output(OutputFormat.RawJson, new OutputDriver.Tcp("collector.example.org", 6514, true,
                                        List.of("/etc/openwec/ca.pem"), "/etc/openwec/client.pem", "/etc/openwec/client.key"), true),
                                new Output(OutputFormat.Nxlog, new OutputDriver.Kafka("wec-machines",
                                        Map.of("bootstrap.servers", "kafka:9093", "security.protocol", "SSL")), true))
                        .build(),
                new Row(s, "7A8B9C0D-1E2F-4A3B-8C4D-5E6F7A8B9C0D", "e1f2a3b4-c5d6-4e7f-a8b9-c0d1e2f3a4b5",
                        "custom-paths", SubscriptionTestData.SECURITY_QUERY)
                        .uri("/custom")
                        .contentFormat(ContentFormat.RenderedText)
                        .ignoreChannelError(true)
                        .outputs("""
                                [{"format":"Json","driver":{"Files":{"path":"/var/log/wec/{client}.log"}},"enabled":true},
                                {"format":"Raw","driver":{"Files":{"path":"/var/log/wec/{ip}/{client}/{node}/security.log"}},
                                "enabled":true},
                                {"format":"Raw","driver":{"Redis":{"addr":"redis.example.org:6379","list":"wec"}},"enabled":false}]""",
                                new Output(OutputFormat.Json, files("/var/log/wec/{client}.log"), true),
                                new Output(OutputFormat.Raw, files("/var/log/wec/{ip}/{client}/{node}/security.log"), true),
                                new Output(OutputFormat.Raw, new OutputDriver.Redis("redis.example.org:6379", "wec"), false))
                        .build(),
                new Row(s, "0A1B2C3D-4E5F-4A6B-9C7D-8E9FA0B1C2D3", "f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f",
                        "legacy-carried", LOGON_QUERY)
                        .contentFormat(ContentFormat.Raw)
                        .ignoreChannelError(true)
                        // As migration 14 (SQLite) / 15 (PostgreSQL) left a v0.3.0 principal filter: kind Client, flags NULL.
                        .clientFilter("Only", "Client", null, "DC01$@WINDOMAIN.LOCAL,DC02$@WINDOMAIN.LOCAL",
                                legacyFilter(ClientFilterOperation.Only, "DC01$@WINDOMAIN.LOCAL", "DC02$@WINDOMAIN.LOCAL"))
                        .outputs("""
                                [{"format":"Json","driver":{"Files":{"path":"/srv/wec/{ip}/{principal}/messages"}},"enabled":true},
                                {"format":"Raw","driver":{"Tcp":{"addr":"10.1.2.3","port":514}},"enabled":true}]""",
                                new Output(OutputFormat.Json, files("/srv/wec/{ip}/{principal}/messages"), true),
                                new Output(OutputFormat.Raw, OutputDriver.Tcp.plain("10.1.2.3", 514), true))
                        .build(),
                new Row(s, "D9C8B7A6-F5E4-4D3C-B2A1-0F9E8D7C6B5A", "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
                        "plain", FIREWALL_QUERY)
                        .enabled(false)
                        .contentFormat(ContentFormat.RenderedText)
                        .ignoreChannelError(false)
                        // Current code writes flags 0, not NULL, for a filter without flags.
                        .clientFilter("Except", "Client", 0, "SCANNER$@WINDOMAIN.LOCAL",
                                legacyFilter(ClientFilterOperation.Except, "SCANNER$@WINDOMAIN.LOCAL"))
                        .outputs("""
                                [{"format":"Json","driver":{"UnixDatagram":{"path":"/run/openwec/plain.sock"}},"enabled":true}]""",
                                new Output(OutputFormat.Json, new OutputDriver.UnixDatagram("/run/openwec/plain.sock"), true))
                        .build());
        List<ExpectedLoss> below14 = List.of(
                lossy(14, "windows-security"), lossy(14, "machine-filtered"), lossy(13, "machine-filtered"));
        Map<ReleasedState, List<ExpectedLoss>> losses = Map.of(
                ReleasedState.V0_3_0, below14,
                ReleasedState.V0_2, concat(below14, List.of(lossy(12, "custom-paths"))),
                ReleasedState.V0_1_0, List.of(
                        lossy(12, "custom-paths"),
                        lossy(8, "legacy-carried"), lossy(6, "legacy-carried"),
                        lossy(14, "machine-filtered"), lossy(13, "machine-filtered"), lossy(11, "machine-filtered"),
                        blocking(9, "machine-filtered"),
                        lossy(8, "plain"), lossy(7, "plain"),
                        lossy(14, "windows-security"), lossy(10, "windows-security"), blocking(9, "windows-security")));
        return fixture(s, subscriptions, 1_769_500_000L, losses);
    }

    // ------------------------------------------------------------------ bookmarks and heartbeats

    private static ReleasedFixture fixture(ReleasedState state, List<FixtureSubscription> subscriptions, long epoch,
                                           Map<ReleasedState, List<ExpectedLoss>> losses) {
        List<UUID> uuids = subscriptions.stream().map(s -> s.expected().uuid()).toList();
        int n = uuids.size();
        long seed = state.ordinal() * 1_000_003L;
        List<Bookmark> bookmarks = new ArrayList<>(BOOKMARKS);
        for (int k = 0; k < BOOKMARKS; k++) {
            bookmarks.add(new Bookmark(machine(k / n), uuids.get(k % n), bookmarkXml(seed + k)));
        }
        // Shifted so that some machines have a bookmark and no heartbeat, and the other way round.
        List<HeartbeatRecord> heartbeats = new ArrayList<>(HEARTBEATS);
        for (int k = 0; k < HEARTBEATS; k++) {
            int m = k / n + 17;
            long r = mix(seed + 7919L * k);
            long firstSeen = epoch + Math.floorMod(r, 30L * 86_400);
            long lastSeen = firstSeen + Math.floorMod(r >>> 20, 60L * 86_400);
            // Every sixth machine only ever sent heartbeats: no event time.
            Long lastEventSeen = k % 6 == 0 ? null : Math.max(firstSeen, lastSeen - Math.floorMod(r >>> 40, 3_600L));
            heartbeats.add(new HeartbeatRecord(machine(m), uuids.get(k % n), ip(m), firstSeen, lastSeen, lastEventSeen));
        }
        return new ReleasedFixture(state, subscriptions, bookmarks, heartbeats, losses);
    }

    /** Kerberos principals as Windows machines authenticate: domain controllers, servers, workstations. */
    static String machine(int i) {
        if (i < 4) {
            return String.format(Locale.ROOT, "DC%02d$@WINDOMAIN.LOCAL", i + 1);
        }
        if (i < 60) {
            return String.format(Locale.ROOT, "SRV-%03d$@WINDOMAIN.LOCAL", i);
        }
        if (i % 10 == 3) {
            return String.format(Locale.ROOT, "WKS-%04d$@EU.CORP.EXAMPLE", i);
        }
        return String.format(Locale.ROOT, "WIN10-%04d$@WINDOMAIN.LOCAL", i);
    }

    /** Peer addresses as stored: dotted IPv4, compressed lower-case IPv6, IPv4-mapped IPv6. */
    static String ip(int i) {
        if (i % 25 == 0) {
            return "2001:db8:58::" + Integer.toHexString(i + 0xa0);
        }
        if (i % 40 == 7) {
            return "::ffff:192.168.58." + (i % 250 + 1);
        }
        return "10." + (i / 250 + 1) + "." + (i % 250) + "." + (i % 7 + 10);
    }

    private static final String[] CHANNELS = {
        "Security", "System", "Application", "Microsoft-Windows-Sysmon/Operational",
        "Microsoft-Windows-PowerShell/Operational", "Windows PowerShell"};

    /** The text clients send in {@code w:Bookmark}, stored byte for byte. */
    static String bookmarkXml(long seed) {
        long r = mix(seed);
        String channel = CHANNELS[(int) Math.floorMod(r, (long) CHANNELS.length)];
        long recordId = 1_000 + Math.floorMod(r >>> 8, 90_000_000L);
        if (Math.floorMod(r >>> 3, 9L) == 0) {
            long other = 1 + Math.floorMod(r >>> 32, 5_000_000L);
            return "<BookmarkList><Bookmark Channel=\"Security\" RecordId=\"" + recordId + "\"/>"
                    + "<Bookmark Channel=\"Microsoft-Windows-Sysmon/Operational\" RecordId=\"" + other
                    + "\" IsCurrent=\"true\"/></BookmarkList>";
        }
        return "<BookmarkList><Bookmark Channel=\"" + channel + "\" RecordId=\"" + recordId
                + "\" IsCurrent=\"true\"/></BookmarkList>";
    }

    /** SplitMix64's finaliser: a fixed, well-mixed function of its input. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    // ------------------------------------------------------------------ building rows

    private static OutputDriver.Files files(String path) {
        return new OutputDriver.Files(path);
    }

    /** A v8-v13 principal filter as the reference reads it after migration 14/15: kind Client, no flags. */
    private static ClientFilter legacyFilter(ClientFilterOperation operation, String... principals) {
        return ClientFilter.of(operation, ClientFilterKind.Client, ClientFilterFlags.NONE, List.of(principals));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The JSON of a text block laid out on several lines: lines stripped and joined (no value spans a break). */
    private static String compact(String json) {
        return json.lines().map(String::strip).collect(Collectors.joining());
    }

    /**
     * One subscriptions row in the columns of its state, and the object it must read as. Values shared by
     * both (identity, name, query, numbers, uri, revision, locales) are given once; the encoded ones
     * (outputs, filter) are given twice, as stored and as expected.
     */
    private static final class Row {
        private final ReleasedState state;
        private final Map<String, Object> row = new LinkedHashMap<>();
        private final String uuid;
        private final String version;
        private final String name;
        private final String query;
        private long heartbeatInterval = 3600;
        private int connectionRetryCount = 5;
        private long connectionRetryInterval = 60;
        private long maxTime = 30;
        private long maxEnvelopeSize = 512_000;
        private Long maxElements;
        private boolean enabled = true;
        private boolean readExistingEvents;
        // Before migration 6 and 7 the columns do not exist; their DEFAULTs back-fill these values.
        private ContentFormat contentFormat = ContentFormat.RenderedText;
        private boolean ignoreChannelError = true;
        private String uri;
        private String revision;
        private String locale;
        private String dataLocale;
        private ClientFilter filter;
        private List<Output> outputs;

        Row(ReleasedState state, String uuid, String version, String name, String query) {
            this.state = state;
            this.uuid = uuid;
            this.version = version;
            this.name = name;
            this.query = query;
            for (String column : state.subscriptionColumns()) {
                row.put(column, null);
            }
            set("uuid", uuid);
            set("version", version);
            set("name", name);
            set("query", query);
            parameters(3600, 5, 60, 30, 512_000);
            enabled(true);
            readExistingEvents(false);
        }

        private void set(String column, Object value) {
            if (!row.containsKey(column)) {
                throw new IllegalArgumentException(state + " has no column " + column + " (subscription " + name + ")");
            }
            row.put(column, value);
        }

        Row parameters(int heartbeat, int retryCount, int retryInterval, int maxTimeSeconds, int envelope) {
            heartbeatInterval = heartbeat;
            connectionRetryCount = retryCount;
            connectionRetryInterval = retryInterval;
            maxTime = maxTimeSeconds;
            maxEnvelopeSize = envelope;
            set("heartbeat_interval", heartbeat);
            set("connection_retry_count", retryCount);
            set("connection_retry_interval", retryInterval);
            set("max_time", maxTimeSeconds);
            set("max_envelope_size", envelope);
            return this;
        }

        Row maxElements(int value) {
            maxElements = (long) value;
            set("max_elements", value);
            return this;
        }

        Row enabled(boolean value) {
            enabled = value;
            set("enabled", value);
            return this;
        }

        Row readExistingEvents(boolean value) {
            readExistingEvents = value;
            set("read_existing_events", value);
            return this;
        }

        Row uri(String value) {
            uri = value;
            set("uri", value);
            return this;
        }

        Row contentFormat(ContentFormat value) {
            contentFormat = value;
            set("content_format", value.name());
            return this;
        }

        Row ignoreChannelError(boolean value) {
            ignoreChannelError = value;
            set("ignore_channel_error", value);
            return this;
        }

        Row revision(String value) {
            revision = value;
            set("revision", value);
            return this;
        }

        Row locales(String localeValue, String dataLocaleValue) {
            locale = localeValue;
            dataLocale = dataLocaleValue;
            set("locale", localeValue);
            set("data_locale", dataLocaleValue);
            return this;
        }

        /** A v8-v13 filter: {@code princs_filter_op} and the comma-joined {@code princs_filter_value}. */
        Row princsFilter(String op, String joinedPrincipals, ClientFilter expected) {
            filter = expected;
            set("princs_filter_op", op);
            set("princs_filter_value", joinedPrincipals);
            return this;
        }

        /** A v14+ filter in its four columns; flags may be NULL (legacy rows) or 0 (written by current code). */
        Row clientFilter(String op, String kind, Integer flags, String joinedTargets, ClientFilter expected) {
            filter = expected;
            set("client_filter_op", op);
            set("client_filter_kind", kind);
            set("client_filter_flags", flags);
            set("client_filter_targets", joinedTargets);
            return this;
        }

        Row outputs(String stored, Output... expected) {
            outputs = List.of(expected);
            set("outputs", compact(stored));
            return this;
        }

        FixtureSubscription build() {
            if (outputs == null) {
                throw new IllegalStateException(name + ": outputs not given");
            }
            for (String column : List.of("content_format", "ignore_channel_error")) {
                if (row.containsKey(column) && row.get(column) == null) {
                    throw new IllegalStateException(name + ": " + state + " wrote " + column + "; give it");
                }
            }
            SubscriptionParameters parameters = new SubscriptionParameters(name, query, heartbeatInterval,
                    connectionRetryCount, connectionRetryInterval, maxTime, maxElements, maxEnvelopeSize,
                    readExistingEvents, contentFormat, ignoreChannelError, locale, dataLocale);
            Subscription expected = new Subscription(UUID.fromString(uuid), UUID.fromString(version), revision, uri,
                    enabled, parameters, filter, outputs);
            return new FixtureSubscription(row, expected);
        }
    }
}
