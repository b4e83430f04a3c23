package org.openwec.core.model;

/**
 * An error the user can act on. Its message is written for the user: what failed and what to do.
 * Anything else that goes wrong is a bug and may be shown with its stack trace.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
