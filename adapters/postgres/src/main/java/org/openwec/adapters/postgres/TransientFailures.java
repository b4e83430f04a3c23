package org.openwec.adapters.postgres;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Which failures are worth retrying: the unit of work can succeed if run again, unchanged.
 * Serialization failures (40001, which CockroachDB uses for every "restart transaction"), deadlocks
 * (40P01), lost or refused connections (class 08, admin shutdown 57P01, crash shutdown 57P02, cannot
 * connect now 57P03) and pgjdbc's I/O failures. Constraint violations, bad SQL and authentication
 * failures are not: running them again gives the same answer.
 *
 * <p>Some permanent failures travel inside transient-looking wrappers and are recognised first: HikariCP
 * reports any connection it could not open as an {@link SQLTransientConnectionException} (carrying the
 * server's SQLSTATE, e.g. 28P01 for a wrong password), and pgjdbc reports a server certificate it does not
 * trust, or that names another host, as a connection failure (08006).
 */
final class TransientFailures {
    /** Transactions in conflict: run again, they can succeed. */
    private static final Set<String> CONFLICTS = Set.of("40001", "40P01");
    /** An unknown database; pgjdbc's own refusals (08004: TLS or a password required and not configured). */
    private static final Set<String> PERMANENT = Set.of("3D000", "08004");
    /** The server went away or is not ready yet: run again on a new connection, they can succeed. */
    private static final Set<String> GONE = Set.of("57P01", "57P02", "57P03");

    private TransientFailures() {}

    static boolean isTransient(Throwable failure) {
        String state = sqlState(failure);
        return isConnectionLoss(failure) || state != null && CONFLICTS.contains(state);
    }

    /** The connection was lost or could not be opened, for a reason that can pass: the one to drop and replace. */
    static boolean isConnectionLoss(Throwable failure) {
        if (isPermanent(failure)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (GONE.contains(sql.getSQLState()) || sql.getSQLState().startsWith("08"))) {
                return true;
            }
            if (t instanceof SocketException || t instanceof EOFException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Refused credentials (class 28), an unknown database (3D000), a connection pgjdbc itself refuses to
     * open (08004: the server does not offer TLS, a password is asked and none is configured) and TLS
     * verification failures: running again cannot help, and the user should hear about it at once rather
     * than after the retry window.
     */
    static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("28") || PERMANENT.contains(sql.getSQLState()))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return isTlsVerificationFailure(failure);
    }

    /**
     * The TLS session could not be set up for a reason of configuration rather than of the network: the
     * server certificate is not trusted (a {@link GeneralSecurityException} such as a certificate path
     * failure), names another host (pgjdbc's host name check), the handshake was refused (an alert, not a
     * dropped connection) or the server does not speak TLS at all.
     */
    static boolean isTlsVerificationFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GeneralSecurityException || t instanceof SSLPeerUnverifiedException) {
                return true;
            }
            if (t instanceof SSLHandshakeException && !hasIoCause(t)) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("could not be verified by hostnameverifier")
                    || message.contains("The server does not support SSL"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The handshake broke because the connection did (server restarting, network cut). */
    private static boolean hasIoCause(Throwable handshake) {
        for (Throwable t = handshake.getCause(); t != null; t = t.getCause()) {
            if (t instanceof EOFException || t instanceof SocketException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
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
