package org.openwec.adapters.sql;

import java.util.List;
import java.util.concurrent.Callable;
import org.openwec.core.port.out.Storage;

/**
 * One opened database, lending {@link Session}s to units of work: a read, a write (autocommitted), or a
 * transaction. A backend says where sessions come from and go back to, whether a unit is tried again on a
 * transient failure, and how failures read to the user.
 */
public abstract class SqlDatabase implements AutoCloseable {

    /** One unit of work on a session. */
    @FunctionalInterface
    public interface Work<R> {
        R run(Session session) throws Exception;
    }

    private final String location;

    protected SqlDatabase(String location) {
        this.location = location;
    }

    /** Names the database for messages, never with a password. */
    public final String location() {
        return location;
    }

    /** This database seen through the ports, which share it and close it together. */
    public final Storage storage(SqlDialect dialect, List<SqlMigration> migrations) {
        return new Storage(location, new SqlSubscriptionAdapter(this, dialect), new SqlBookmarkAdapter(this, dialect),
                new SqlHeartbeatAdapter(this, dialect), new SqlSchemaAdapter(this, dialect, migrations), this);
    }

    /** Runs work that only reads. */
    public final <R> R read(String doing, Work<R> work) {
        return run(doing, false, false, work);
    }

    /** Runs work that writes, each statement committed on its own (one statement is atomic). */
    public final <R> R write(String doing, Work<R> work) {
        return run(doing, true, false, work);
    }

    /** Runs work in one transaction: all of it commits, or none of it. */
    public final <R> R inTransaction(String doing, Work<R> work) {
        return run(doing, true, true, work);
    }

    private <R> R run(String doing, boolean write, boolean transaction, Work<R> work) {
        try {
            return attempt(() -> once(write, transaction, work));
        } catch (Exception e) {
            throw translate(doing, e);
        }
    }

    private <R> R once(boolean write, boolean transaction, Work<R> work) throws Exception {
        Session session = acquire(write);
        Throwable failure = null;
        try {
            return transaction ? session.inTransaction(work) : work.run(session);
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            release(session, failure);
        }
    }

    /** A session for one unit of work; {@code write} when the unit writes. */
    protected abstract Session acquire(boolean write) throws Exception;

    /** Takes the session back after its unit, which failed with {@code failure} (null when it succeeded). */
    protected abstract void release(Session session, Throwable failure);

    /** Runs one unit of work: once here; a backend may run it again, whole, on a transient failure. */
    protected <R> R attempt(Callable<R> unit) throws Exception {
        return unit.call();
    }

    /** The failure as the user should read it: a {@link org.openwec.core.model.UserError} when they can act on it. */
    protected abstract RuntimeException translate(String doing, Throwable failure);

    @Override
    public abstract void close();
}
