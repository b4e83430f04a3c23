package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwec.app.CliHarness.appliedVersions;
import static org.openwec.app.CliHarness.assertOneLineError;
import static org.openwec.app.CliHarness.versions;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.app.CliHarness;
import org.openwec.app.CliHarness.Result;

/** The schema check every non-{@code db} command runs first (openwec-operations.md 4.6). */
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
