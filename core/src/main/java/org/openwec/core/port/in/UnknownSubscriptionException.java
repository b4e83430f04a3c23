package org.openwec.core.port.in;

import java.util.UUID;

/** A message names a subscription that is not active here (deleted, disabled, or never known): 404. */
public final class UnknownSubscriptionException extends RuntimeException {
    private final UUID subscription;

    public UnknownSubscriptionException(UUID subscription) {
        super("No active subscription " + subscription);
        this.subscription = subscription;
    }

    public UUID subscription() {
        return subscription;
    }
}
