package org.openwec.core.service;

import java.util.Objects;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.Output;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.in.OutputFailedException;
import org.openwec.core.port.in.RecordEventsBatch;
import org.openwec.core.port.out.OutputPort;

/**
 * The events path (docs/reference/operations.md §5.1), in the order that loses nothing: the batch is written to
 * every enabled output of its subscription; only when all of them have it is its bookmark committed
 * ({@link BookmarkGroupCommit}, with the backward-bookmark guard); only then is an events heartbeat recorded.
 * A failure at any step throws and nothing after it happens: the machine is not acknowledged and sends the
 * batch again, so an output may see a batch twice but never misses one. Outputs are written one after the
 * other and the first failure stops the batch: the others would only get a copy they are sent again.
 */
public final class EventsBatchService implements RecordEventsBatch {
    private final ActiveSubscriptions subscriptions;
    private final OutputPort outputs;
    private final BookmarkGroupCommit bookmarks;
    private final HeartbeatBatcher heartbeats;

    public EventsBatchService(ActiveSubscriptions subscriptions, OutputPort outputs, BookmarkGroupCommit bookmarks,
                              HeartbeatBatcher heartbeats) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.outputs = Objects.requireNonNull(outputs, "outputs");
        this.bookmarks = Objects.requireNonNull(bookmarks, "bookmarks");
        this.heartbeats = Objects.requireNonNull(heartbeats, "heartbeats");
    }

    @Override
    public Outcome record(EventsBatch batch) {
        Subscription subscription = subscriptions.admit(batch.machine(), batch.machineId(), batch.subscription());
        bookmarks.requireOpen();
        for (Output output : subscription.outputs()) {
            if (output.enabled()) {
                write(subscription, output, batch);
            }
        }
        Outcome outcome = batch.bookmark() == null ? Outcome.NO_BOOKMARK
                : bookmarks.store(batch.machine(), subscription.uuid(), batch.bookmark());
        heartbeats.recordEvent(batch.machine(), batch.ip(), subscription.uuid());
        return outcome;
    }

    private void write(Subscription subscription, Output output, EventsBatch batch) {
        try {
            outputs.write(subscription, output, batch);
        } catch (OutputPort.OutputException e) {
            throw new OutputFailedException("Could not write " + batch.events().size() + " events of " + batch.machine()
                    + " to the " + output.format() + " output of subscription " + subscription.name() + " ("
                    + Uuids.lowerCase(subscription.uuid()) + "): " + e.getMessage()
                    + ". Nothing was stored; the machine sends the batch again.", subscription.uuid(), e);
        }
    }
}
