package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwec.app.CliHarness.assertOneLineError;
import static org.openwec.app.CliHarness.assertUsageError;
import static org.openwec.app.CliHarness.minimalToml;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openwec.app.CliHarness;
import org.openwec.app.CliHarness.Result;

/**
 * Every kind of bad input ends in one line on stderr naming the problem and the fix, exit code 1 (2 for
 * usage errors), no stack trace, and nothing created or changed on disk. {@code db init} is used where
 * possible because it is the command allowed to create things.
 */
class BadInputTest {
    @TempDir
    Path dir;

    CliHarness h;

    @BeforeEach
    void setUp() {
        h = new CliHarness(dir);
    }

    private static final String SQLITE_DB = "collectors = []\n[database]\ntype = \"SQLite\"\n";
    private static final String POSTGRES = "collectors = []\n[database]\ntype = \"Postgres\"\nhost = \"db.example\"\n"
            + "port = 5432\ndbname = \"openwec\"\nuser = \"openwec\"\npassword = \"secret\"\n";

    /** Runs {@code db init} with a configuration file of that text; nothing may change on disk. */
    private Result initWith(String toml) {
        Path config = h.config("bad.toml", toml);
        Map<String, String> before = h.snapshot();
        Result r = h.run("-c", config.toString(), "db", "init");
        assertThat(h.snapshot()).as(r.toString()).isEqualTo(before);
        return r;
    }

    private String db() {
        return "path = " + CliHarness.tomlString(h.db().toString()) + "\n";
    }

    // ------------------------------------------------------------------ configuration

    @Test
    void malformedTomlNamesFileLineAndColumn() {
        Result r = initWith("collectors = []\n[database]\ntype = \"SQLite\"\npath = /var/db\n");

        assertOneLineError(r, "bad.toml", "not valid TOML", "line 4", "column ");
    }

    @Test
    void unknownDatabaseType() {
        Result r = initWith("collectors = []\n[database]\ntype = \"MySQL\"\n" + db());

        assertOneLineError(r, "MySQL", "database.type", "\"SQLite\" or \"Postgres\"", "line 3");
    }

    @Test
    void databaseTypeIsCaseSensitive() {
        Result r = initWith("collectors = []\n[database]\ntype = \"sqlite\"\n" + db());

        assertOneLineError(r, "\"sqlite\"", "exact case");
    }

    @Test
    void missingPath() {
        assertOneLineError(initWith(SQLITE_DB), "[database]", "\"path\"", "Set path");
    }

    @Test
    void missingDatabaseSection() {
        assertOneLineError(initWith("collectors = []\n"), "\"database\"", "Add a [database] section");
    }

    @Test
    void missingDatabaseType() {
        assertOneLineError(initWith("collectors = []\n[database]\n" + db()), "\"type\"", "type = \"SQLite\"");
    }

    @Test
    void pathOfTheWrongType() {
        assertOneLineError(initWith(SQLITE_DB + "path = 3\n"), "database.path", "must be a string", "line 4");
    }

    @Test
    void portOfTheWrongType() {
        assertOneLineError(initWith(POSTGRES.replace("port = 5432", "port = \"x\"")),
                "database.port", "must be an integer", "\"x\"");
    }

    @Test
    void portOutOfRange() {
        assertOneLineError(initWith(POSTGRES.replace("port = 5432", "port = 70000")), "database.port", "65535");
    }

    @Test
    void unknownKeyInDatabase() {
        assertOneLineError(initWith(SQLITE_DB + db() + "host = \"x\"\n"), "unknown key database.host", "Remove it");
    }

    @Test
    void unknownTopLevelKey() {
        assertOneLineError(initWith(SQLITE_DB + db() + "[servre]\nnode_name = \"a\"\n"), "unknown key servre");
    }

    @Test
    void unknownKeyInAnOtherSection() {
        assertOneLineError(initWith(SQLITE_DB + db() + "[server]\ndb_sync_intervall = 5\n"),
                "unknown key server.db_sync_intervall");
    }

