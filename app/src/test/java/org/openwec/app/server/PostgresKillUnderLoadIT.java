package org.openwec.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link KillUnderLoad} on PostgreSQL with the durable settings of production: a server of its own with fsync and
 * synchronous_commit on (the shared embedded one turns both off for speed).
 */
class PostgresKillUnderLoadIT extends KillUnderLoad {
    private static EmbeddedPostgres durable;

    @BeforeAll
    static void startDurablePostgres() throws Exception {
        durable = EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .start();
        try (Connection c = durable.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            assertThat(setting(s, "fsync")).isEqualTo("on");
            assertThat(setting(s, "synchronous_commit")).isEqualTo("on");
        }
    }

    @AfterAll
    static void stopDurablePostgres() throws IOException {
        if (durable != null) {
            durable.close();
        }
    }

    private static String setting(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    ServerFixture fixture(Path dir) {
        return ServerFixture.postgres(dir, durable);
    }

    @Override
    String backend() {
        return "PostgreSQL (fsync, synchronous_commit on)";
    }
}
