package org.openwec.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.openwec.adapters.sqlite.SqliteSettings;
import org.openwec.adapters.sqlite.SqliteStorage;
import org.openwec.app.cli.Cli;
import org.openwec.app.cli.Environment;
import org.openwec.app.wiring.Backends;
import org.openwec.core.port.out.Storage;

/**
 * Shared test helpers: runs {@code openwec} in-process against one temporary directory (captured
 * stdout/stderr, scripted stdin), writes configuration files, and inspects what ended up on disk.
 *
 * <p>Layout under the directory: {@code etc/openwec.conf.toml} is the "system" configuration (absent
 * unless a test writes it), {@code data/openwec/db.sqlite} the embedded default database, and
 * {@link #db()} the database the usual test configuration ({@link #config()}) points at.
 *
 * <p>{@link #inMemory} runs the CLI on the in-memory storage instead, through the same wiring: the paths
 * configured then name in-memory databases, and {@link #snapshot()} covers what they hold. Tests of command
 * behaviour run so; tests of files, SQLite or PostgreSQL run on the real backends.
 */
public final class CliHarness {

    /** What one invocation produced; line separators normalised to {@code \n}. */
    public record Result(int code, String out, String err) {
        public List<String> outLines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    /** The reference's 14 SQLite migrations, as `openwec db` prints them. */
    public static final List<String> KNOWN = List.of(
            "1: create subscriptions table",
            "2: create bookmarks table",
            "3: create heartbeats table",
            "4: add last_event_seen field in heartbeats table",
            "5: add uri field in subscriptions table",
            "6: add content_format field in subscriptions table",
            "7: add ignore_channel_error field in subscriptions table",
            "8: add princs_filter fields in subscriptions table",
            "9: alter outputs format",
            "10: add revision field in subscriptions table",
            "11: add locale fields in subscriptions table",
            "12: alter outputs files config",
            "13: add max_elements field in subscriptions table",
            "14: renames fields and adds filter type and flags to subscriptions table");

    public static final String OUTDATED =
            "Schema needs to be updated. Please read the changelog and then run `openwec db upgrade`";

    /** "Now" for every run: 2025-01-01T01:00:00Z, the time of the worked example (data-formats 7). */
    public static final Instant NOW = Instant.ofEpochSecond(1_735_693_200L);

    private final Path dir;
    private final Environment environment;
    /** Null when the CLI runs on the configured backends. */
    private final MemoryDatabases memory;

    /** Runs see {@link #NOW} in UTC, so that dates print with "+00:00". */
    public CliHarness(Path dir) {
        this(dir, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    public CliHarness(Path dir, Clock clock) {
        this(dir, clock, null);
    }

    private CliHarness(Path dir, Clock clock, MemoryDatabases memory) {
        this.dir = dir;
        this.environment = new Environment(dir.resolve("etc").resolve("openwec.conf.toml"),
                dir.resolve("data").resolve("openwec").resolve("db.sqlite"), null, clock);
        this.memory = memory;
        config();
    }

    /** The CLI on in-memory databases, named by the configured SQLite paths; no database file is ever written. */
    public static CliHarness inMemory(Path dir) {
        return new CliHarness(dir, Clock.fixed(NOW, ZoneOffset.UTC), new MemoryDatabases());
    }

    public Path dir() {
        return dir;
    }

    public Environment environment() {
        return environment;
    }

    /** The database the standard configuration points at (its directory does not exist yet). */
    public Path db() {
        return dir.resolve("var").resolve("db.sqlite");
    }

    // ---------------------------------------------------------------- running

    /** Runs with empty stdin (end of input at the first read). */
    public Result run(String... args) {
        return runWithInput("", args);
    }

    public Result runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = new Cli(new BufferedReader(new StringReader(stdin)), o, e, environment,
                    memory == null ? Backends.CONFIGURED : memory).run(args);
        }
        return new Result(code, normalise(out.toString()), normalise(err.toString()));
    }

    /** Runs with the standard configuration ({@code -c} first). */
    public Result cli(String... args) {
        return cliWithInput("", args);
    }

    public Result cliWithInput(String stdin, String... args) {
        String[] all = Stream.concat(Stream.of("-c", config().toString()), Stream.of(args)).toArray(String[]::new);
        return runWithInput(stdin, all);
    }

    /** {@code db init} with the standard configuration, which must succeed. */
    public void init() {
        Result r = cli("db", "init");
        assertThat(r.code()).as(r.toString()).isZero();
    }