    @Test
    void badCollectorIsRejectedEvenThoughTheCliDoesNotUseIt() {
        Result r = initWith("[database]\ntype = \"SQLite\"\n" + db()
                + "[[collectors]]\nhostname = \"wec\"\nlisten_address = \"0.0.0.0\"\n"
                + "[collectors.authentication]\ntype = \"Basic\"\n");

        assertOneLineError(r, "Basic", "\"Kerberos\" or \"Tls\"");
    }

    @Test
    void maxChunkSizeZeroIsRejectedAtLoad() {
        assertOneLineError(initWith(POSTGRES + "max_chunk_size = 0\n"), "database.max_chunk_size", "got 0");
    }

    @Test
    void badSslMode() {
        assertOneLineError(initWith(POSTGRES + "ssl_mode = \"prefer\"\n"), "database.ssl_mode", "Disable, Prefer or Require");
    }

    /**
     * Nothing answers for db.example (no such host, or no DNS at all in a sandbox): the error names the
     * server after a short retry window. Whether the failure counts as the user's (one line) or the
     * environment's (one line and the hint to rerun with -v) depends on how the resolver fails.
     */
    @Test
    void aValidPostgresConfigurationFailsCleanlyWithoutLeakingThePassword() {
        Result r = initWith(POSTGRES + "retry_max_elapsed_ms = 500\nconnect_timeout_ms = 250\n");

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).startsWith("An error occurred: ").contains("PostgreSQL").contains("db.example")
                .doesNotContain("secret");
        CliHarness.assertNoStackTrace(r);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingConfigurationFile() {
        Map<String, String> before = h.snapshot();

        Result r = h.run("-c", dir.resolve("nope.toml").toString(), "db", "init");

        assertOneLineError(r, "nope.toml", "does not exist", "-c");
        assertThat(h.snapshot()).isEqualTo(before);
        assertThat(h.environment().defaultDatabase()).doesNotExist();
    }

    @Test
    void aDirectoryAsConfigurationFile() {
        Map<String, String> before = h.snapshot();

        Result r = h.run("-c", dir.toString(), "db", "init");

        assertOneLineError(r, dir.toString());
        assertThat(h.snapshot()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ database path

    @Test
    void unwritableLocationBecauseTheParentIsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "not a directory");

        Result r = initWith(SQLITE_DB + "path = " + CliHarness.tomlString(file.resolve("db.sqlite").toString()) + "\n");

        assertOneLineError(r, file.resolve("db.sqlite").toString(), "Cannot create", "[database] path");
    }

