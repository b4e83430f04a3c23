package org.openwec.app.cli;

import java.nio.file.Path;
import org.openwec.app.CliHarness;

/** The tour on PostgreSQL (the embedded server shared by this JVM's tests, a database of its own). */
class PostgresCliTourTest extends CliTour {
    @Override
    Path newDatabase(CliHarness harness) {
        return SharedPostgres.newDatabase(harness, "tour", "");
    }

    @Override
    String backend() {
        return "postgresql";
    }
}
