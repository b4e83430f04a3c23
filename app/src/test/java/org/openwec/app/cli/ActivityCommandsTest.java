package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwec.app.CliHarness.assertOneLineError;
import static org.openwec.app.CliHarness.assertUsageError;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.app.CliHarness;
import org.openwec.app.CliHarness.Result;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.Storage;

/**
 * heartbeats, stats, subscriptions clients and bookmarks on the in-memory storage (docs/reference/cli.md §4.10, 5, 6, 7). "Now" is
 * 2025-01-01T01:00:00Z and dates print in UTC.
 */
class ActivityCommandsTest {
    static final long NOW = CliHarness.NOW.getEpochSecond();
    static final String BOOKMARK_A = "<BookmarkList><Bookmark Channel=\"Security\" RecordId=\"1\" IsCurrent=\"true\"/></BookmarkList>";
    static final String BOOKMARK_B = "<BookmarkList><Bookmark Channel=\"Security\" RecordId=\"2\" IsCurrent=\"true\"/></BookmarkList>";

    @TempDir
    Path dir;

    CliHarness h;
    Subscription alpha;
    Subscription beta;

    @BeforeEach
    void setUp() {
        h = CliHarness.inMemory(dir);
        h.freshDatabase();
        alpha = Subscription.create("alpha", TestData.SECURITY).withUri("/a");
        beta = Subscription.create("beta", TestData.SECURITY).withParameters(
                Subscription.create("beta", TestData.SECURITY).parameters().withHeartbeatInterval(60));
        TestData.store(h, alpha, beta);
        try (Storage s = TestData.storage(h)) {
            s.heartbeats().storeHeartbeats(List.of(
                    HeartbeatUpdate.event("A$@R", alpha.uuid(), "10.0.0.1", NOW - 100),
                    HeartbeatUpdate.heartbeat("B$@R", alpha.uuid(), "10.0.0.2", NOW - 200),
                    HeartbeatUpdate.heartbeat("C$@R", alpha.uuid(), "10.0.0.3", NOW - 7200),
                    HeartbeatUpdate.heartbeat("A$@R", beta.uuid(), "10.0.0.1", NOW - 100)));
            s.bookmarks().storeBookmark("A$@R", alpha.uuid(), BOOKMARK_A);
            s.bookmarks().storeBookmark("B$@R", alpha.uuid(), BOOKMARK_B);
        }
    }

    private String line(Subscription s, String machine, String ip, String seen, String tail) {
        return "For subscription \"" + s.name() + "\" (" + s.uuid() + "), " + machine + " (" + ip + ") last heartbeat was sent on "
                + seen + ". First seen on " + seen + ". " + tail + "\n";
    }

    // ------------------------------------------------------------------ heartbeats

    @Test
    void heartbeatsFilters() {
        String aAlpha = line(alpha, "A$@R", "10.0.0.1", "2025-01-01T00:58:20+00:00", "Last event received on 2025-01-01T00:58:20+00:00");
        String bAlpha = line(alpha, "B$@R", "10.0.0.2", "2025-01-01T00:56:40+00:00", "No events have ever been received.");
        String cAlpha = line(alpha, "C$@R", "10.0.0.3", "2024-12-31T23:00:00+00:00", "No events have ever been received.");
        String aBeta = line(beta, "A$@R", "10.0.0.1", "2025-01-01T00:58:20+00:00", "No events have ever been received.");

        assertThat(h.cli("heartbeats").out()).isEqualTo(aAlpha + bAlpha + cAlpha + aBeta);
        assertThat(h.cli("heartbeats", "-s", "beta").out()).isEqualTo(aBeta);
        assertThat(h.cli("heartbeats", "-m", "A$@R").out()).isEqualTo(aAlpha + aBeta);
        assertThat(h.cli("heartbeats", "-m", "A$@R", "-s", alpha.uuid().toString()).out()).isEqualTo(aAlpha);
        assertThat(h.cli("heartbeats", "--address", "10.0.0.1", "--subscription", "beta").out()).isEqualTo(aBeta);
        assertThat(h.cli("heartbeats", "-m", "a$@r").out()).as("machines match exactly").isEmpty();
        assertThat(h.cli("heartbeats", "-a", "10.9.9.9", "-f", "json").out()).isEqualTo("[]\n");
        assertThat(h.cli("heartbeats", "-s", "beta", "-f", "json").out()).isEqualTo("[{\"machine\":\"A$@R\",\"ip\":\"10.0.0.1\","
                + "\"subscription_uuid\":\"" + beta.uuid() + "\",\"subscription_name\":\"beta\",\"first_seen\":\"2025-01-01T00:58:20+00:00\","
                + "\"last_seen\":\"2025-01-01T00:58:20+00:00\",\"last_event_seen\":null}]\n");
    }

