package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.app.CliHarness;
import org.openwec.app.CliHarness.Result;
import org.openwec.app.config.SettingsLoader;
import org.openwec.app.wiring.Backends;
import org.openwec.core.migration.MigrationEngine;
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
import org.openwec.core.port.in.CopyDatabase;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.SchemaService;

/**
 * {@code openwec db copy} between real databases: SQLite files and a PostgreSQL 17 server that the class
 * starts once (one fresh database per test). The two large copies are timed and their times printed.
 */
class DbCopyTest {
    static final int BIG_BOOKMARKS = 200_000;
    static final int BIG_HEARTBEATS = 5_000;
    private static final String QUERY = "<QueryList><Query Id=\"0\"><Select Path=\"Security\">*</Select></Query></QueryList>";

    private static EmbeddedPostgres server;
    private static int databases;

    @TempDir
    Path dir;
    private CliHarness h;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void setUp() {
        h = new CliHarness(dir);
    }

    // ------------------------------------------------------------------ the big copies

    @Test
    void copiesSqliteToPostgresAndBackWith200000BookmarksAndVerifies() {
        Path sqlite = sqliteConfig("source");
        List<Subscription> subscriptions = fill(sqlite, BIG_BOOKMARKS, BIG_HEARTBEATS);
        Path postgres = postgresConfig(); // a database with no schema yet: the copy initialises it

        long start = System.nanoTime();
        Result there = h.run("-c", sqlite.toString(), "db", "copy", "--to", postgres.toString(), "--yes",
                "--chunk-size", "50000");
        double thereSeconds = (System.nanoTime() - start) / 1e9;

        assertVerified(there, subscriptions.size(), BIG_BOOKMARKS, BIG_HEARTBEATS);
        assertThat(there.err()).contains("Initialised the target PostgreSQL database").doesNotContain("\r");
        Content original = read(sqlite);
        assertThat(original.subscriptions()).containsExactlyInAnyOrderElementsOf(subscriptions);
        assertThat(original.bookmarks()).hasSize(BIG_BOOKMARKS);
        assertSameContent(original, read(postgres));

        Path back = sqliteConfig("back"); // a file that does not exist yet: the copy creates it
        start = System.nanoTime();
        Result backAgain = h.run("-c", postgres.toString(), "db", "copy", "--to", back.toString(), "--yes",
                "--chunk-size", "50000");
        double backSeconds = (System.nanoTime() - start) / 1e9;

        assertVerified(backAgain, subscriptions.size(), BIG_BOOKMARKS, BIG_HEARTBEATS);
        Content copiedBack = read(back);
        assertSameContent(original, copiedBack);
        assertThat(copiedBack.subscriptions()).containsExactlyElementsOf(original.subscriptions());

        String report = String.format(Locale.ROOT,
                "db copy of %d bookmarks, %d heartbeats, %d subscriptions (chunk 50000):%n"
                        + "  SQLite -> PostgreSQL: %.2f s for the command, of which copy %s s, verification %s s%n"
                        + "  PostgreSQL -> SQLite: %.2f s for the command, of which copy %s s, verification %s s%n",
                BIG_BOOKMARKS, BIG_HEARTBEATS, subscriptions.size(),
                thereSeconds, phase(there, 1), phase(there, 2), backSeconds, phase(backAgain, 1), phase(backAgain, 2));
        System.out.print(report);
        System.out.print("--- SQLite -> PostgreSQL:\n" + there.out() + there.err()
                + "--- PostgreSQL -> SQLite:\n" + backAgain.out() + backAgain.err());
    }

    // ------------------------------------------------------------------ refusals, merge, prompt

    @Test
    void aNonEmptyTargetIsRefusedAndAnInterruptedCopyIsCompletedWithMerge() {
        Path sqlite = sqliteConfig("source");
        fill(sqlite, 20_000, 1_000);
        Path postgres = postgresConfig();
        interruptedCopy(sqlite, postgres);

        Result refused = h.run("-c", sqlite.toString(), "db", "copy", "--to", postgres.toString(), "--yes");
        CliHarness.assertOneLineError(refused, "is not empty", "subscription(s)", "bookmarks", "--merge",
                "interrupted copy");
        assertThat(refused.out()).isEmpty();
        assertThat(countBookmarks(postgres)).isEqualTo(10_000);

        Result merged = h.run("-c", sqlite.toString(), "db", "copy", "--to", postgres.toString(), "--merge", "--yes",
                "--chunk-size", "3000");
        assertVerified(merged, 4, 20_000, 1_000);
        assertThat(merged.out()).contains("merge: rows with the same key are overwritten");
        assertSameContent(sqlite, postgres);

        // Running it again changes nothing and still verifies: every write is an upsert.
        assertVerified(h.run("-c", sqlite.toString(), "db", "copy", "--to", postgres.toString(), "--merge", "--yes"),
                4, 20_000, 1_000);
        assertSameContent(sqlite, postgres);
    }

