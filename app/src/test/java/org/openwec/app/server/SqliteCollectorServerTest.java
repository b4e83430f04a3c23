package org.openwec.app.server;

import java.nio.file.Path;

/** openwecd end to end on a SQLite file. */
class SqliteCollectorServerTest extends CollectorServerContract {
    @Override
    ServerFixture fixture(Path dir) {
        return ServerFixture.sqlite(dir);
    }
}
