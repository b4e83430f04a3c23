package org.openwec.app.server;

import java.nio.file.Path;

/** {@link KillUnderLoad} on a SQLite file (synchronous=FULL, the default). */
class SqliteKillUnderLoadIT extends KillUnderLoad {
    @Override
    ServerFixture fixture(Path dir) {
        return ServerFixture.sqlite(dir);
    }

    @Override
    String backend() {
        return "SQLite";
    }
}
