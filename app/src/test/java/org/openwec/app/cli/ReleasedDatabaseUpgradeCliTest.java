package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwec.app.CliHarness.appliedVersions;
import static org.openwec.app.CliHarness.known;
import static org.openwec.app.CliHarness.versions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.adapters.sqlite.SqliteSettings;
import org.openwec.adapters.sqlite.SqliteStorage;
import org.openwec.app.CliHarness;
import org.openwec.app.CliHarness.Result;
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
import org.openwec.core.model.RowKey;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.port.out.Storage;

/**
 * {@code openwec -c <file> db upgrade --yes} on a SQLite database as OpenWEC v0.3.0 left it (schema 1-12,
 * rollback journal, rows in v0.3.0's encodings: Files paths with {@code {principal}}, Tcp {@code {addr, port}},
 * principal filters), built from docs/reference/schema.md and docs/reference/stored-formats.md (docs/reference/reference-tests.md §9 item 2).
 * The app may not use the adapter test kit, so the rows are those of its v0.3.0 fixture, restated here.
 */
class ReleasedDatabaseUpgradeCliTest {
    private static final int BOOKMARKS = 1_000;
    private static final int HEARTBEATS = 1_000;
    private static final String QUERY = "<QueryList><Query Id=\"0\"><Select Path=\"Security\">*</Select></Query></QueryList>";
    private static final List<String> V12_COLUMNS = List.of(
            "uuid", "version", "name", "query", "heartbeat_interval", "connection_retry_count",
            "connection_retry_interval", "max_time", "max_envelope_size", "enabled", "read_existing_events",
            "outputs", "uri", "content_format", "ignore_channel_error", "princs_filter_op", "princs_filter_value",
            "revision", "locale", "data_locale");

    /** One v0.3.0 row (SQLite encodings: booleans 0/1) and the object it reads as after the upgrade. */
    private record Row(Map<String, Object> columns, Subscription expected) {}

    @TempDir
    Path dir;

    CliHarness h;
    private List<Row> rows;
    private List<Bookmark> bookmarks;
    private List<HeartbeatRecord> heartbeats;