    @Test
    void mergeKeepsTheTargetsOwnSubscriptionsAndReportsThemAsExtra() {
        Path source = sqliteConfig("source");
        fill(source, 50, 10);
        Path target = sqliteConfig("target");
        Subscription own = Subscription.create("target-only", QUERY);
        try (Opened db = open(target, true)) {
            db.storage().subscriptions().storeSubscription(own);
            db.storage().bookmarks().storeBookmark("m1", own.uuid(), "<b/>");
        }

        Result r = h.run("-c", source.toString(), "db", "copy", "--to", target.toString(), "--merge", "--yes");

        assertVerified(r, 4, 50, 10);
        assertThat(r.out()).contains("The target also holds rows of subscriptions that are not in the source,"
                + " left as they were (subscriptions: 1, bookmarks: 1).");
        assertThat(read(target).subscriptions()).hasSize(5).contains(own);
    }

    @Test
    void aDeclinedPromptWritesNothing() {
        Path sqlite = sqliteConfig("source");
        fill(sqlite, 100, 10);

        // A target file that does not exist stays absent (end of input is a no).
        Path missing = sqliteConfig("missing");
        Result eof = h.run("-c", sqlite.toString(), "db", "copy", "--to", missing.toString());
        assertThat(eof.code()).as(eof.toString()).isEqualTo(1);
        assertThat(eof.out()).contains("Are you sure that you want to copy these rows into the target? [Y/n]")
                .contains("does not exist: it will be created and initialised");
        assertThat(eof.err()).contains("Aborted: nothing was changed.");
        assertThat(dir.resolve("missing.sqlite")).doesNotExist();

        // An empty PostgreSQL database with no schema stays without one; "n" is a no.
        Path postgres = postgresConfig();
        Result no = h.runWithInput("n\n", "-c", sqlite.toString(), "db", "copy", "--to", postgres.toString());
        assertThat(no.code()).as(no.toString()).isEqualTo(1);
        assertThat(no.out()).contains("has no schema: it will be initialised");
        try (Opened db = open(postgres, false)) {
            assertThat(db.storage().schema().isInitialised()).isFalse();
        }

        // A non-empty target with --merge keeps its rows.
        h.run("-c", sqlite.toString(), "db", "copy", "--to", postgres.toString(), "--yes");
        try (Opened db = open(postgres, false)) {
            db.storage().bookmarks().storeBookmark("machine-0000001", read(sqlite).subscriptions().get(0).uuid(), "changed");
        }
        Map<String, String> before = bookmarks(postgres);
        Result merge = h.runWithInput("n\n", "-c", sqlite.toString(), "db", "copy", "--to", postgres.toString(), "--merge");
        assertThat(merge.code()).isEqualTo(1);
        assertThat(bookmarks(postgres)).isEqualTo(before).containsValue("changed");
    }

    @Test
    void orphanRowsOfASqliteFileWithoutForeignKeysAreSkippedAndReported() {
        Path source = sqliteConfig("source");
        fill(source, 30, 5);
        String ghost = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        CliHarness.sql(dir.resolve("source.sqlite"),
                "INSERT INTO bookmarks (machine, subscription, bookmark) VALUES ('ghost', '" + ghost + "', '<b/>')",
                "INSERT INTO heartbeats (machine, ip, subscription, first_seen, last_seen) VALUES ('ghost', '1.2.3.4', '"
                        + ghost + "', 1, 2)");
        Path target = sqliteConfig("target");

        Result r = h.run("-c", source.toString(), "db", "copy", "--to", target.toString(), "--yes");

        assertVerified(r, 4, 30, 5);
        assertThat(r.out()).contains("Not copied: 1 bookmark(s) and 1 heartbeat(s) of the source whose subscription"
                + " no longer exists.");
    }

    @Test
    void anOutdatedTargetOrSourceIsRefusedWithWhatToRun() {
        Path source = sqliteConfig("source");
        fill(source, 1, 0);
        Path target = sqliteConfig("target");
        assertThat(h.run("-c", target.toString(), "db", "init").code()).isZero();
        assertThat(h.run("-c", target.toString(), "db", "downgrade", "--yes").code()).isZero();

        Result r = h.run("-c", source.toString(), "db", "copy", "--to", target.toString(), "--yes");
        CliHarness.assertOneLineError(r, "has an outdated schema (version 13)",
                "run `openwec -c " + target + " db upgrade` first");

        Result reverse = h.run("-c", target.toString(), "db", "copy", "--to", source.toString(), "--yes");
        CliHarness.assertOneLineError(reverse, CliHarness.OUTDATED);
    }

