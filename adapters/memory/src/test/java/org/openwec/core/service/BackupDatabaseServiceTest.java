package org.openwec.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.Backup;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.BackupDatabase;

/** {@code db backup} runs the backend's own backup, and a backend without one gets a clear line. */
class BackupDatabaseServiceTest {

    @Test
    void aBackendWithoutBackupIsToldWhatToUseInstead() {
        BackupDatabase backup = new BackupDatabaseService("PostgreSQL database openwec on db:5432", Optional.empty());

        assertThatThrownBy(() -> backup.backup(Path.of("x.sqlite"), false))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("SQLite databases only")
                .hasMessageContaining("For the PostgreSQL database openwec on db:5432 use pg_dump")
                .hasMessageContaining("BACKUP (CockroachDB)")
                .hasMessageContaining("openwec db copy --to sqlite.toml");
    }

    @Test
    void aBackendWithOneIsAskedWithTheFileAndWhetherToReplaceIt() {
        List<Object> asked = new ArrayList<>();
        Backup done = new Backup(Path.of("db.sqlite"), Path.of("/b/x.sqlite"), 10, new TreeSet<>(List.of(1L, 2L)), 1, 2, 3);
        BackupDatabase backup = new BackupDatabaseService("SQLite database /db.sqlite", Optional.of((file, replace) -> {
            asked.add(file);
            asked.add(replace);
            return done;
        }));

        assertThat(backup.backup(Path.of("/b/x.sqlite"), true)).isEqualTo(done);
        assertThat(asked).containsExactly(Path.of("/b/x.sqlite"), true);
    }
}
