package org.openwec.adapters.postgres;

import java.io.IOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Which failures are worth retrying: the unit of work can succeed if run again, unchanged.
 * Serialization failures (40001, which CockroachDB uses for every "restart transaction"), deadlocks
 * (40P01), lost or refused connections (class 08, admin shutdown 57P01, crash shutdown 57P02, cannot
 * connect now 57P03) and pgjdbc's I/O failures. Constraint violations, bad SQL and authentication
 * failures are not: running them again gives the same answer.
 */
final class TransientFailures {
    private static final Set<String> STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03");

    private TransientFailures() {}

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
            if (t instanceof SocketException || t instanceof java.io.EOFException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static boolean isTransientState(String state) {
        return state != null && (STATES.contains(state) || state.startsWith("08"));
    }

    static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    static boolean isIo(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
