package org.openwec.adapters.postgres;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a PostgreSQL-compatible server.
 *
 * @param caFile null to use the JVM's trust store
 * @param maxChunkSize heartbeat rows per upsert statement
 * @param connectTimeout how long to wait for a connection (from the pool, or to the server)
 */
public record PostgresSettings(String host, int port, String dbname, String user, String password, SslMode sslMode,
                               Path caFile, int maxChunkSize, RetrySettings retry, int poolSize,
                               Duration connectTimeout) {

    /** The reference's names. With a CA file, or with Require, the server certificate and host name are verified. */
    public enum SslMode { Disable, Prefer, Require }

    public PostgresSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dbname, "dbname");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(sslMode, "sslMode");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxChunkSize < 1) {
            throw new IllegalArgumentException("max_chunk_size must be at least 1");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1");
        }
    }

    public static PostgresSettings of(String host, int port, String dbname, String user, String password) {
        return new PostgresSettings(host, port, dbname, user, password, SslMode.Prefer, null, 500,
                RetrySettings.DEFAULTS, 10, Duration.ofSeconds(5));
    }

    public PostgresSettings withSsl(SslMode mode, Path ca) {
        return new PostgresSettings(host, port, dbname, user, password, mode, ca, maxChunkSize, retry, poolSize, connectTimeout);
    }

    public PostgresSettings withMaxChunkSize(int value) {
        return new PostgresSettings(host, port, dbname, user, password, sslMode, caFile, value, retry, poolSize, connectTimeout);
    }

    public PostgresSettings withRetry(RetrySettings value) {
        return new PostgresSettings(host, port, dbname, user, password, sslMode, caFile, maxChunkSize, value, poolSize, connectTimeout);
    }

    public PostgresSettings withPoolSize(int value) {
        return new PostgresSettings(host, port, dbname, user, password, sslMode, caFile, maxChunkSize, retry, value, connectTimeout);
    }

    /** Where, never with the password. */
    public String location() {
        return "PostgreSQL database " + dbname + " on " + host + ":" + port;
    }

    @Override
    public String toString() {
        return "PostgresSettings[host=" + host + ", port=" + port + ", dbname=" + dbname + ", user=" + user
                + ", password=<hidden>, sslMode=" + sslMode + ", caFile=" + caFile + ", maxChunkSize=" + maxChunkSize
                + ", retry=" + retry + ", poolSize=" + poolSize + ", connectTimeout=" + connectTimeout + "]";
    }
}