    @Test
    void theSameDatabaseABadChunkSizeAndAMissingTargetFileAreRefused() {
        Path source = sqliteConfig("source");
        fill(source, 1, 0);
        CliHarness.assertOneLineError(h.run("-c", source.toString(), "db", "copy", "--to", source.toString(), "--yes"),
                "same SQLite database");
        CliHarness.assertUsageError(h.run("-c", source.toString(), "db", "copy", "--to", source.toString(),
                "--chunk-size", "0"), "--chunk-size must be between 1 and 1000000");
        CliHarness.assertUsageError(h.run("-c", source.toString(), "db", "copy"), "--to");
        CliHarness.assertOneLineError(h.run("-c", source.toString(), "db", "copy", "--to",
                dir.resolve("nope.toml").toString()), "nope.toml does not exist", "--to");
    }

    // ------------------------------------------------------------------ the progress bar

    @Test
    void theProgressBarIsOneLineRedrawnInPlaceAndOnlyOnATerminal() {
        assertThat(DbCopyCommand.Progress.line(CopyDatabase.Phase.COPY, CopyDatabase.Table.BOOKMARKS, 50, 200))
                .isEqualTo("Copying bookmarks              [#######.......................]  25% 50/200");
        assertThat(DbCopyCommand.Progress.line(CopyDatabase.Phase.SURVEY, CopyDatabase.Table.HEARTBEATS, 7, -1))
                .isEqualTo("Counting heartbeats            7");
        assertThat(DbCopyCommand.Progress.line(CopyDatabase.Phase.VERIFY_TARGET, CopyDatabase.Table.BOOKMARKS, 300, 200))
                .contains("[##############################] 100% 300/200");

        assertThat(DbCopyCommand.Progress.part(CopyDatabase.Table.BOOKMARKS, 80_000, 150_000))
                .isEqualTo("bookmarks 80000/150000 (53%)");
        assertThat(DbCopyCommand.Progress.part(null, 0, -1)).isEqualTo("waiting");

        StringWriter terminal = new StringWriter();
        DbCopyCommand.Progress bar = new DbCopyCommand.Progress(new PrintWriter(terminal), true);
        bar.progressed(CopyDatabase.Phase.SURVEY, CopyDatabase.Table.SUBSCRIPTIONS, 3);
        bar.progressed(CopyDatabase.Phase.SURVEY, CopyDatabase.Table.BOOKMARKS, 5);
        bar.progressed(CopyDatabase.Phase.VERIFY_SOURCE, CopyDatabase.Table.SUBSCRIPTIONS, 3);
        bar.clear();
        assertThat(terminal.toString()).startsWith("\rCounting subscriptions").contains("\rCounting bookmarks")
                .contains("\rVerifying  source: subscriptions 3  target: waiting")
                .doesNotContain("\n").endsWith("\r");

        StringWriter pipe = new StringWriter();
        DbCopyCommand.Progress off = new DbCopyCommand.Progress(new PrintWriter(pipe), false);
        off.progressed(CopyDatabase.Phase.COPY, CopyDatabase.Table.BOOKMARKS, 5);
        off.clear();
        assertThat(pipe.toString()).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private static void assertVerified(Result r, long subscriptions, long bookmarks, long heartbeats) {
        assertThat(r.code()).as(r.toString()).isZero();
        CliHarness.assertNoStackTrace(r);
        assertThat(r.out()).as(r.toString())
                .contains("Copied " + subscriptions + " subscription(s), " + bookmarks + " bookmark(s) and "
                        + heartbeats + " heartbeat(s) in ")
                .containsPattern("subscriptions +" + subscriptions + " +" + subscriptions + " +([0-9a-f]{32}) +\\1 +OK")
                .containsPattern("bookmarks +" + bookmarks + " +" + bookmarks + " +([0-9a-f]{32}) +\\1 +OK")
                .containsPattern("heartbeats +" + heartbeats + " +" + heartbeats + " +([0-9a-f]{32}) +\\1 +OK")
                .contains("The target matches the source.")
                .doesNotContain("MISMATCH");
    }

    /** The copy's (1) or the verification's (2) time as the command printed it. */
    private static String phase(Result r, int group) {
        Matcher m = Pattern.compile("in ([0-9.]+) s; verified in ([0-9.]+) s").matcher(r.out());
        return m.find() ? m.group(group) : "?";
    }

    Path sqliteConfig(String name) {
        return h.config(name + ".toml", CliHarness.minimalToml(dir.resolve(name + ".sqlite")));
    }

    Path postgresConfig() {
        String dbname = "copy_" + (++databases);
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + dbname);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return h.config("pg-" + dbname + ".toml", """
                collectors = []
                [database]
                type = "Postgres"
                host = "localhost"
                port = %d
                dbname = "%s"
                user = "postgres"
                password = ""
                ssl_mode = "Disable"
                """.formatted(server.getPort(), dbname));
    }