    @Test
    void unwritableLocationBecauseAnAncestorIsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "not a directory");
        Path database = file.resolve("sub").resolve("db.sqlite");

        Result r = initWith(SQLITE_DB + "path = " + CliHarness.tomlString(database.toString()) + "\n");

        assertOneLineError(r, database.toString(), "Cannot create", "[database] path");
    }

    @Test
    void aDirectoryAsDatabasePath() throws IOException {
        Path directory = Files.createDirectories(dir.resolve("adir"));

        Result r = initWith(SQLITE_DB + "path = " + CliHarness.tomlString(directory.toString()) + "\n");

        assertOneLineError(r, directory.toString(), "is a directory", "[database] path");
    }

    static List<Arguments> notDatabases() {
        byte[] random = new byte[8192];
        new Random(42).nextBytes(random);
        return List.of(
                Arguments.of("random bytes", random),
                Arguments.of("text", "collectors = []\nthis is not a database\n".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("long text", "x".repeat(5000).getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notDatabases")
    void aFileThatIsNotADatabaseIsLeftByteForByteUnchanged(String what, byte[] content) throws IOException {
        Path file = dir.resolve("notadb.sqlite");
        Files.write(file, content);
        Path config = h.config("c.toml", minimalToml(file));
        Map<String, String> before = h.snapshot();

        for (List<String> command : List.of(List.of("db", "init"), List.of("db", "status"), List.of("db"),
                List.of("db", "upgrade", "--yes"), List.of("subscriptions"))) {
            String[] args = Stream.concat(Stream.of("-c", config.toString()),
                    command.stream()).toArray(String[]::new);
            Result r = h.run(args);
            assertOneLineError(r, file.toString(), "not an SQLite database");
            assertThat(Files.readAllBytes(file)).isEqualTo(content);
            assertThat(h.snapshot()).as(command.toString()).isEqualTo(before);
        }
    }

    @Test
    void aCorruptDatabaseIsReportedAndLeftUnchanged() throws IOException {
        h.init();
        try (RandomAccessFile f = new RandomAccessFile(h.db().toFile(), "rw")) {
            f.seek(100);
            f.write(new byte[300]);
            f.seek(100);
            byte[] garbage = new byte[300];
            Arrays.fill(garbage, (byte) 0xFF);
            f.write(garbage);
        }
        byte[] content = Files.readAllBytes(h.db());
        Map<String, String> before = h.snapshot();

        for (String[] args : List.of(new String[] {"db", "init"}, new String[] {"db", "status"},
                new String[] {"subscriptions"})) {
            Result r = h.cli(args);
            assertOneLineError(r, h.db().toString(), "corrupt");
        }
        assertThat(Files.readAllBytes(h.db())).isEqualTo(content);
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void aMissingDatabaseIsNotCreatedByAnyCommandButInit() {
        Map<String, String> before = h.snapshot();

        for (String[] args : List.of(new String[] {"db", "status"}, new String[] {"db", "upgrade"},
                new String[] {"db", "upgrade", "--yes"}, new String[] {"db", "downgrade", "--yes"},
                new String[] {"db"}, new String[] {"subscriptions"})) {
            Result r = h.cli(args);
            assertOneLineError(r, h.db().toString(), "openwec db init");
            assertThat(r.out()).isEmpty();
        }
        assertThat(h.snapshot()).isEqualTo(before);
        assertThat(h.db().getParent()).doesNotExist();
    }

    @Test
    void anUnexpectedDatabaseErrorShowsNoStackTraceUnlessVerbose() throws IOException {
        Files.createDirectories(h.db().getParent());
        CliHarness.sql(h.db(), "PRAGMA journal_mode=WAL", "CREATE TABLE __schema_migrations (v INTEGER)");
        Map<String, String> before = h.snapshot();

        Result quiet = h.cli("db", "status");

        assertThat(quiet.code()).as(quiet.toString()).isEqualTo(1);
        assertThat(quiet.err()).as(quiet.toString()).startsWith("An error occurred: ").contains(h.db().toString())
                .contains("-v");
        CliHarness.assertNoStackTrace(quiet);

        Result verbose = h.cli("-v", "db", "status");

        assertThat(verbose.code()).as(verbose.toString()).isEqualTo(1);
        assertThat(verbose.err()).startsWith("An error occurred: ").contains("\tat ");
        assertThat(h.snapshot()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ usage errors

    @Test
    void usageErrorsExitTwoAndChangeNothing() {
        h.init();
        Map<String, String> before = h.snapshot();

        assertUsageError(h.cli("--bogus"), "--bogus");
        assertUsageError(h.cli("db", "init", "--bogus"), "--bogus");
        assertUsageError(h.cli("db", "upgrade", "--to", "abc", "--yes"), "abc");
        assertUsageError(h.cli("db", "downgrade", "--to", "abc", "--yes"), "abc");
        assertUsageError(h.cli("db", "upgrade", "--to"), "--to");
        assertUsageError(h.cli("subscriptions", "-e", "-d"), "mutually exclusive");
        assertUsageError(h.cli("frobnicate"), "frobnicate");
        assertUsageError(h.run("db", "init", "-c"), "-c");

        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void usageErrorsNeedNoConfiguration() {
        h.systemConfig("this is = = not toml");
        Map<String, String> before = h.snapshot();

        assertUsageError(h.run("db", "upgrade", "--to", "abc"), "abc");

        assertThat(h.snapshot()).isEqualTo(before);
    }
}
