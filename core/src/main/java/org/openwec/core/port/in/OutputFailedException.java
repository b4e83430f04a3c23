package org.openwec.core.port.in;

import java.util.UUID;

/**
 * An output of the subscription could not take an events batch (a full disk, a peer that went away):
 * nothing was stored, the machine must send the batch again (the reference answers 503).
 */
public final class OutputFailedException extends RuntimeException {
    private final UUID subscription;

    public OutputFailedException(String message, UUID subscription, Throwable cause) {
        super(message, cause);
        this.subscription = subscription;
    }

    public UUID subscription() {
        return subscription;
    }
}
