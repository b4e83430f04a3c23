package org.openwec.adapters.postgres;

import javax.net.ssl.SSLException;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.UserError;

/** Turns PostgreSQL failures the user can fix (credentials, unknown database, unreachable server, TLS) into messages. */
final class PostgresErrors {
    private PostgresErrors() {}

    static RuntimeException translate(PostgresSettings settings, String doing, Throwable failure) {
        if (failure instanceof UserError user) {
            return user;
        }
        String where = settings.location();
        String state = TransientFailures.sqlState(failure);
        // A TLS failure that retrying could not cure (a handshake cut by a restart is transient, and retried).
        if (TransientFailures.isTlsVerificationFailure(failure) || (!TransientFailures.isTransient(failure)
                && (hasCause(failure, SSLException.class) || messageContains(failure, "SSL")))) {
            return new UserError("The TLS connection to " + where + " failed: " + root(failure)
                    + ". Check [database] ssl_mode and ca_file (the server certificate must be signed by that CA and name the host).", failure);
        }
        if ("28P01".equals(state) || "28000".equals(state)) {
            return new UserError("PostgreSQL refused user \"" + settings.user() + "\" on " + where
                    + ": check [database] user and password.", failure);
        }
        if ("3D000".equals(state)) {
            return new UserError("The " + where + " does not exist: create it (CREATE DATABASE " + settings.dbname()
                    + ") or fix [database] dbname.", failure);
        }
        if (TransientFailures.isTransient(failure)) {
            return new StorageException("Failed to " + doing + " in " + where + " after retrying for up to "
                    + settings.retry().maxElapsed().toSeconds() + " s: " + root(failure)
                    + ". Check that the server runs and that [database] host and port are right.", failure);
        }
        return new StorageException("Failed to " + doing + " in " + where + ": " + root(failure), failure);
    }

    static String root(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        message = message.replace('\n', ' ').strip();
        // Callers end their sentence themselves.
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean messageContains(Throwable failure, String text) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
