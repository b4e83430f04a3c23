package org.openwec.app.server;

import java.nio.file.Path;

/** openwecd end to end on a database of its own in the embedded PostgreSQL the app's tests share. */
class PostgresCollectorServerTest extends CollectorServerContract {
    @Override
    ServerFixture fixture(Path dir) {
        return ServerFixture.postgres(dir);
    }
}
