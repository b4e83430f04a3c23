package org.openwec.core.port.in;

import org.openwec.core.model.EventsBatch;

/**
 * A machine pushes a batch of events with the bookmark that follows them. The order is what makes the
 * collector loss-free: every enabled output of the subscription writes the batch; only when all of them
 * succeeded is the bookmark stored durably (group commit, with the backward-bookmark guard), then an
 * events heartbeat recorded. Only a call that returns may be acknowledged; any exception means the
 * machine must send the batch again, and nothing after the failed step happened.
 */
public interface RecordEventsBatch {

    /** How the bookmark was dealt with; every outcome allows the acknowledgement. */
    enum Outcome {
        /** Committed. */
        STORED,
        /** A later bookmark of the same machine and subscription was committed in the same transaction. */
        SUPERSEDED,
        /** Behind the stored bookmark, which was kept (OpenWEC issue #291). */
        KEPT_STORED,
        /** The batch carried no bookmark: its events were written and its heartbeat recorded, nothing stored. */
        NO_BOOKMARK
    }

    /**
     * @throws UnknownSubscriptionException when no active subscription has the batch's UUID (404)
     * @throws MachineNotAllowedException when the subscription's client filter refuses the machine (403)
     * @throws OutputFailedException when an output could not take the batch: nothing was stored (503)
     * @throws org.openwec.core.model.StorageException when the bookmark could not be committed (500)
     * @throws org.openwec.core.model.UserError when the subscription was deleted while the bookmark was
     *         being committed (500)
     * @throws IllegalStateException once the collector is shutting down (the machine retries later)
     */
    Outcome record(EventsBatch batch);
}