    /**
     * Puts at {@link #db()} a database as {@code db init} leaves it, copied from one initialised once per
     * test run: many tests need one, and running the fourteen migrations each time costs a tenth of a
     * second per test. Tests about {@code db init} itself run it.
     */
    public void freshDatabase() {
        if (memory != null) {
            init();
            return;
        }
        try {
            Files.createDirectories(db().getParent());
            Files.copy(initialisedTemplate(), db(), StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path template;

    /**
     * The standard database, opened for a test to arrange or inspect rows (the CLI must not be running on it).
     * Closing it closes a SQLite database; an in-memory one stays as it is.
     */
    public Storage storage() {
        return memory != null ? memory.storage(db()) : SqliteStorage.open(SqliteSettings.defaults(db()), false);
    }

    private static synchronized Path initialisedTemplate() throws IOException {
        if (template == null) {
            Path dir = Files.createTempDirectory("openwec-template");
            dir.toFile().deleteOnExit();
            CliHarness h = new CliHarness(dir);
            h.init();
            for (String suffix : List.of("-wal", "-shm", "-journal")) {
                if (Files.exists(Path.of(h.db() + suffix))) {
                    throw new IllegalStateException("db init left " + h.db() + suffix + " behind: the template would be incomplete");
                }
            }
            template = h.db();
            template.toFile().deleteOnExit();
            h.db().getParent().toFile().deleteOnExit();
            h.config().toFile().deleteOnExit();
        }
        return template;
    }

    private static String normalise(String s) {
        return s.replace("\r\n", "\n");
    }

    // ---------------------------------------------------------------- configuration files

    /** The minimal CLI-usable file of docs/reference/cli.md §8, for {@code database}. */
    public static String minimalToml(Path database) {
        return "collectors = []\n[database]\ntype = \"SQLite\"\npath = " + tomlString(database.toString()) + "\n";
    }

    public static String tomlString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The standard configuration file {@code openwec.toml}, pointing at {@link #db()}; written at construction. */
    public Path config() {
        Path file = dir.resolve("openwec.toml");
        if (!Files.exists(file)) {
            write(file, minimalToml(db()));
        }
        return file;
    }

    /** Writes a configuration file named {@code name} in the directory and returns its path. */
    public Path config(String name, String toml) {
        return write(dir.resolve(name), toml);
    }

    /** Writes the "system" configuration file (used when -c is absent). */
    public Path systemConfig(String toml) {
        return write(environment.systemConfig(), toml);
    }

    public static Path write(Path file, String text) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- what is on disk

    /**
     * Every file and directory under the test directory, with a digest of each file's bytes, and what each
     * in-memory database holds.
     */
    public Map<String, String> snapshot() {
        Map<String, String> entries = new TreeMap<>();
        if (memory != null) {
            entries.putAll(memory.contents());
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String key = dir.relativize(p).toString();
                entries.put(key, Files.isDirectory(p) ? "<dir>" : sha256(Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of {@code __schema_migrations}, read with plain JDBC (the file must exist). */
    public static SortedSet<Long> appliedVersions(Path database) {
        requireExisting(database);
        SortedSet<Long> versions = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM __schema_migrations")) {
            while (rs.next()) {
                versions.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return versions;
    }

    /** Runs SQL with plain JDBC; a missing file is created (a plain SQLite database, not initialised). */
    public static void sql(Path database, String... statements) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Creates an SQLite database that openwec never initialised (one unrelated table). It is made in WAL
     * mode, as the adapter opens every database in WAL mode and would otherwise rewrite its header.
     */
    public static void plainDatabase(Path database) {
        try {
            Files.createDirectories(database.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sql(database, "PRAGMA journal_mode=WAL", "CREATE TABLE unrelated (x INTEGER)");
    }

    private static void requireExisting(Path database) {
        if (!Files.isRegularFile(database)) {
            throw new IllegalStateException("No database file at " + database);
        }
    }

    public static SortedSet<Long> versions(long fromInclusive, long toInclusive) {
        SortedSet<Long> set = new TreeSet<>();
        LongStream.rangeClosed(fromInclusive, toInclusive).forEach(set::add);
        return set;
    }

    /** KNOWN lines for versions {@code from..to} inclusive. */
    public static List<String> known(int from, int to) {
        return new ArrayList<>(KNOWN.subList(from - 1, to));
    }

    // ---------------------------------------------------------------- assertions

    /** A runtime error: exit 1, one line on stderr naming the problem, no stack trace. */
    public static void assertOneLineError(Result r, String... fragments) {
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertNoStackTrace(r);
        List<String> lines = r.err().strip().lines().toList();
        assertThat(lines).as(r.toString()).hasSize(1);
        assertThat(lines.get(0)).as(r.toString()).startsWith("An error occurred: ");
        for (String fragment : fragments) {
            assertThat(lines.get(0)).as(r.toString()).contains(fragment);
        }
    }

    /** A usage error: exit 2, picocli's message on stderr, no stack trace, nothing on stdout. */
    public static void assertUsageError(Result r, String... fragments) {
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertNoStackTrace(r);
        assertThat(r.out()).as(r.toString()).isEmpty();
        for (String fragment : fragments) {
            assertThat(r.err()).as(r.toString()).contains(fragment);
        }
    }

    public static void assertNoStackTrace(Result r) {
        assertThat(r.err()).as(r.toString()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.out()).as(r.toString()).doesNotContain("\tat ").doesNotContain("Exception");
    }
}
