package org.openwec.adapters.wef.http;

import org.openwec.core.model.UserError;

/**
 * A listener cannot start because of its configuration: a TLS file that is missing or unusable, an address
 * that cannot be listened on. The message is one line naming the setting, the file and the fix.
 */
public final class CollectorListenerException extends UserError {
    public CollectorListenerException(String message) {
        super(message);
    }

    public CollectorListenerException(String message, Throwable cause) {
        super(message, cause);
    }
}