    @BeforeEach
    void setUp() throws SQLException {
        h = new CliHarness(dir);
        h.init();
        Result down = h.cli("db", "downgrade", "--to", "12", "--yes");
        assertThat(down.code()).as(down.toString()).isZero();
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 12));
        rows = v030Rows();
        bookmarks = new ArrayList<>();
        heartbeats = new ArrayList<>();
        for (int k = 0; k < BOOKMARKS; k++) {
            Subscription s = rows.get(k % rows.size()).expected();
            bookmarks.add(new Bookmark(machine(k / rows.size()), s.uuid(), "<BookmarkList><Bookmark Channel=\"Security\" "
                    + "RecordId=\"" + (100_000 + 37L * k) + "\" IsCurrent=\"true\"/></BookmarkList>"));
        }
        for (int k = 0; k < HEARTBEATS; k++) {
            Subscription s = rows.get(k % rows.size()).expected();
            long first = 1_725_700_000L + 311L * k;
            heartbeats.add(new HeartbeatRecord(machine(k / rows.size() + 11), s.uuid(), "10.0." + (k % 250) + "." + (k % 7 + 1),
                    first, first + 3_600 + k, k % 5 == 0 ? null : first + 3_000 + k));
        }
        insertAsV030();
    }

    @Test
    void upgradeYesTakesAV030DatabaseToTheLatestVersionAndEveryRowReadsBack() throws SQLException {
        Map<String, String> outputsBefore = column("outputs");

        Result r = h.cli("db", "upgrade", "--yes");

        assertThat(r.code()).as(r.toString()).isZero();
        List<String> report = new ArrayList<>();
        report.add("Knowned migrations:");
        report.addAll(CliHarness.KNOWN);
        report.add("Applied migrations:");
        report.addAll(known(1, 12));
        report.add("Migrations to apply:");
        report.addAll(known(13, 14));
        assertThat(r.outLines()).as(r.toString()).containsExactlyElementsOf(report);
        assertThat(r.err()).as(r.toString())
                .contains("Applying migration 13: add max_elements field in subscriptions table")
                .contains("Applying migration 14: renames fields and adds filter type and flags to subscriptions table")
                .doesNotContain("Applying migration 12");
        CliHarness.assertNoStackTrace(r);
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 14));

        Result list = h.cli("subscriptions");
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out()).isEqualTo("[+] firewall (*)\n[+] powershell (*)\n[-] sysmon (/sysmon)\n"
                + "[+] windows-security (/security)\n");
        assertThat(list.err()).isEmpty();

        // Migration 14 back-filled the kind of the principal filters; migrations 13-14 left the outputs as
        // v0.3.0 wrote them: {principal} is never rewritten, Tcp keeps {addr, port} (we read it with TLS off).
        Map<String, String> kinds = new HashMap<>();
        rows.forEach(row -> kinds.put(row.expected().name(),
                row.expected().clientFilter() == null ? null : "Client"));
        assertThat(column("client_filter_kind")).isEqualTo(kinds);
        assertThat(column("outputs")).isEqualTo(outputsBefore);

        try (Storage storage = SqliteStorage.open(SqliteSettings.defaults(h.db()), false)) {
            Map<String, Subscription> byName = new LinkedHashMap<>();
            storage.subscriptions().subscriptions().forEach(s -> byName.put(s.name(), s));
            assertThat(byName.keySet()).containsExactly("firewall", "powershell", "sysmon", "windows-security");
            for (Row row : rows) {
                assertThat(byName.get(row.expected().name())).as(row.expected().name()).isEqualTo(row.expected());
            }
            Map<RowKey, Bookmark> storedBookmarks = new HashMap<>();
            RowKey after = null;
            for (List<Bookmark> page; !(page = storage.bookmarks().bookmarkPage(after, 300)).isEmpty(); ) {
                for (Bookmark b : page) {
                    after = new RowKey(b.subscription(), b.machine());
                    storedBookmarks.put(after, b);
                }
            }
            assertThat(storedBookmarks).isEqualTo(bookmarks.stream().collect(Collectors.toMap(
                    b -> new RowKey(b.subscription(), b.machine()), b -> b)));
            Map<RowKey, HeartbeatRecord> storedHeartbeats = new HashMap<>();
            after = null;
            for (List<HeartbeatRecord> page; !(page = storage.heartbeats().heartbeatPage(after, 300)).isEmpty(); ) {
                for (HeartbeatRecord hb : page) {
                    after = new RowKey(hb.subscription(), hb.machine());
                    storedHeartbeats.put(after, hb);
                }
            }
            assertThat(storedHeartbeats).isEqualTo(heartbeats.stream().collect(Collectors.toMap(
                    hb -> new RowKey(hb.subscription(), hb.machine()), hb -> hb)));
        }

        Result again = h.cli("db", "upgrade", "--yes");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.outLines()).last().isEqualTo("Nothing to do");
    }

    // ------------------------------------------------------------------ the v0.3.0 database

    /** Inserts the rows with plain JDBC, every value a parameter, in one transaction; then the reference's journal mode. */
    private void insertAsV030() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + h.db())) {
            c.setAutoCommit(false);
            insert(c, "subscriptions", V12_COLUMNS, rows.stream()
                    .map(row -> V12_COLUMNS.stream().map(row.columns()::get).toList()).toList());
            insert(c, "bookmarks", List.of("machine", "subscription", "bookmark"), bookmarks.stream()
                    .map(b -> Arrays.<Object>asList(b.machine(), key(b.subscription()), b.bookmark())).toList());
            insert(c, "heartbeats", List.of("machine", "ip", "subscription", "first_seen", "last_seen", "last_event_seen"),
                    heartbeats.stream().map(hb -> Arrays.<Object>asList(hb.machine(), hb.ip(), key(hb.subscription()),
                            hb.firstSeen(), hb.lastSeen(), hb.lastEventSeen())).toList());
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                // The reference leaves SQLite's default rollback journal (docs/reference/schema.md §4.1).
                s.execute("PRAGMA journal_mode=DELETE");
            }
        }
    }

    private static void insert(Connection c, String table, List<String> columns, List<List<Object>> values)
            throws SQLException {
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(x -> "?").collect(Collectors.joining(", ")) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (List<Object> row : values) {
                for (int i = 0; i < row.size(); i++) {
                    ps.setObject(i + 1, row.get(i));
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private Map<String, String> column(String column) throws SQLException {
        Map<String, String> byName = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + h.db());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, " + column + " FROM subscriptions")) {
            while (rs.next()) {
                byName.put(rs.getString(1), rs.getString(2));
            }
        }
        return byName;
    }

    private static String key(UUID uuid) {
        return uuid.toString().toUpperCase(Locale.ROOT);
    }

    private static String machine(int i) {
        return i < 4 ? String.format(Locale.ROOT, "DC%02d$@WINDOMAIN.LOCAL", i + 1)
                : String.format(Locale.ROOT, "WIN10-%04d$@WINDOMAIN.LOCAL", i);
    }

    private static List<Row> v030Rows() {
        return List.of(
                row("C3A1E5B7-9D2F-4C4E-8A6B-0D2F4A6C8E0A", "1f3e5d7c-9b0a-4c2e-8d4f-6a8c0e2a4c6e", "windows-security",
                        true, "/security", ContentFormat.Raw, true, ClientFilterOperation.Except,
                        "TEST01$@WINDOMAIN.LOCAL,TEST02$@WINDOMAIN.LOCAL", "2024.09-3", null, null,
                        "[{\"format\":\"RawJson\",\"driver\":{\"Files\":{\"path\":"
                                + "\"/var/log/openwec/{ip:2}/{ip:3}/{ip}/{principal}/{node}/messages\"}},\"enabled\":true},"
                                + "{\"format\":\"Json\",\"driver\":{\"Tcp\":{\"addr\":\"siem.example.org\",\"port\":5000}},\"enabled\":true}]",
                        new Output(OutputFormat.RawJson, new OutputDriver.Files(
                                "/var/log/openwec/{ip:2}/{ip:3}/{ip}/{principal}/{node}/messages"), true),
                        new Output(OutputFormat.Json, OutputDriver.Tcp.plain("siem.example.org", 5000), true)),
                row("F1E2D3C4-B5A6-4978-8695-A4B3C2D1E0F9", "6e8a0c2e-4a6c-48e0-a2c4-e6a8c0e2a4c6", "powershell",
                        true, null, ContentFormat.RenderedText, false, ClientFilterOperation.Only,
                        "ADMIN02$@WINDOMAIN.LOCAL,ADMIN01$@WINDOMAIN.LOCAL", null, null, null,
                        "[{\"format\":\"Json\",\"driver\":{\"Files\":{\"path\":\"/srv/wec/{ip}/{principal}/powershell.log\"}},"
                                + "\"enabled\":true},{\"format\":\"Nxlog\",\"driver\":{\"Kafka\":{\"topic\":\"wec-powershell\","
                                + "\"options\":{}}},\"enabled\":true}]",
                        new Output(OutputFormat.Json, new OutputDriver.Files("/srv/wec/{ip}/{principal}/powershell.log"), true),
                        new Output(OutputFormat.Nxlog, new OutputDriver.Kafka("wec-powershell", Map.of()), true)),
                row("2B4D6F8A-0C2E-4A6C-8E0A-2C4E6A8C0E2A", "a9b8c7d6-e5f4-4a3b-9c2d-1e0f9a8b7c6d", "sysmon",
                        false, "/sysmon", ContentFormat.RenderedText, true, null, null, "r7", "en-US", "fr-FR",
                        "[{\"format\":\"Raw\",\"driver\":{\"Files\":{\"path\":\"{ip}/{principal}/messages\"}},\"enabled\":false},"
                                + "{\"format\":\"RawJson\",\"driver\":{\"Redis\":{\"addr\":\"127.0.0.1:6379\",\"list\":\"sysmon\"}},"
                                + "\"enabled\":true}]",
                        new Output(OutputFormat.Raw, new OutputDriver.Files("{ip}/{principal}/messages"), false),
                        new Output(OutputFormat.RawJson, new OutputDriver.Redis("127.0.0.1:6379", "sysmon"), true)),
                row("8F6E4D2C-0B9A-4876-B543-210FEDCBA987", "3c5e7a9c-1e3a-4c7e-9a1c-5e7a9c1e3a5c", "firewall",
                        true, null, ContentFormat.RenderedText, true, null, null, null, null, null,
                        "[{\"format\":\"Raw\",\"driver\":{\"Tcp\":{\"addr\":\"10.1.2.3\",\"port\":514}},\"enabled\":true},"
                                + "{\"format\":\"Json\",\"driver\":{\"UnixDatagram\":{\"path\":\"/run/openwec/fw.sock\"}},\"enabled\":true},"
                                + "{\"format\":\"Json\",\"driver\":{\"Files\":{\"path\":"
                                + "\"/data/fw/{ip:1}/{ip:2}/{ip:3}/{ip}/{principal}/fw.log\"}},\"enabled\":true}]",
                        new Output(OutputFormat.Raw, OutputDriver.Tcp.plain("10.1.2.3", 514), true),
                        new Output(OutputFormat.Json, new OutputDriver.UnixDatagram("/run/openwec/fw.sock"), true),
                        new Output(OutputFormat.Json, new OutputDriver.Files(
                                "/data/fw/{ip:1}/{ip:2}/{ip:3}/{ip}/{principal}/fw.log"), true)));
    }

    /** A v0.3.0 row with the defaults the reference gives a new subscription (3600, 5, 60, 30, 512000). */
    private static Row row(String uuid, String version, String name, boolean enabled, String uri, ContentFormat format,
                           boolean ignoreChannelError, ClientFilterOperation filterOp, String principals,
                           String revision, String locale, String dataLocale, String outputs, Output... expectedOutputs) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("uuid", uuid);
        c.put("version", version);
        c.put("name", name);
        c.put("query", QUERY);
        c.put("heartbeat_interval", 3600);
        c.put("connection_retry_count", 5);
        c.put("connection_retry_interval", 60);
        c.put("max_time", 30);
        c.put("max_envelope_size", 512_000);
        c.put("enabled", enabled ? 1 : 0);
        c.put("read_existing_events", 0);
        c.put("outputs", outputs);
        c.put("uri", uri);
        c.put("content_format", format.name());
        c.put("ignore_channel_error", ignoreChannelError ? 1 : 0);
        c.put("princs_filter_op", filterOp == null ? null : filterOp.name());
        c.put("princs_filter_value", principals);
        c.put("revision", revision);
        c.put("locale", locale);
        c.put("data_locale", dataLocale);
        // After migration 14 a principal filter is a Client filter without flags (exact, case-sensitive).
        ClientFilter filter = filterOp == null ? null
                : ClientFilter.of(filterOp, ClientFilterKind.Client, ClientFilterFlags.NONE, List.of(principals.split(",")));
        Subscription expected = new Subscription(UUID.fromString(uuid), UUID.fromString(version), revision, uri, enabled,
                new SubscriptionParameters(name, QUERY, 3600, 5, 60, 30, null, 512_000, false, format,
                        ignoreChannelError, locale, dataLocale),
                filter, List.of(expectedOutputs));
        return new Row(c, expected);
    }
}
