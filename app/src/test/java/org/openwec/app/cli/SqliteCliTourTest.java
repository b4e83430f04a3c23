package org.openwec.app.cli;

import java.nio.file.Path;
import org.openwec.app.CliHarness;

/** The tour on SQLite. */
class SqliteCliTourTest extends CliTour {
    @Override
    Path newDatabase(CliHarness harness) {
        return harness.config();
    }

    @Override
    String backend() {
        return "sqlite";
    }
}
