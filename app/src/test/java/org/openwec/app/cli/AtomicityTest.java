package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.app.CliHarness;
import org.openwec.app.CliHarness.Result;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.Storage;

/**
 * Commands that write several rows write all of them or none (reference weakness, docs/reference/cli.md §12 item 5).
 * SQLite triggers make the database refuse the second row of each command, as a full disk or a
 * constraint would, and the first row must not have been written either.
 */
class AtomicityTest {
    static final String A = "aaaaaaaa-0000-4000-8000-000000000001";
    static final String B = "bbbbbbbb-0000-4000-8000-000000000002";

    @TempDir
    Path dir;

    CliHarness h;
    Subscription alpha;
    Subscription beta;
    Subscription gamma;

    @BeforeEach
    void setUp() {
        h = new CliHarness(dir);
        h.freshDatabase();
        List<Output> outputs = List.of(new Output(OutputFormat.Raw, new OutputDriver.Files("/x"), true));
        alpha = Subscription.create("alpha", TestData.SECURITY).withOutputs(outputs).withEnabled(false);
        beta = Subscription.create("beta", TestData.SECURITY).withOutputs(outputs).withEnabled(false);
        gamma = Subscription.create("gamma", TestData.SECURITY);
        TestData.store(h, alpha, beta, gamma);
        try (Storage s = TestData.storage(h)) {
            s.bookmarks().storeBookmarks(List.of(new Bookmark("A$@R", alpha.uuid(), "<a/>"), new Bookmark("B$@R", alpha.uuid(), "<b/>")));
        }
        CliHarness.sql(h.db(),
                "CREATE TRIGGER refuse_beta_update BEFORE UPDATE ON subscriptions WHEN NEW.name = 'beta' "
                        + "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
                "CREATE TRIGGER refuse_beta_insert BEFORE INSERT ON subscriptions WHEN NEW.name = 'beta' "
                        + "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
                "CREATE TRIGGER refuse_b_bookmark BEFORE INSERT ON bookmarks WHEN NEW.machine = 'B$@R' "
                        + "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
    }

    private List<Subscription> subscriptions() {
        try (Storage s = TestData.storage(h)) {
            return s.subscriptions().subscriptions();
        }
    }

    private void assertFailedAndUnchanged(Result r, List<Subscription> before) {
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).contains("refused by the test");
        assertThat(r.out()).as("nothing is reported done").doesNotContain("+ ");
        CliHarness.assertNoStackTrace(r);
        assertThat(subscriptions()).isEqualTo(before);
    }

    @Test
    void enableOfSeveral() {
        List<Subscription> before = subscriptions();
        assertFailedAndUnchanged(h.cli("subscriptions", "enable", "alpha", "beta"), before);
    }

    @Test
    void disableOfAll() {
        List<Subscription> before = subscriptions();
        assertFailedAndUnchanged(h.cli("subscriptions", "disable", "--all"), before);
    }

    @Test
    void reloadOfSeveral() {
        List<Subscription> before = subscriptions();
        assertFailedAndUnchanged(h.cli("subscriptions", "reload", "alpha", "beta"), before);
    }

    @Test
    void importOfSeveral() {
        List<Subscription> before = subscriptions();
        String export = h.cli("subscriptions", "export", "-s", "gamma").out().strip();
        String one = export.substring(export.indexOf("[{") + 1, export.lastIndexOf("}]") + 1);
        String delta = one.replace(gamma.uuid().toString(), A).replace("\"name\":\"gamma\"", "\"name\":\"delta\"");
        String newBeta = one.replace(gamma.uuid().toString(), B).replace("\"name\":\"gamma\"", "\"name\":\"beta\"");
        Path file = TestData.write(h, "two.json", "{\"schema\":\"V3\",\"data\":{\"subscriptions\":[" + delta + "," + newBeta + "]}}");

        assertFailedAndUnchanged(h.cli("subscriptions", "import", file.toString()), before);
    }

    @Test
    void loadOfADirectory() throws Exception {
        List<Subscription> before = subscriptions();
        Path confd = Files.createDirectories(dir.resolve("confd"));
        CliHarness.write(confd.resolve("1.toml"), TestData.toml(A, "delta", ""));
        CliHarness.write(confd.resolve("2.toml"), TestData.toml(B, "beta", ""));

        Result r = h.cli("subscriptions", "load", confd.toString());

        assertFailedAndUnchanged(r, before);
    }

    @Test
    void bookmarksCopy() {
        Result r = h.cli("bookmarks", "copy", "alpha", "gamma", "--yes");

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).contains("refused by the test");
        assertThat(r.out()).doesNotContain("copied");
        assertThat(h.cli("bookmarks", "show", "gamma").out()).isEmpty();
    }
}
