package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.openwec.app.CliHarness.appliedVersions;
import static org.openwec.app.CliHarness.assertOneLineError;
import static org.openwec.app.CliHarness.known;
import static org.openwec.app.CliHarness.versions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openwec.app.CliHarness;
import org.openwec.app.CliHarness.Result;

/** {@code openwec db ...} on real SQLite files: init, status, the reference report, upgrade and downgrade. */
class DbCommandTest {
    private static final String APPLY_PROMPT = "Are you sure that you want to apply these migrations? [Y/n] ";
    private static final String DOWNGRADE_PROMPT = "Are you sure that you want to downgrade these migrations? [Y/n] ";

    @TempDir
    Path dir;

    CliHarness h;

    @BeforeEach
    void setUp() {
        h = new CliHarness(dir);
    }

    /** Brings the standard database to exactly versions 1..{@code version}. */
    private void databaseAt(int version) {
        h.init();
        if (version < 14) {
            Result r = h.cli("db", "downgrade", "--to", String.valueOf(version), "--yes");
            assertThat(r.code()).as(r.toString()).isZero();
        }
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, version));
    }

    /** The reference report, line for line. */
    private static String report(int appliedUpTo, String planHeader, List<String> plan) {
        List<String> lines = new ArrayList<>();
        lines.add("Knowned migrations:");
        lines.addAll(CliHarness.KNOWN);
        if (appliedUpTo == 0) {
            lines.add("No migrations already applied");
        } else {
            lines.add("Applied migrations:");
            lines.addAll(known(1, appliedUpTo));
        }
        if (plan.isEmpty()) {
            lines.add("Nothing to do");
        } else {
            lines.add(planHeader);
            lines.addAll(plan);
        }
        return String.join("\n", lines) + "\n";
    }

    // ------------------------------------------------------------------ init

    @Test
    void initCreatesTheFileAndItsDirectoryOwnerOnlyAndAppliesEveryMigration() throws IOException {
        assertThat(h.db().getParent()).doesNotExist();

        Result r = h.cli("db", "init");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).as("no report, no prompt").isEmpty();
        assertThat(h.db()).isRegularFile();
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 14));
        assertThat(r.err()).contains("Applying migration 1: create subscriptions table")
                .contains("Applying migration 14: ");
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(h.db()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(h.db().getParent()))).isEqualTo("rwx------");
    }

    @Test
    void initLeavesNoJournalFilesBehind() throws IOException {
        h.init();
        try (var files = Files.list(h.db().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("db.sqlite");
        }
    }

    @Test
    void initIsIdempotent() {
        h.init();
        Map<String, String> before = h.snapshot();

        Result again = h.cli("db", "init");

        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).doesNotContain("Applying migration");
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 14));
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void initCompletesAPartlyMigratedDatabase() {
        databaseAt(9);

        Result r = h.cli("db", "init");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 14));
    }

    @Test
    void initSetsUpAnExistingEmptySqliteDatabase() {
        CliHarness.plainDatabase(h.db());

        Result r = h.cli("db", "init");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 14));
    }

    @Test
    void initWorksWithAConfigurationThatDeclaresCollectors() {
        Path config = h.config("collectors.toml", """
                [database]
                type = "SQLite"
                path = %s

                [[collectors]]
                hostname = "wec.windomain.local"
                listen_address = "0.0.0.0"

                [collectors.authentication]
                type = "Kerberos"
                service_principal_name = "http/wec.windomain.local@WINDOMAIN.LOCAL"
                """.formatted(CliHarness.tomlString(h.db().toString())));

        Result r = h.run("-c", config.toString(), "db", "init");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 14));
    }

    /** The reference refuses a file without {@code collectors}, though its own message says the CLI needs none. */
    @Test
    void initWorksWithAConfigurationWithoutCollectors() {
        Path config = h.config("no-collectors.toml", "[database]\ntype = \"SQLite\"\npath = "
                + CliHarness.tomlString(h.db().toString()) + "\n");

        Result r = h.run("-c", config.toString(), "db", "init");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 14));
    }

    // ------------------------------------------------------------------ status

    @Test
    void statusOnAnUpToDateDatabase() {
        h.init();

        Result r = h.cli("db", "status");

        assertThat(r.code()).as(r.toString()).isZero();
        List<String> lines = r.outLines();
        assertThat(lines).contains("Schema: version 14, up to date", "Pending migrations: none");
        assertThat(lines.get(0)).startsWith("Database: ").contains(h.db().toString());
        int known = lines.indexOf("Known migrations:");
        int applied = lines.indexOf("Applied migrations:");
        assertThat(lines.subList(known + 1, known + 15)).isEqualTo(CliHarness.KNOWN);
        assertThat(lines.subList(applied + 1, applied + 15)).isEqualTo(CliHarness.KNOWN);
    }

    @Test
    void statusOnAnOutdatedDatabaseListsPendingMigrationsAndSaysWhatToDo() {
        databaseAt(12);

        Result r = h.cli("db", "status");

        assertThat(r.code()).as(r.toString()).isZero();
        List<String> lines = r.outLines();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Schema: version 12, 2 migration(s) pending")
                .contains("openwec db upgrade"));
        int applied = lines.indexOf("Applied migrations:");
        int pending = lines.indexOf("Pending migrations:");
        assertThat(lines.subList(applied + 1, pending)).isEqualTo(known(1, 12));
        assertThat(lines.subList(pending + 1, lines.size())).isEqualTo(known(13, 14));
    }

    @Test
    void statusOnAnUninitialisedDatabaseSaysToRunInit() {
        CliHarness.plainDatabase(h.db());
        Map<String, String> before = h.snapshot();

        Result r = h.cli("db", "status");

        assertThat(h.snapshot()).isEqualTo(before);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.outLines()).contains("Schema: not initialised: run `openwec db init`", "Applied migrations: none");
        assertThat(r.outLines().subList(r.outLines().indexOf("Pending migrations:") + 1, r.outLines().size()))
                .isEqualTo(CliHarness.KNOWN);
    }

    @Test
    void statusWhenEveryMigrationWasRevertedSaysNoneIsApplied() {
        h.init();
        assertThat(h.cli("db", "downgrade", "--to", "0", "--yes").code()).isZero();

        Result r = h.cli("db", "status");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.outLines()).contains("Schema: no migration applied, 14 migration(s) pending: run `openwec db upgrade`",
                "Applied migrations: none");
        assertThat(r.out()).doesNotContain("version -1");
    }

    @Test
    void statusChangesNothing() {
        databaseAt(12);
        Map<String, String> before = h.snapshot();

        assertThat(h.cli("db", "status").code()).isZero();

        assertThat(h.snapshot()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ db alone

    @Test
    void dbAlonePrintsTheUpgradeReportAndChangesNothing() {
        databaseAt(12);
        Map<String, String> before = h.snapshot();

        Result r = h.cli("db");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(report(12, "Migrations to apply:", known(13, 14)));
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void dbAloneOnAnUpToDateDatabaseSaysNothingToDo() {
        h.init();

        Result r = h.cli("db");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(report(14, null, List.of()));
    }

    @Test
    void reportSaysNoMigrationsAlreadyAppliedWhenEverythingWasReverted() {
        h.init();
        Result down = h.cli("db", "downgrade", "--to", "0", "--yes");
        assertThat(down.code()).as(down.toString()).isZero();
        assertThat(down.out()).isEqualTo(report(14, "Migrations to remove:", CliHarness.KNOWN));
        assertThat(appliedVersions(h.db())).isEmpty();

        Result r = h.cli("db");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(report(0, "Migrations to apply:", CliHarness.KNOWN));
    }

    // ------------------------------------------------------------------ upgrade

    @ParameterizedTest(name = "answer {0}")
    @ValueSource(strings = {"y\n", "Y\n", "\n"})
    void upgradePrintsTheReportAndPromptAndAppliesOnYes(String answer) {
        databaseAt(12);

        Result r = h.cliWithInput(answer, "db", "upgrade");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(report(12, "Migrations to apply:", known(13, 14)) + APPLY_PROMPT);
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 14));
        assertThat(r.err()).contains("Applying migration 13: ").contains("Applying migration 14: ")
                .doesNotContain("Applying migration 12");
    }

    @ParameterizedTest(name = "answer {0}")
    @ValueSource(strings = {"n\n", "N\n", "", "yes\nok\nsure\n"})
    void upgradeDeclinedOrUnansweredExitsOneAndChangesNothing(String answer) {
        databaseAt(12);
        Map<String, String> before = h.snapshot();

        Result r = h.cliWithInput(answer, "db", "upgrade");

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).startsWith(report(12, "Migrations to apply:", known(13, 14)) + APPLY_PROMPT);
        assertThat(r.err()).contains("Aborted");
        CliHarness.assertNoStackTrace(r);
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 12));
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void anUnclearAnswerAsksAgain() {
        databaseAt(12);

        Result r = h.cliWithInput("yes\ny\n", "db", "upgrade");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(report(12, "Migrations to apply:", known(13, 14)) + APPLY_PROMPT + APPLY_PROMPT);
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 14));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--yes", "-y"})
    void yesSkipsThePrompt(String flag) {
        databaseAt(12);

        Result r = h.cli("db", "upgrade", flag);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(report(12, "Migrations to apply:", known(13, 14)));
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 14));
    }

    @Test
    void upgradeToAppliesUpToThatVersionInclusive() {
        databaseAt(10);

        Result r = h.cli("db", "upgrade", "--to", "12", "--yes");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(report(10, "Migrations to apply:", known(11, 12)));
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 12));
    }

    @Test
    void upgradeWithShortToOption() {
        databaseAt(10);

        Result r = h.cliWithInput("y\n", "db", "upgrade", "-t", "11");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 11));
    }

    @Test
    void upgradeOnAnUpToDateDatabaseSaysNothingToDoWithoutPrompting() {
        h.init();
        Map<String, String> before = h.snapshot();

        Result r = h.cli("db", "upgrade");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(report(14, null, List.of()));
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void upgradeToBelowTheCurrentVersionSaysNothingToDo() {
        h.init();

        Result r = h.cli("db", "upgrade", "--to", "5");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(report(14, null, List.of()));
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 14));
    }

    // ------------------------------------------------------------------ downgrade

    @Test
    void downgradeWithoutTargetRevertsExactlyTheHighestVersion() {
        h.init();

        Result r = h.cliWithInput("y\n", "db", "downgrade");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(report(14, "Migrations to remove:", known(14, 14)) + DOWNGRADE_PROMPT);
        assertThat(r.err()).contains("Reverting migration 14: ");
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 13));

        Result again = h.cli("db", "downgrade", "--yes");

        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).isEqualTo(report(13, "Migrations to remove:", known(13, 13)));
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 12));
    }

    @ParameterizedTest(name = "answer {0}")
    @ValueSource(strings = {"n\n", ""})
    void downgradeDeclinedExitsOneAndChangesNothing(String answer) {
        h.init();
        Map<String, String> before = h.snapshot();

        Result r = h.cliWithInput(answer, "db", "downgrade", "--to", "3");

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).startsWith(report(14, "Migrations to remove:", known(4, 14)) + DOWNGRADE_PROMPT);
        assertThat(r.err()).contains("Aborted");
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 14));
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void downgradeToTheCurrentVersionSaysNothingToDo() {
        h.init();

        Result r = h.cli("db", "downgrade", "--to", "14");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(report(14, null, List.of()));
    }

    @Test
    void downgradeToFiveThenUpgradeRoundTrips() {
        h.init();

        Result down = h.cli("db", "downgrade", "--to", "5", "--yes");

        assertThat(down.code()).as(down.toString()).isZero();
        assertThat(down.out()).as("plan printed ascending, even for a downgrade")
                .isEqualTo(report(14, "Migrations to remove:", known(6, 14)));
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 5));
        int reverting14 = down.err().indexOf("Reverting migration 14");
        int reverting6 = down.err().indexOf("Reverting migration 6");
        assertThat(reverting14).as("reverted in descending order").isNotNegative().isLessThan(reverting6);

        Result up = h.cli("db", "upgrade", "--yes");

        assertThat(up.code()).as(up.toString()).isZero();
        assertThat(up.out()).isEqualTo(report(5, "Migrations to apply:", known(6, 14)));
        assertThat(appliedVersions(h.db())).isEqualTo(versions(1, 14));
        assertThat(h.cli("db", "status").outLines()).contains("Schema: version 14, up to date");
        Result list = h.cli("subscriptions");
        assertThat(list.code()).as(list.toString()).isZero();
    }

    // ------------------------------------------------------------------ not initialised

    @Test
    void upgradeDowngradeAndReportNeedAnInitialisedDatabase() {
        CliHarness.plainDatabase(h.db());
        Map<String, String> before = h.snapshot();

        for (String[] args : List.of(new String[] {"db"}, new String[] {"db", "upgrade", "--yes"},
                new String[] {"db", "downgrade", "--yes"})) {
            Result r = h.cli(args);
            assertOneLineError(r, "openwec db init");
            assertThat(r.out()).isEmpty();
        }
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void globalOptionsAreAcceptedAfterTheSubcommand() {
        h.init();

        Result r = h.run("db", "status", "-c", h.config().toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.outLines()).contains("Schema: version 14, up to date");
    }
}
