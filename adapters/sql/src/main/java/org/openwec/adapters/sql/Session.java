package org.openwec.adapters.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One physical connection, with the Jdbi handle and the prepared hot statements that live as long as it:
 * a handle is opened once per connection, not per call, and a hot statement is prepared once per
 * connection and then only bound and run. One thread uses a session at a time ({@link SqlDatabase} lends it).
 *
 * <p>The handle is opened when first asked for: setting Jdbi up loads some five hundred classes, which a
 * command that only reads the schema bookkeeping (the CLI's start-up check, {@code db status}) never needs.
 *
 * <p>The connection is the driver's own, never a pool's proxy: a proxy closes the statements made through
 * it when it goes back to the pool, which would throw the cache away at every call.
 */
public final class Session implements AutoCloseable {
    private final Connection connection;
    private final SqlDialect dialect;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    /** Opened on first use; the thread that holds the session is the only one to touch it. */
    private Handle handle;

    public Session(Connection connection, SqlDialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    public Connection connection() {
        return connection;
    }

    /** Jdbi on this connection, with the adapters' mappers and argument types registered. */
    public Handle handle() {
        if (handle == null) {
            // Jdbi.create(connection) never closes the connection: its owner does.
            handle = Jdbi.create(connection).installPlugin(new SqlTypes(dialect.booleansAsIntegers())).open();
        }
        return handle;
    }

    /** The statement for this SQL, prepared on first use on this connection and kept until it closes. */
    public PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        return statement;
    }

    /** Runs the work in one transaction: all of it commits, or it is rolled back and the failure rethrown. */
    <R> R inTransaction(SqlDatabase.Work<R> work) throws Exception {
        connection.setAutoCommit(false);
        Throwable failure = null;
        try {
            R result = work.run(this);
            connection.commit();
            return result;
        } catch (Exception | Error e) {
            failure = e;
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException restore) {
                if (failure == null) {
                    throw restore;
                }
                failure.addSuppressed(restore);
            }
        }
    }

    /** Closes the statements and the handle; the connection is its owner's to close. */
    @Override
    public void close() {
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // The connection may be gone already; its statements went with it.
            }
        }
        prepared.clear();
        if (handle == null) {
            return;
        }
        try {
            handle.close();
        } catch (RuntimeException ignored) {
            // Same: nothing left to release.
        }
        handle = null;
    }
}
