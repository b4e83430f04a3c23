package org.openwec.adapters.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.Output;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.OutputPort;

/**
 * Outputs that keep what they are given, in order, and fail on demand: what use-case and server tests
 * need to check the events path end to end (events written before the bookmark is stored, nothing stored
 * when an output fails). A failed write keeps nothing, as an output that could not take a batch.
 */
public final class InMemoryOutputs implements OutputPort {

    /** One batch as one output took it. */
    public record Write(Subscription subscription, Output output, EventsBatch batch) {}

    private final List<Write> writes = new ArrayList<>();
    private int attempts;
    private int reopens;
    private Predicate<Output> failing = output -> false;
    private String failure;

    @Override
    public synchronized void write(Subscription subscription, Output output, EventsBatch batch) {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(batch, "batch");
        attempts++;
        if (failing.test(output)) {
            throw new OutputException(failure);
        }
        writes.add(new Write(subscription, output, batch));
    }

    @Override
    public synchronized void reopen() {
        reopens++;
    }

    /** From now on, writes to the outputs {@code which} accepts fail with {@code message}. */
    public synchronized void fail(Predicate<Output> which, String message) {
        failing = Objects.requireNonNull(which, "which");
        failure = Objects.requireNonNull(message, "message");
    }

    /** Every write fails with {@code message}. */
    public void failAll(String message) {
        fail(output -> true, message);
    }

    public synchronized void heal() {
        failing = output -> false;
        failure = null;
    }

    /** The writes that succeeded, in order. */
    public synchronized List<Write> writes() {
        return List.copyOf(writes);
    }

    /** Every event written to any output of that subscription, in order (an event twice if two outputs took it). */
    public synchronized List<String> events(UUID subscription) {
        List<String> events = new ArrayList<>();
        for (Write w : writes) {
            if (w.subscription().uuid().equals(subscription)) {
                events.addAll(w.batch().events());
            }
        }
        return events;
    }

    /** Writes attempted, failed ones included. */
    public synchronized int attempts() {
        return attempts;
    }

    public synchronized int reopens() {
        return reopens;
    }
}
