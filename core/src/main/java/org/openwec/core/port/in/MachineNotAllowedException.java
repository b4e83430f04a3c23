package org.openwec.core.port.in;

import java.util.UUID;

/** The subscription's client filter does not accept the machine that sent a message: 403. */
public final class MachineNotAllowedException extends RuntimeException {
    private final String machine;
    private final UUID subscription;

    public MachineNotAllowedException(String machine, UUID subscription) {
        super("Machine " + machine + " is not allowed by the client filter of subscription " + subscription);
        this.machine = machine;
        this.subscription = subscription;
    }

    public String machine() {
        return machine;
    }

    public UUID subscription() {
        return subscription;
    }
}
