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
import org.openwec.adapters.sql.Session;
import org.openwec.adapters.sql.SqlDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection pool on one PostgreSQL-compatible database, and the retry discipline every operation goes
 * through: the operation is one unit (a transaction, or one autocommitted statement) run again whole on a
 * transient failure. Every operation is safe to repeat (upserts, deletes by key), which matters when a
 * connection drops during COMMIT and we cannot know whether it went through.
 *
 * <p>HikariCP lends the connections; the adapter works on the driver's connection behind each one, where
 * its {@link Session} (Jdbi handle and prepared statements) lives for as long as that connection does. The
 * pool never sees a failure, so the adapter decides which connections are broken (it evicts them) and logs
 * an outage once ({@link ServerAvailability}) instead of the pool's warning per broken connection.
 */
final class PostgresDatabase extends SqlDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);
    private static final String ALIVE_BYPASS_WINDOW = "com.zaxxer.hikari.aliveBypassWindowMs";
    /** When the current call must stop retrying; a thread-local because resilience4j's predicate only sees the failure. */
    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private final PostgresSettings settings;
    private final PostgresDialect dialect;
    private final PostgresServer server;
    private final HikariDataSource pool;
    private final Retry retry;
    private final LongAdder retries = new LongAdder();
    private final Map<String, LongAdder> retriesByCause = new ConcurrentHashMap<>();
    private final ServerAvailability availability;
    /** The session of each driver connection the pool has lent us. */
    private final Map<Connection, Session> sessions = new ConcurrentHashMap<>();
    /** The pool's connection behind each session in use, to give back, and when it was lent. */
    private final Map<Session, Lease> lent = new ConcurrentHashMap<>();
    /** Whether a connection to the server has ever been opened; until then each operation first checks by opening one itself. */
    private volatile boolean serverReached;

    PostgresDatabase(PostgresSettings settings) {
        super(settings.location());
        this.settings = settings;
        this.dialect = new PostgresDialect(settings.maxChunkSize());
        this.availability = new ServerAvailability(settings.location());
        this.server = new PostgresServer(settings, availability);
        this.pool = new HikariDataSource(poolConfig(settings, server));
        availability.onLoss(() -> pool.getHikariPoolMXBean().softEvictConnections());
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

    private static HikariConfig poolConfig(PostgresSettings settings, PostgresServer server) {
        // The adapter validates connections by using them: one that fails is evicted (release) and the
        // operation retried. HikariCP's own checks of idle connections, on borrow and every keepalive, log a
        // warning per connection while the server is away, which is the flood an outage must not cause; its
        // borrow check can only be moved out of the way through this property (read when the pool is built).
        if (System.getProperty(ALIVE_BYPASS_WINDOW) == null) {
            System.setProperty(ALIVE_BYPASS_WINDOW, String.valueOf(Long.MAX_VALUE / 2));
        }
        HikariConfig config = new HikariConfig();
        config.setKeepaliveTime(0);
        config.setDataSource(server);
        config.setPoolName("postgres:" + settings.dbname());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
        // Start even when the server is down: operations retry, and a wrong password is reported by the first one.
        config.setInitializationFailTimeout(-1);
        return config;
    }

    PostgresSettings settings() {
        return settings;
    }

    PostgresDialect dialect() {
        return dialect;
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
     * A session on a pooled connection. Until the server has been reached once, a connection is first opened
     * directly: HikariCP reports a connection it cannot open only after its connection timeout, even when the
     * server refused it for good (wrong password, unknown database, untrusted certificate), and that refusal
     * must reach the user at once, not after {@code connectTimeout}.
     */
    @Override
    protected Session acquire(boolean write) throws SQLException {
        long startedAt = System.nanoTime();
        if (!serverReached) {
            try (Connection probe = server.connectOnce()) {
                serverReached = true;
            } catch (SQLException e) {
                if (TransientFailures.isConnectionLoss(e)) {
                    availability.lost(e);
                }
                throw e;
            }
        }
        // A timeout here is not an outage by itself (the pool may just be busy): the server's data source and
        // the failing operations report those.
        Connection pooled = pool.getConnection();
        try {
            Connection connection = pooled.unwrap(Connection.class);
            Session session = sessions.get(connection);
            if (session == null) {
                forgetClosedSessions();
                session = new Session(connection, dialect);
                sessions.put(connection, session);
            }
            lent.put(session, new Lease(pooled, startedAt));
            return session;
        } catch (SQLException | RuntimeException e) {
            pooled.close();
            throw e;
        }
    }

    /** The pool closes connections on its own (lifetime, eviction): their sessions go when a new one comes. */
    private void forgetClosedSessions() {
        sessions.entrySet().removeIf(entry -> {
            try {
                if (entry.getKey().isClosed()) {
                    entry.getValue().close();
                    return true;
                }
                return false;
            } catch (SQLException e) {
                return false;
            }
        });
    }

    /** A connection that failed for a reason of connection (lost, server shut down) is dropped, never lent again. */
    @Override
    protected void release(Session session, Throwable failure) {
        Lease lease = lent.remove(session);
        if (failure != null && isBroken(session, failure)) {
            availability.lost(failure);
            sessions.remove(session.connection());
            session.close();
            pool.evictConnection(lease.pooled());
            return;
        }
        try {
            lease.pooled().close();
        } catch (SQLException e) {
            LOG.debug("Could not return a connection to the pool", e);
        }
        if (failure == null) {
            availability.reached(lease.startedAt());
        }
    }

    private record Lease(Connection pooled, long startedAt) {}

    private static boolean isBroken(Session session, Throwable failure) {
        try {
            return TransientFailures.isConnectionLoss(failure) || session.connection().isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    @Override
    protected <R> R attempt(Callable<R> unit) throws Exception {
        Long outer = DEADLINE.get();
        DEADLINE.set(System.nanoTime() + settings.retry().maxElapsed().toNanos());
        try {
            return retry.executeCallable(unit);
        } finally {
            if (outer == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(outer);
            }
        }
    }

    @Override
    protected RuntimeException translate(String doing, Throwable failure) {
        return PostgresErrors.translate(settings, doing, failure);
    }

    @Override
    public void close() {
        server.close();
        pool.close();
        sessions.values().forEach(Session::close);
        sessions.clear();
    }
}