    record Opened(Storage storage) implements AutoCloseable {
        @Override
        public void close() {
            storage.close();
        }
    }

    /** The database of a settings file, through the same adapters as the CLI; created and initialised if asked. */
    static Opened open(Path config, boolean init) {
        Storage storage = Backends.CONFIGURED.opener(SettingsLoader.load(config).database()).open(init);
        if (init) {
            new SchemaService(storage.schema(), storage.location(), MigrationEngine.Listener.SILENT).init();
        }
        return new Opened(storage);
    }

    /** Subscriptions whose stored form covers every output driver and filter kind the copy must carry. */
    static List<Subscription> subscriptions() {
        Subscription full = new Subscription(UUID.randomUUID(), UUID.randomUUID(), "4f2a1c9", "/security", false,
                new SubscriptionParameters("full", QUERY, 1234, 3, 54321, 25000, 10L, 7777, true,
                        ContentFormat.RenderedText, false, "fr-FR", "en-US"),
                ClientFilter.of(ClientFilterOperation.Except, ClientFilterKind.Client, new ClientFilterFlags(true, false),
                        List.of("test01$@windomain.local", "TEST02$@WINDOMAIN.LOCAL")),
                List.of(new Output(OutputFormat.Raw, new OutputDriver.Files("/var/log/openwec/{ip:2}/{ip}/{client}/messages"), true),
                        new Output(OutputFormat.RawJson, new OutputDriver.Kafka("openwec",
                                Map.of("bootstrap.servers", "localhost:9092", "security.protocol", "ssl")), true),
                        new Output(OutputFormat.Json, new OutputDriver.Tcp("siem.example.org", 5000, true,
                                List.of("/etc/ca.pem", "/etc/ca2.pem"), "/etc/client.pem", "/etc/client.key"), true),
                        new Output(OutputFormat.Nxlog, new OutputDriver.Redis("localhost", "openwec"), false),
                        new Output(OutputFormat.Json, new OutputDriver.UnixDatagram("/tmp/openwec.socket"), true),
                        new Output(OutputFormat.Json, OutputDriver.Tcp.plain("127.0.0.1", 5001), true)));
        Subscription glob = Subscription.create("glob", QUERY)
                .withClientFilter(ClientFilter.of(ClientFilterOperation.Only, ClientFilterKind.MachineID,
                        ClientFilterFlags.fromBits(3), List.of("WIN*$@WINDOMAIN.LOCAL", "dc?.example.[a-z]*",
                                "WIN*$@WINDOMAIN.LOCAL")))
                .withOutputs(List.of(new Output(OutputFormat.Json, new OutputDriver.Files("/glob/{client}"), true)));
        Subscription plain = Subscription.create("plain", QUERY);
        Subscription exact = Subscription.create("exact", "query2")
                .withParameters(SubscriptionParameters.defaults("exact", "query2").withReadExistingEvents(true)
                        .withContentFormat(ContentFormat.RenderedText).withMaxElements(10L).withLocale("de-DE"))
                .withClientFilter(ClientFilter.fromStored(ClientFilterOperation.Only, ClientFilterKind.Client,
                        ClientFilterFlags.NONE, "couscous,boulette"))
                .withOutputs(List.of(new Output(OutputFormat.Json, new OutputDriver.Files("/path1/{ip}/messages"), true),
                        new Output(OutputFormat.Raw, new OutputDriver.Files("/path2/{ip}/messages"), false)))
                .withRevision("1472").withUri("/exact");
        return List.of(full, glob, plain, exact);
    }