    @Test
    void heartbeatsBadInput() {
        assertOneLineError(h.cli("heartbeats", "-s", "gamma"), "Subscription gamma could not be found in database");
        assertUsageError(h.cli("heartbeats", "-m", "A", "-a", "10.0.0.1"), "mutually exclusive");
        assertUsageError(h.cli("heartbeats", "-f", "JSON"), "text, json");
    }

    // ------------------------------------------------------------------ stats

    @Test
    void statsPerSubscriptionWithEachOwnIntervalOrTheGivenOne() {
        Result r = h.cli("stats");

        assertThat(r.out()).isEqualTo("""
                Subscription alpha (%s) - /a
                - 3 machines ever seen
                - 1 active machines (event received since 2025-01-01T00:00:00+00:00)
                - 1 alive machines (heartbeat received since 2025-01-01T00:00:00+00:00 but no events)
                - 1 dead machines (no heartbeats nor events since 2025-01-01T00:00:00+00:00)
                Subscription beta (%s) - *
                - 1 machines ever seen
                - 0 active machines (event received since 2025-01-01T00:59:00+00:00)
                - 0 alive machines (heartbeat received since 2025-01-01T00:59:00+00:00 but no events)
                - 1 dead machines (no heartbeats nor events since 2025-01-01T00:59:00+00:00)
                """.formatted(alpha.uuid(), beta.uuid()));
        assertThat(h.cli("stats", "-s", "alpha", "-i", "150", "-f", "json").out()).isEqualTo("[{\"active_machines_count\":1,"
                + "\"alive_machines_count\":0,\"dead_machines_count\":2,\"since\":\"2025-01-01T00:57:30+00:00\",\"subscription_name\":\"alpha\","
                + "\"subscription_uri\":\"/a\",\"subscription_uuid\":\"" + alpha.uuid() + "\",\"total_machines_count\":3}]\n");
        assertOneLineError(h.cli("stats", "-s", "gamma"), "Subscription gamma could not be found in database");
        assertUsageError(h.cli("stats", "-i", "-5"), "-5");
    }

    @Test
    void statsOnAnEmptyDatabase() {
        try (Storage s = TestData.storage(h)) {
            s.subscriptions().storeSubscriptions(List.of(), List.of(alpha.uuid(), beta.uuid()));
        }
        assertThat(h.cli("stats").out()).isEmpty();
        assertThat(h.cli("stats", "--format", "json").out()).isEqualTo("[]\n");
    }

    // ------------------------------------------------------------------ clients

    /** Reference bug: `clients` and `machines` printed the subscription list instead. */
    @Test
    void clientsListsTheMachinesOfTheSubscriptionInEachState() {
        assertThat(h.cli("subscriptions", "clients", "alpha").out()).isEqualTo("10.0.0.1:A$@R\n10.0.0.2:B$@R\n10.0.0.3:C$@R\n");
        assertThat(h.cli("subscriptions", "machines", "alpha").out()).isEqualTo("10.0.0.1:A$@R\n10.0.0.2:B$@R\n10.0.0.3:C$@R\n");
        assertThat(h.cli("subscriptions", "clients", "alpha", "--active").out()).isEqualTo("10.0.0.1:A$@R\n");
        assertThat(h.cli("subscriptions", "clients", "alpha", "-l").out()).isEqualTo("10.0.0.2:B$@R\n");
        assertThat(h.cli("subscriptions", "clients", "alpha", "-d").out()).isEqualTo("10.0.0.3:C$@R\n");
        assertThat(h.cli("subscriptions", "clients", "alpha", "-d", "-i", "150").out()).isEqualTo("10.0.0.2:B$@R\n10.0.0.3:C$@R\n");
        assertThat(h.cli("subscriptions", "clients", "beta", "--dead").out()).as("beta's interval is 60 s").isEqualTo("10.0.0.1:A$@R\n");
        assertOneLineError(h.cli("subscriptions", "clients", "gamma"), "Subscription \"gamma\" could not be found in database");
        assertUsageError(h.cli("subscriptions", "clients", "alpha", "-a", "-d"), "mutually exclusive");
        assertUsageError(h.cli("subscriptions", "clients", "alpha", "-i", "4294967296"), "4294967296");
    }

    // ------------------------------------------------------------------ bookmarks

    @Test
    void bookmarksShow() {
        assertThat(h.cli("bookmarks", "show", "alpha").out()).isEqualTo("A$@R:" + BOOKMARK_A + "\nB$@R:" + BOOKMARK_B + "\n");
        assertThat(h.cli("bookmarks", "show", alpha.storedKey(), "-m", "B$@R").out()).isEqualTo(BOOKMARK_B + "\n");
        assertThat(h.cli("bookmarks", "show", "beta").out()).isEmpty();
        assertOneLineError(h.cli("bookmarks", "show", "beta", "-m", "A$@R"), "No bookmarks found for A$@R within subscription \"beta\"");
        assertOneLineError(h.cli("bookmarks", "show", "gamma"), "Could not find subscription with identifier gamma");
        assertOneLineError(h.cli("bookmarks"), "Invalid subcommand");
    }

