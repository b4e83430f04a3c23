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

    /**
     * Our additions under [database] for PostgreSQL/CockroachDB: how transient failures are retried
     * (retry_max_attempts, retry_initial_backoff_ms, retry_max_backoff_ms, retry_max_elapsed_ms), the
     * pool size (pool_size) and the connection timeout (connect_timeout_ms).
     */
    record Tuning(int retryMaxAttempts, long retryInitialBackoffMs, long retryMaxBackoffMs, long retryMaxElapsedMs,
                  int poolSize, long connectTimeoutMs) {
        public static final Tuning DEFAULTS = new Tuning(20, 20, 2_000, 30_000, 10, 5_000);
    }

    /**
     * Never prints the password: records' generated toString would.
     *
     * @param caFile null when not configured
     */
    record Postgres(String host, int port, String dbname, String user, String password, SslMode sslMode,
                    String caFile, int maxChunkSize, Tuning tuning) implements DatabaseSettings {
        public Postgres(String host, int port, String dbname, String user, String password, SslMode sslMode,
                        String caFile, int maxChunkSize) {
            this(host, port, dbname, user, password, sslMode, caFile, maxChunkSize, Tuning.DEFAULTS);
        }

        @Override
        public String toString() {
            return "Postgres[host=" + host + ", port=" + port + ", dbname=" + dbname + ", user=" + user
                    + ", password=<hidden>, sslMode=" + sslMode + ", caFile=" + caFile
                    + ", maxChunkSize=" + maxChunkSize + ", tuning=" + tuning + "]";
        }
    }
}
