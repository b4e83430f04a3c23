package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwec.app.CliHarness.appliedVersions;
import static org.openwec.app.CliHarness.assertOneLineError;
import static org.openwec.app.CliHarness.versions;

import java.nio.file.Path;
import java.util.Map;
import java.util.SortedSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.app.CliHarness;
import org.openwec.app.CliHarness.Result;

/** The schema check every non-{@code db} command runs first (docs/reference/operations.md §4.6). */
class StartupCheckTest {
    @TempDir
    Path dir;

    CliHarness h;

    @BeforeEach
    void setUp() {
        h = new CliHarness(dir);
    }

    @Test
    void anOutdatedSchemaIsRefusedWithTheReferenceMessage() {
        h.init();
        assertThat(h.cli("db", "downgrade", "--yes").code()).isZero();
        Map<String, String> before = h.snapshot();

        Result r = h.cli("subscriptions");

        assertOneLineError(r, CliHarness.OUTDATED);
        assertThat(r.out()).isEmpty();
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void aSchemaWrittenByANewerVersionGetsItsOwnMessage() {
        h.init();
        CliHarness.sql(h.db(), "INSERT INTO __schema_migrations (version) VALUES (15)");
        Map<String, String> before = h.snapshot();

        Result r = h.cli("subscriptions");

        assertOneLineError(r, "newer", "15");
        assertThat(r.err()).doesNotContain("needs to be updated").doesNotContain("openwec db upgrade");
        assertThat(h.snapshot()).isEqualTo(before);
        assertThat(appliedVersions(h.db())).containsExactlyElementsOf(versions(1, 15));
    }

    @Test
    void statusReportsTheUnknownVersion() {
        h.init();
        CliHarness.sql(h.db(), "INSERT INTO __schema_migrations (version) VALUES (15)");

        Result r = h.cli("db", "status");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.outLines()).anySatisfy(l -> assertThat(l).startsWith("Schema: version 15, written by a newer openwec")
                .contains("unknown versions [15]"));
        assertThat(r.outLines()).anySatisfy(l -> assertThat(l).startsWith("15: unknown"));
        assertThat(r.out()).doesNotContain("needs to be updated");
    }

    @Test
    void theReportMarksTheUnknownVersionAsTheReferenceDoes() {
        h.init();
        CliHarness.sql(h.db(), "INSERT INTO __schema_migrations (version) VALUES (15)");

        Result r = h.cli("db");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).endsWith(CliHarness.KNOWN.get(13) + "\n15: unknown\nNothing to do\n");
    }

    /** Reference defect: a downgrade reverted the migrations it knows underneath the versions of a newer binary. */
    @Test
    void noSchemaChangeRunsUnderneathTheVersionsOfANewerBinaryUnlessForced() {
        h.init();
        CliHarness.sql(h.db(), "INSERT INTO __schema_migrations (version) VALUES (15)");
        Map<String, String> before = h.snapshot();

        Result down = h.cli("db", "downgrade", "--yes");

        assertOneLineError(down, "15", "newer openwec", "14", "Nothing was changed", "--force");
        assertThat(down.out()).contains("Migrations to remove:\n" + CliHarness.KNOWN.get(13) + "\n");
        assertThat(h.snapshot()).isEqualTo(before);

        Result forced = h.cli("db", "downgrade", "--yes", "--force");
        assertThat(forced.code()).as(forced.toString()).isZero();
        SortedSet<Long> thirteenAndTheNewerOne = versions(1, 13);
        thirteenAndTheNewerOne.add(15L);
        assertThat(appliedVersions(h.db())).isEqualTo(thirteenAndTheNewerOne);

        Map<String, String> downgraded = h.snapshot();
        assertOneLineError(h.cli("db", "upgrade", "--yes"), "15", "Applying migration(s) 14", "--force");
        assertOneLineError(h.cli("db", "init"), "15", "pending", "--force");
        assertThat(h.snapshot()).isEqualTo(downgraded);

        Result up = h.cli("db", "upgrade", "--yes", "--force");
        assertThat(up.code()).as(up.toString()).isZero();
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 15));
    }

    @Test
    void anUninitialisedDatabaseIsRefusedWithTheHelpToRunInit() {
        CliHarness.plainDatabase(h.db());
        Map<String, String> before = h.snapshot();

        Result r = h.cli("subscriptions");

        assertOneLineError(r, "openwec db init");
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void dbCommandsSkipTheCheckSoTheyCanRepairAnOutdatedSchema() {
        h.init();
        assertThat(h.cli("db", "downgrade", "--to", "12", "--yes").code()).isZero();

        assertThat(h.cli("db", "status").code()).isZero();
        assertThat(h.cli("db").code()).isZero();
        Result up = h.cli("db", "upgrade", "--yes");

        assertThat(up.code()).as(up.toString()).isZero();
        Result list = h.cli("subscriptions");
        assertThat(list.code()).as(list.toString()).isZero();
    }
}
