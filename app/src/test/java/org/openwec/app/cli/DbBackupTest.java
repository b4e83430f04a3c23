package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.app.CliHarness;
import org.openwec.app.CliHarness.Result;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.Uuids;

/** {@code openwec db backup FILE} on real SQLite files, including one that a writer keeps changing. */
class DbBackupTest {
    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private static final int SEEDED = 50_000;

    @TempDir
    Path dir;
    private CliHarness h;

    @BeforeEach
    void setUp() {
        h = new CliHarness(dir);
    }

    @Test
    void aBackupTakenWhileAWriterKeepsStoringBookmarksIsAConsistentVerifiedSnapshot() throws Exception {
        Subscription subscription = DbCopyTest.fill(h.config(), SEEDED, 1_000).get(0);
        Path backup = dir.resolve("backups").resolve("openwec.sqlite");
        Files.createDirectories(backup.getParent());

        AtomicLong acknowledged = new AtomicLong(-1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        long before;
        long after;
        Result r;
        try (DbCopyTest.Opened db = DbCopyTest.open(h.config(), false)) {
            Thread writer = new Thread(() -> {
                try {
                    for (long i = 0; !stop.get(); i++) {
                        db.storage().bookmarks().storeBookmark(live(i), subscription.uuid(), "<bookmark " + i + "/>");
                        acknowledged.set(i); // storeBookmark returned: the bookmark is durable
                    }
                } catch (Throwable t) {
                    writerFailure.set(t);
                }
            }, "bookmark-writer");
            writer.start();
            while (acknowledged.get() < 20 && writerFailure.get() == null) {
                Thread.sleep(1);
            }
            before = acknowledged.get();
            long start = System.nanoTime();
            r = h.cli("db", "backup", backup.toString());
            after = acknowledged.get();
            System.out.printf("db backup of %d bookmarks took %.2f s while a writer stored %d more%n", SEEDED,
                    (System.nanoTime() - start) / 1e9, after - before);
            Thread.sleep(50);
            stop.set(true);
            writer.join();
        }
        assertThat(writerFailure.get()).isNull();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Backed up the SQLite database " + h.db() + " to " + backup + " (")
                .contains("Verified: integrity ok, schema version 14 (14 migration(s) applied), 4 subscription(s), ")
                .contains("1000 heartbeat(s).");
        assertThat(after).as("the writer was not blocked by the backup").isGreaterThan(before);

        // Every bookmark acknowledged before the backup started is in it, and what it holds of the writer's
        // bookmarks is exactly the first k of them: a snapshot of one instant, not a mix.
        assertThat(integrityCheck(backup)).isEqualTo("ok");
        Set<Long> live = liveBookmarks(backup, subscription);
        long k = live.size();
        assertThat(k).isGreaterThan(before);
        assertThat(live).isEqualTo(range(k));
        assertThat(count(backup, "bookmarks")).isEqualTo(SEEDED + k);
        assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(OWNER_ONLY);
        try (Stream<Path> files = Files.list(backup.getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(backup);
        }

        // The backup is an openwec database as it is: point a configuration at it.
        Path restored = h.config("restored.toml", CliHarness.minimalToml(backup));
        Result status = h.run("-c", restored.toString(), "db", "status");
        assertThat(status.out()).as(status.toString()).contains("up to date");
    }

    @Test
    void anExistingFileIsRefusedUnlessForcedAndThenReplacedWhole() throws IOException {
        DbCopyTest.fill(h.config(), 10, 1);
        Path existing = CliHarness.write(dir.resolve("existing.sqlite"), "keep me");

        Result refused = h.cli("db", "backup", existing.toString());
        CliHarness.assertOneLineError(refused, existing.toString(), "already exists", "--force");
        assertThat(Files.readString(existing)).isEqualTo("keep me");

        Result forced = h.cli("db", "backup", "--force", existing.toString());
        assertThat(forced.code()).as(forced.toString()).isZero();
        assertThat(integrityCheck(existing)).isEqualTo("ok");
        assertThat(count(existing, "bookmarks")).isEqualTo(10);
        assertThat(Files.getPosixFilePermissions(existing)).isEqualTo(OWNER_ONLY);
    }

    @Test
    void aPostgresConfigurationIsToldWhatToUseInstead() {
        Path pg = h.config("pg.toml", """
                collectors = []
                [database]
                type = "Postgres"
                host = "127.0.0.1"
                port = 1
                dbname = "openwec"
                user = "openwec"
                password = "not-a-secret-but-hidden"
                """);
        Result r = h.run("-c", pg.toString(), "db", "backup", dir.resolve("x.sqlite").toString());
        CliHarness.assertOneLineError(r, "SQLite databases only", "pg_dump", "BACKUP (CockroachDB)",
                "openwec db copy --to sqlite.toml");
        assertThat(r.err()).doesNotContain("not-a-secret-but-hidden");
        assertThat(dir.resolve("x.sqlite")).doesNotExist();
    }

    @Test
    void wrongTargetsAndAMissingDatabaseAreOneLineErrorsThatWriteNothing() {
        Path file = dir.resolve("b.sqlite");
        CliHarness.assertOneLineError(h.cli("db", "backup", file.toString()), "There is no SQLite database at",
                "openwec db init");
        h.init();
        CliHarness.assertOneLineError(h.cli("db", "backup", dir.resolve("no/such/dir/b.sqlite").toString()),
                "does not exist. Create it first.");
        CliHarness.assertOneLineError(h.cli("db", "backup", h.db().toString()), "is the database itself");
        CliHarness.assertOneLineError(h.cli("db", "backup", dir.toString()), "is a directory");
        assertThat(file).doesNotExist();
        CliHarness.assertUsageError(h.cli("db", "backup"), "<FILE>");
    }

    @Test
    void anOutdatedDatabaseCanBeBackedUpBeforeItsUpgrade() {
        h.init();
        assertThat(h.cli("db", "downgrade", "--to", "12", "--yes").code()).isZero();
        Path file = dir.resolve("before-upgrade.sqlite");

        Result r = h.cli("db", "backup", file.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("schema version 12 (12 migration(s) applied), 0 subscription(s)");
        assertThat(CliHarness.appliedVersions(file)).isEqualTo(CliHarness.versions(1, 12));
    }

    @Test
    void bothCommandsHaveHelpWithExamplesAndTouchNothing() {
        for (String command : new String[] {"backup", "copy"}) {
            Result r = h.run("db", command, "--help");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).startsWith("Usage: openwec db " + command).contains("Examples:");
            assertThat(r.err()).as("no picocli warning").isEmpty();
        }
        assertThat(h.run("db", "--help").out()).contains("copy", "backup");
        assertThat(dir.resolve("var")).doesNotExist();
    }

    // ------------------------------------------------------------------ helpers

    private static String live(long i) {
        return "live-" + i;
    }

    private static Set<Long> range(long size) {
        Set<Long> set = new TreeSet<>();
        for (long i = 0; i < size; i++) {
            set.add(i);
        }
        return set;
    }

    private static String integrityCheck(Path database) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Path database, String table) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<Long> liveBookmarks(Path database, Subscription subscription) {
        Set<Long> indexes = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             PreparedStatement s = c.prepareStatement(
                     "SELECT machine FROM bookmarks WHERE subscription = ? AND machine LIKE 'live-%'")) {
            s.setString(1, Uuids.storedKey(subscription.uuid()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    indexes.add(Long.parseLong(rs.getString(1).substring("live-".length())));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return indexes;
    }
}
