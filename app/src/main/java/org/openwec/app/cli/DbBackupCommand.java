package org.openwec.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openwec.app.wiring.OpenMode;
import org.openwec.core.model.Backup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code openwec db backup FILE}: a consistent online copy of the SQLite database (SQLite's
 * {@code VACUUM INTO}), verified before it gets its name. PostgreSQL and CockroachDB have their own tools.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Write a consistent copy of the SQLite database to FILE while collectors keep running, then"
                + " open it and check it (integrity, schema version, row counts). The file is readable by its owner only.",
                "PostgreSQL/CockroachDB: use pg_dump or BACKUP, or `db copy` into a SQLite file."},
        footer = {"", "Examples:",
                "  openwec db backup /var/backups/openwec-$(date +%%F).sqlite",
                "  openwec db backup --force /var/backups/openwec-latest.sqlite"})
final class DbBackupCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "<FILE>", description = "The backup file to write; it must not exist unless --force.")
    Path file;

    @Option(names = {"-f", "--force"},
            description = "Replace FILE if it exists (atomically, once the new backup is complete and verified).")
    boolean force;

    DbBackupCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Session db = context.open(OpenMode.EXISTING_ONLY)) {
            Backup r = db.backup().backup(file, force);
            context.out.println("Backed up the SQLite database " + r.database().toAbsolutePath().normalize() + " to "
                    + r.file() + " (" + r.bytes() + " bytes).");
            String schema = r.versions().isEmpty()
                    ? "no schema (never initialised)"
                    : "schema version " + r.versions().last() + " (" + r.versions().size() + " migration(s) applied)";
            context.out.println("Verified: integrity ok, " + schema + ", " + r.subscriptions() + " subscription(s), "
                    + r.bookmarks() + " bookmark(s), " + r.heartbeats() + " heartbeat(s).");
            context.out.println("To restore: stop the collectors, then copy the file over " + r.database() + " (and delete"
                    + " its -wal and -shm files), or point [database] path at it.");
            context.out.flush();
        }
        return 0;
    }
}