    /**
     * Initialises the database of {@code config} and stores the subscriptions, {@code bookmarks} bookmarks
     * and {@code heartbeats} heartbeats spread over them, through the ports' batch methods. Machine names mix
     * letter cases, digits and punctuation, which SQLite and PostgreSQL sort differently.
     */
    static List<Subscription> fill(Path config, int bookmarks, int heartbeats) {
        List<Subscription> subscriptions = subscriptions();
        try (Opened db = open(config, true)) {
            db.storage().subscriptions().storeSubscriptions(subscriptions, List.of());
            List<Bookmark> chunk = new ArrayList<>();
            for (int i = 0; i < bookmarks; i++) {
                Subscription s = subscriptions.get(i % subscriptions.size());
                chunk.add(new Bookmark(machine(i), s.uuid(), "<BookmarkList><Bookmark Channel=\"Security\" RecordId=\""
                        + (1_000_000L + i) + "\" IsCurrent=\"true\"/></BookmarkList>"));
                if (chunk.size() == 50_000) {
                    db.storage().bookmarks().storeBookmarks(chunk);
                    chunk.clear();
                }
            }
            db.storage().bookmarks().storeBookmarks(chunk);
            List<HeartbeatRecord> rows = new ArrayList<>();
            for (int i = 0; i < heartbeats; i++) {
                Subscription s = subscriptions.get(i % subscriptions.size());
                long first = 1_700_000_000L + i;
                rows.add(new HeartbeatRecord(machine(i), s.uuid(), "10." + (i / 65_536) + "." + (i / 256 % 256) + "." + (i % 256),
                        first, first + 3_600, i % 3 == 0 ? null : first + 1_800));
            }
            for (int from = 0; from < rows.size(); from += 10_000) {
                db.storage().heartbeats().restoreHeartbeats(rows.subList(from, Math.min(rows.size(), from + 10_000)));
            }
        }
        return subscriptions;
    }

    static String machine(int i) {
        return switch (i % 4) {
            case 0 -> String.format(Locale.ROOT, "WKS%07d.windomain.local", i);
            case 1 -> String.format(Locale.ROOT, "wks-%07d$@WINDOMAIN.LOCAL", i);
            case 2 -> String.format(Locale.ROOT, "srv_%07d.example.org", i);
            default -> String.format(Locale.ROOT, "Poste-é%07d", i);
        };
    }

    /** What a crash midway leaves: every subscription and the first half of the bookmarks, no heartbeat. */
    private static void interruptedCopy(Path source, Path target) {
        try (Opened from = open(source, false); Opened to = open(target, true)) {
            to.storage().subscriptions().storeSubscriptions(from.storage().subscriptions().subscriptions(), List.of());
            List<Bookmark> half = from.storage().bookmarks().bookmarkPage(null, 10_000);
            to.storage().bookmarks().storeBookmarks(half);
        }
    }

    record Content(List<Subscription> subscriptions, Map<String, String> bookmarks, Map<String, HeartbeatRecord> heartbeats) {}

    /** Everything the database holds, read with the ports (the test may hold it all; the copy never does). */
    static Content read(Path config) {
        try (Opened db = open(config, false)) {
            Map<String, String> bookmarks = new HashMap<>();
            RowKey after = null;
            for (List<Bookmark> page; !(page = db.storage().bookmarks().bookmarkPage(after, 50_000)).isEmpty(); ) {
                page.forEach(b -> bookmarks.put(b.subscription() + "/" + b.machine(), b.bookmark()));
                Bookmark last = page.get(page.size() - 1);
                after = new RowKey(last.subscription(), last.machine());
            }
            Map<String, HeartbeatRecord> heartbeats = new HashMap<>();
            after = null;
            for (List<HeartbeatRecord> page; !(page = db.storage().heartbeats().heartbeatPage(after, 50_000)).isEmpty(); ) {
                page.forEach(r -> heartbeats.put(r.subscription() + "/" + r.machine(), r));
                HeartbeatRecord last = page.get(page.size() - 1);
                after = new RowKey(last.subscription(), last.machine());
            }
            return new Content(db.storage().subscriptions().subscriptions(), bookmarks, heartbeats);
        }
    }

    private static Map<String, String> bookmarks(Path config) {
        return read(config).bookmarks();
    }

    private static long countBookmarks(Path config) {
        return bookmarks(config).size();
    }

    private static void assertSameContent(Path source, Path target) {
        assertSameContent(read(source), read(target));
    }

    private static void assertSameContent(Content expected, Content actual) {
        assertThat(actual.subscriptions()).containsExactlyInAnyOrderElementsOf(expected.subscriptions());
        assertThat(actual.bookmarks()).hasSameSizeAs(expected.bookmarks());
        assertThat(actual.bookmarks().equals(expected.bookmarks())).as("same bookmarks").isTrue();
        assertThat(actual.heartbeats().equals(expected.heartbeats())).as("same heartbeats").isTrue();
    }
}
