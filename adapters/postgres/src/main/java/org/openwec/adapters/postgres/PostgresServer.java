package org.openwec.adapters.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How connections to the server are opened, for the pool. While the server cannot be reached, opening
 * waits and tries again every {@link #RETRY_MILLIS} ms: HikariCP retries a failed open with a backoff that
 * grows to 5 s, so after an outage of more than a few seconds it would notice the server back only up to
 * 5 s late, with every caller waiting. Failures that trying again cannot cure (credentials, TLS, an
 * unknown database) are thrown at once.
 */
final class PostgresServer extends PGSimpleDataSource {
    static final long RETRY_MILLIS = 100;
    private final transient ServerAvailability availability;
    private volatile boolean closed;

    PostgresServer(PostgresSettings settings, ServerAvailability availability) {
        this.availability = availability;
        setServerNames(new String[] {settings.host()});
        setPortNumbers(new int[] {settings.port()});
        setDatabaseName(settings.dbname());
        setUser(settings.user());
        setPassword(settings.password());
        setApplicationName("openwec");
        setConnectTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        setTcpKeepAlive(true);
        switch (settings.sslMode()) {
            case Disable -> setSslMode("disable");
            case Prefer -> {
                if (settings.caFile() == null) {
                    setSslMode("prefer");
                } else {
                    verify(settings);
                }
            }
            case Require -> verify(settings);
        }
    }

    /**
     * A CA file, or Require, means the user wants to know whom they talk to: verify the chain and the host
     * name (verify-full), against the CA file or else the JVM's trust store.
     */
    private void verify(PostgresSettings settings) {
        setSslMode("verify-full");
        if (settings.caFile() != null) {
            setSslRootCert(settings.caFile().toString());
        } else {
            setSslfactory("org.postgresql.ssl.DefaultJavaSSLFactory");
        }
    }

    /** One attempt, failing at once: for the first connection, whose refusal the user must hear about quickly. */
    Connection connectOnce() throws SQLException {
        return super.getConnection();
    }

    @Override
    public Connection getConnection() throws SQLException {
        while (true) {
            try {
                return super.getConnection();
            } catch (SQLException e) {
                if (closed || !TransientFailures.isConnectionLoss(e)) {
                    throw e;
                }
                availability.lost(e);
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while waiting for the server to come back", "08001", e);
            }
        }
    }

    /** Stops waiting for the server: the pool is closing. */
    void close() {
        closed = true;
    }
}
