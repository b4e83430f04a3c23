package org.openwec.adapters.outputs;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs a task periodically; tests pass one they advance by hand. */
public interface Scheduler {

    /** Runs {@code task} every {@code period}, the first time one period from now; close to stop. */
    AutoCloseable every(Duration period, Runnable task);

    static Scheduler of(ScheduledExecutorService executor) {
        return (period, task) -> {
            ScheduledFuture<?> future = executor.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(),
                    TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };
    }
}
