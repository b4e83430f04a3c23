package org.openwec.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.core.model.UserError;

/** How the adapter opens files: the pragmas every connection gets, and what it creates or refuses. */
class SqliteConnectionTest {
    @TempDir
    Path directory;

    @Test
    void everyConnectionEnforcesForeignKeysUsesWalAndIsDurable() {
        try (SqliteDatabase db = SqliteDatabase.open(SqliteSettings.defaults(directory.resolve("a.sqlite")), true)) {
            // More handles than one connection, so that a pooled connection other than the first is checked too.
            for (int i = 0; i < 6; i++) {
                assertThat(pragma(db, "foreign_keys")).isEqualTo("1");
                assertThat(pragma(db, "journal_mode")).isEqualTo("wal");
                assertThat(pragma(db, "synchronous")).isEqualTo("2");
                assertThat(pragma(db, "busy_timeout")).isEqualTo("5000");
            }
        }
    }

    @Test
    void synchronousAndBusyTimeoutAreConfigurable() {
        SqliteSettings settings = new SqliteSettings(directory.resolve("b.sqlite"), SqliteSettings.Synchronous.NORMAL,
                Duration.ofMillis(1234), 2);
        try (SqliteDatabase db = SqliteDatabase.open(settings, true)) {
            assertThat(pragma(db, "synchronous")).isEqualTo("1");
            assertThat(pragma(db, "busy_timeout")).isEqualTo("1234");
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

    private static String pragma(SqliteDatabase db, String name) {
        return db.read("read a pragma", h -> h.createQuery("PRAGMA " + name).mapTo(String.class).one());
    }
}