    @Test
    void bookmarksDeleteAsksEachWayAndTakesYes() {
        Map<String, String> before = h.snapshot();
        for (List<String> args : List.of(
                List.of("-s", "alpha", "-m", "A$@R"), List.of("-m", "A$@R"), List.of("-s", "alpha"), List.<String>of())) {
            Result declined = h.cliWithInput("n\n", SubscriptionCommandsTest.concat(List.of("bookmarks", "delete"), args));
            assertThat(declined.code()).as(declined.toString()).isEqualTo(1);
            assertThat(declined.err()).isEqualTo("Aborted: nothing was changed.\n");
        }
        assertThat(h.snapshot()).isEqualTo(before);
        assertThat(h.cliWithInput("n\n", "bookmarks", "delete", "-s", "alpha", "-m", "A$@R").out()).isEqualTo(
                "You are about to delete the bookmark of A$@R within subscription \"alpha\".\nWARNING: You may lose logs!\n"
                        + "Are you sure? [Y/n] ");
        assertThat(h.cliWithInput("n\n", "bookmarks", "delete", "-m", "A$@R").out()).startsWith(
                "You are about to delete all bookmarks stored for A$@R.\nWARNING");
        assertThat(h.cliWithInput("n\n", "bookmarks", "delete", "-s", "alpha").out()).startsWith(
                "You are about to delete all bookmarks stored for subscription \"alpha\".\nWARNING");
        assertThat(h.cliWithInput("n\n", "bookmarks", "delete").out()).startsWith("You are about to delete all stored bookmarks.\nWARNING");

        Result one = h.cli("bookmarks", "delete", "-s", "alpha", "-m", "A$@R", "--yes");
        assertThat(one.out()).isEqualTo("Done\n");
        assertThat(h.cli("bookmarks", "show", "alpha").out()).isEqualTo("B$@R:" + BOOKMARK_B + "\n");

        assertThat(h.cliWithInput("y\n", "bookmarks", "delete").code()).isZero();
        assertThat(h.cli("bookmarks", "show", "alpha").out()).isEmpty();
        assertOneLineError(h.cli("bookmarks", "delete", "-s", "gamma", "-y"), "Could not find subscription with identifier gamma");
    }

    @Test
    void bookmarksCopyAllOrOne() {
        Result all = h.cli("bookmarks", "copy", "alpha", "beta", "--yes");
        assertThat(all.out()).isEqualTo("2 bookmarks copied\n");
        assertThat(h.cli("bookmarks", "show", "beta").out()).isEqualTo("A$@R:" + BOOKMARK_A + "\nB$@R:" + BOOKMARK_B + "\n");

        try (Storage s = TestData.storage(h)) {
            s.bookmarks().storeBookmark("A$@R", alpha.uuid(), BOOKMARK_B);
        }
        Result declined = h.cliWithInput("n\n", "bookmarks", "copy", "-m", "A$@R", "alpha", "beta");
        assertThat(declined.code()).isEqualTo(1);
        assertThat(declined.out()).isEqualTo("WARNING: A bookmark for A$@R already exists within subscription \"beta\"\n"
                + "You are about to copy bookmark for A$@R in \"alpha\" to \"beta\".\nWARNING: You may lose logs!\nAre you sure? [Y/n] ");
        assertThat(h.cli("bookmarks", "show", "beta", "-m", "A$@R").out()).isEqualTo(BOOKMARK_A + "\n");

        Result one = h.cliWithInput("\n", "bookmarks", "copy", "-m", "A$@R", "alpha", "beta");
        assertThat(one.code()).isZero();
        assertThat(one.out()).endsWith("[Y/n] 1 bookmark copied\n");
        assertThat(h.cli("bookmarks", "show", "beta", "-m", "A$@R").out()).isEqualTo(BOOKMARK_B + "\n");
    }

    /** Reference weakness: identifiers were compared as typed, so copying a subscription onto its own UUID went ahead. */
    @Test
    void bookmarksCopyRefusesTheSameSubscriptionHoweverNamed() {
        assertOneLineError(h.cli("bookmarks", "copy", "alpha", "alpha", "-y"), "Source and destination are equal");
        assertOneLineError(h.cli("bookmarks", "copy", "alpha", alpha.uuid().toString(), "-y"), "Source and destination are equal");
        assertOneLineError(h.cli("bookmarks", "copy", "gamma", "alpha", "-y"), "Could not find source subscription with identifier \"gamma\"");
        assertOneLineError(h.cli("bookmarks", "copy", "alpha", "gamma", "-y"), "Could not find destination subscription with identifier \"gamma\"");
        assertOneLineError(h.cli("bookmarks", "copy", "-m", "Z$@R", "alpha", "beta", "-y"), "Could not find bookmark for Z$@R in \"alpha\"");
    }
}
