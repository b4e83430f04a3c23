package org.openwec.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.adapters.sql.Session;
import org.openwec.core.model.UserError;

/** How the adapter opens files: the pragmas every connection gets, and what it creates or refuses. */
class SqliteConnectionTest {
    @TempDir
    Path directory;

    @Test
    void everyConnectionEnforcesForeignKeysUsesWalAndIsDurable() {
        try (SqliteDatabase db = SqliteDatabase.open(SqliteSettings.defaults(directory.resolve("a.sqlite")), true)) {
            List<Session> seen = new ArrayList<>();
            // The writer, then readers held at once, so that each reader the database opens is checked.
            db.write("check the writer", s -> checkPragmas(s, seen));
            db.read("check a reader", a -> db.read("check another", b -> db.read("and a third", c -> {
                checkPragmas(a, seen);
                checkPragmas(b, seen);
                return checkPragmas(c, seen);
            })));
            assertThat(seen).doesNotHaveDuplicates().hasSize(4);
        }
    }

    private static Session checkPragmas(Session s, List<Session> seen) {
        assertThat(pragma(s, "foreign_keys")).isEqualTo("1");
        assertThat(pragma(s, "journal_mode")).isEqualTo("wal");
        assertThat(pragma(s, "synchronous")).isEqualTo("2");
        assertThat(pragma(s, "busy_timeout")).isEqualTo("5000");
        assertThat(pragma(s, "wal_autocheckpoint")).isEqualTo("8000");
        seen.add(s);
        return s;
    }

    @Test
    void aNewDatabaseHasTwoKibibytePages() throws Exception {
        Path created = directory.resolve("new.sqlite");
        Path empty = Files.createFile(directory.resolve("empty.sqlite")); // made by an administrator, say
        for (Path file : List.of(created, empty)) {
            try (SqliteDatabase db = SqliteDatabase.open(SqliteSettings.defaults(file), true)) {
                assertThat(db.<String>read("page size", s -> pragma(s, "page_size"))).isEqualTo("2048");
                assertThat(db.<String>read("journal mode", s -> pragma(s, "journal_mode"))).isEqualTo("wal");
            }
        }
    }

    @Test
    void anExistingDatabaseKeepsItsPageSize() throws Exception {
        Path file = directory.resolve("openwec-made.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x)");
        }
        try (SqliteDatabase db = SqliteDatabase.open(SqliteSettings.defaults(file), false)) {
            assertThat(db.<String>read("page size", s -> pragma(s, "page_size"))).isEqualTo("4096");
            db.write("write", s -> s.handle().execute("INSERT INTO t VALUES (1)"));
        }
        try (SqliteDatabase db = SqliteDatabase.open(SqliteSettings.defaults(file), false)) {
            assertThat(db.<String>read("page size", s -> pragma(s, "page_size"))).isEqualTo("4096");
        }
    }

    @Test
    void synchronousAndBusyTimeoutAreConfigurable() {
        SqliteSettings settings = new SqliteSettings(directory.resolve("b.sqlite"), SqliteSettings.Synchronous.NORMAL,
                Duration.ofMillis(1234), 2);
        try (SqliteDatabase db = SqliteDatabase.open(settings, true)) {
            for (Session s : List.of(db.read("read", r -> r), db.write("write", w -> w))) {
                assertThat(pragma(s, "synchronous")).isEqualTo("1");
                assertThat(pragma(s, "busy_timeout")).isEqualTo("1234");
            }
        }
    }

    @Test
    void createsTheFileAndItsDirectoriesReadableByTheOwnerOnly() throws Exception {
        Path file = directory.resolve("var/db/openwec/db.sqlite");
        try (SqliteDatabase db = SqliteDatabase.open(SqliteSettings.defaults(file), true)) {
            assertThat(file).isRegularFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        }
    }

    @Test
    void withoutCreateAMissingFileIsAnErrorAndNothingIsCreated() {
        Path file = directory.resolve("missing/db.sqlite");
        assertThatThrownBy(() -> SqliteDatabase.open(SqliteSettings.defaults(file), false))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("There is no SQLite database at " + file)
                .hasMessageContaining("openwec db init");
        assertThat(directory.resolve("missing")).doesNotExist();
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAndLeftUntouched() throws Exception {
        Path file = directory.resolve("notes.txt");
        byte[] content = "These are my notes, not a database.\n".repeat(200).getBytes();
        Files.write(file, content);
        assertThatThrownBy(() -> SqliteDatabase.open(SqliteSettings.defaults(file), true))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("is not an SQLite database");
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        try (var listing = Files.list(directory)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void aPathBelowARegularFileCannotBeCreated() throws Exception {
        Path blocker = directory.resolve("blocker");
        Files.writeString(blocker, "x");
        Path file = blocker.resolve("db.sqlite");
        assertThatThrownBy(() -> SqliteDatabase.open(SqliteSettings.defaults(file), true))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("Cannot create the SQLite database " + file);
        assertThat(Files.readString(blocker)).isEqualTo("x");
    }

    @Test
    void aDirectoryIsNotADatabase() {
        assertThatThrownBy(() -> SqliteDatabase.open(SqliteSettings.defaults(directory), true))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("is a directory");
    }

    private static String pragma(Session s, String name) {
        return s.handle().createQuery("PRAGMA " + name).mapTo(String.class).one();
    }
}
