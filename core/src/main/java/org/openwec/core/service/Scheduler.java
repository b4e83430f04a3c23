package org.openwec.core.service;

import java.time.Duration;

/**
 * Time as the collector engine uses it besides the wall clock: a monotonic ticker for deadlines, waiting,
 * and work repeated at a fixed delay (heartbeat flushes, subscription reloads). Production runs on
 * {@link #system()}; tests hand in a manual scheduler (adapters/testkit {@code ManualScheduler}) and
 * advance it instead of sleeping. Timestamps written to the database come from a {@link java.time.Clock}.
 */
public interface Scheduler {

    /** Monotonic nanoseconds, only meaningful as differences (as {@link System#nanoTime()}). */
    long nanoTime();

    /** Waits for {@code duration} of this scheduler's time. */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Runs {@code task} again and again, {@code period} after the end of its previous run, the first time
     * {@code period} from now, until closed. A task that throws is logged and run again at its next time.
     *
     * @param name names the thread that runs it, where there is one
     */
    Repeating repeat(String name, Duration period, Runnable task);

    /** A task started by {@link #repeat}. */
    interface Repeating extends AutoCloseable {
        /** No run starts after this; returns once a run in progress has ended (unless called from that run). */
        @Override
        void close();
    }

    /** The system's ticker; one daemon thread per repeated task. */
    static Scheduler system() {
        return SystemScheduler.INSTANCE;
    }
}
