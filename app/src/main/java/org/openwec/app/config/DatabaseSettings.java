package org.openwec.app.config;

import java.nio.file.Path;
import java.util.Objects;

/** The {@code [database]} section: which backend, and how to reach it. */
public sealed interface DatabaseSettings {

    /** Our addition to the reference's keys: {@code synchronous}, FULL unless set. */
    enum Synchronous { OFF, NORMAL, FULL, EXTRA }

    record Sqlite(Path path, Synchronous synchronous) implements DatabaseSettings {
        public Sqlite {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(synchronous, "synchronous");
        }
    }

    enum SslMode { Disable, Prefer, Require }

    /** Never prints the password: records' generated toString would. */
    record Postgres(String host, int port, String dbname, String user, String password, SslMode sslMode,
                    String caFile, int maxChunkSize) implements DatabaseSettings {
        @Override
        public String toString() {
            return "Postgres[host=" + host + ", port=" + port + ", dbname=" + dbname + ", user=" + user
                    + ", password=<hidden>, sslMode=" + sslMode + ", caFile=" + caFile
                    + ", maxChunkSize=" + maxChunkSize + "]";
        }
    }
}
