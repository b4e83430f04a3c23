package org.openwec.core.port.in;

import java.util.UUID;

/** The subscription's client filter does not accept the machine that sent a message: 403. */
public final class MachineNotAllowedException extends RuntimeException {
    public MachineNotAllowedException(String machine, UUID subscription) {
        super("Machine " + machine + " is not allowed by the client filter of subscription " + subscription);
    }
}
