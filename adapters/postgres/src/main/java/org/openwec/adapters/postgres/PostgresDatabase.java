package org.openwec.adapters.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection pool on one PostgreSQL-compatible database, and the retry discipline every operation goes
 * through: the operation is one unit (a transaction, or one autocommitted statement) run again whole on a
 * transient failure. Every operation is safe to repeat (upserts, deletes by key), which matters when a
 * connection drops during COMMIT and we cannot know whether it went through.
 */
final class PostgresDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);
    /** When the current call must stop retrying; a thread-local because resilience4j's predicate only sees the failure. */
    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private final PostgresSettings settings;
    private final PGSimpleDataSource server;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final Retry retry;
    private final LongAdder retries = new LongAdder();
    private final Map<String, LongAdder> retriesByCause = new ConcurrentHashMap<>();
    /** Whether a connection to the server has ever been opened; until then each operation first checks by opening one itself. */
    private volatile boolean serverReached;

    PostgresDatabase(PostgresSettings settings) {
        this.settings = settings;
        this.server = dataSource(settings);
        this.pool = new HikariDataSource(poolConfig(settings, server));
        this.jdbi = Jdbi.create(this::connection);
        RetrySettings r = settings.retry();
        this.retry = Retry.of("postgres", RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        r.initialBackoff().toMillis(), 2.0, 0.5, r.maxBackoff().toMillis()))
                .retryOnException(e -> TransientFailures.isTransient(e) && System.nanoTime() < DEADLINE.get())
                .failAfterMaxAttempts(false)
                .build());
        retry.getEventPublisher().onRetry(event -> {
            retries.increment();
            retriesByCause.computeIfAbsent(cause(event.getLastThrowable()), k -> new LongAdder()).increment();
            LOG.debug("Retrying ({}) after attempt {}: {}", event.getName(), event.getNumberOfRetryAttempts(),
                    PostgresErrors.root(event.getLastThrowable()));
        });
    }

    private static PGSimpleDataSource dataSource(PostgresSettings settings) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {settings.host()});
        source.setPortNumbers(new int[] {settings.port()});
        source.setDatabaseName(settings.dbname());
        source.setUser(settings.user());
        source.setPassword(settings.password());
        source.setApplicationName("openwec");
        source.setConnectTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        source.setTcpKeepAlive(true);
        switch (settings.sslMode()) {
            case Disable -> source.setSslMode("disable");
            case Prefer -> {
                if (settings.caFile() == null) {
                    source.setSslMode("prefer");
                } else {
                    verify(source, settings);
                }
            }
            case Require -> verify(source, settings);
        }
        return source;
    }

    private static HikariConfig poolConfig(PostgresSettings settings, PGSimpleDataSource source) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setPoolName("postgres:" + settings.dbname());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
        // Start even when the server is down: operations retry, and a wrong password is reported by the first one.
        config.setInitializationFailTimeout(-1);
        return config;
    }

    /**
     * A CA file, or Require, means the user wants to know whom they talk to: verify the chain and the host
     * name (verify-full), against the CA file or else the JVM's trust store.
     */
    private static void verify(PGSimpleDataSource source, PostgresSettings settings) {
        source.setSslMode("verify-full");
        if (settings.caFile() != null) {
            source.setSslRootCert(settings.caFile().toString());
        } else {
            source.setSslfactory("org.postgresql.ssl.DefaultJavaSSLFactory");
        }
    }

    PostgresSettings settings() {
        return settings;
    }

    /** Transient failures retried so far, over the life of this database: observable for tests and metrics. */
    long retries() {
        return retries.sum();
    }

    /** Transient failures retried so far, by SQLSTATE (e.g. 40001 for serialization failures), or "I/O" without one. */
    Map<String, Long> retriesByCause() {
        Map<String, Long> counts = new TreeMap<>();
        retriesByCause.forEach((cause, count) -> counts.put(cause, count.sum()));
        return counts;
    }

    private static String cause(Throwable failure) {
        String state = TransientFailures.sqlState(failure);
        return state != null ? state : TransientFailures.isIo(failure) ? "I/O" : "other";
    }

    /**
     * A pooled connection. Until the server has been reached once, a connection is first opened directly:
     * HikariCP reports a connection it cannot open only after its connection timeout, even when the server
     * refused it for good (wrong password, unknown database, untrusted certificate), and that refusal must
     * reach the user at once, not after {@code connectTimeout}.
     */
    private Connection connection() throws SQLException {
        if (!serverReached) {
            try (Connection probe = server.getConnection()) {
                serverReached = true;
            }
        }
        return pool.getConnection();
    }

    <R> R withHandle(String doing, HandleCallback<R, Exception> callback) {
        return retrying(doing, () -> jdbi.withHandle(callback));
    }

    <R> R inTransaction(String doing, HandleCallback<R, Exception> callback) {
        return retrying(doing, () -> jdbi.inTransaction(callback));
    }

    private <R> R retrying(String doing, Callable<R> unit) {
        Long outer = DEADLINE.get();
        DEADLINE.set(System.nanoTime() + settings.retry().maxElapsed().toNanos());
        try {
            return retry.executeCallable(unit);
        } catch (Exception e) {
            throw PostgresErrors.translate(settings, doing, e);
        } finally {
            if (outer == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(outer);
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
