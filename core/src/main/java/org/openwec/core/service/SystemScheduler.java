package org.openwec.core.service;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** {@link Scheduler#system()}: {@link System#nanoTime()}, and a daemon platform thread per repeated task. */
final class SystemScheduler implements Scheduler {
    static final SystemScheduler INSTANCE = new SystemScheduler();
    private static final Logger LOG = System.getLogger(SystemScheduler.class.getName());

    private SystemScheduler() {}

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }

    @Override
    public Repeating repeat(String name, Duration period, Runnable task) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive");
        }
        RepeatingThread repeating = new RepeatingThread(period.toNanos(), task);
        repeating.thread = Thread.ofPlatform().daemon().name(name).start(repeating::loop);
        return repeating;
    }

    private static final class RepeatingThread implements Repeating {
        private final long periodNanos;
        private final Runnable task;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition stop = lock.newCondition();
        /** Guarded by lock. */
        private boolean stopped;
        private volatile Thread thread;

        RepeatingThread(long periodNanos, Runnable task) {
            this.periodNanos = periodNanos;
            this.task = task;
        }

        void loop() {
            while (true) {
                lock.lock();
                try {
                    long wait = periodNanos;
                    while (!stopped && wait > 0) {
                        try {
                            wait = stop.awaitNanos(wait);
                        } catch (InterruptedException e) {
                            // Only close stops the loop.
                        }
                    }
                    if (stopped) {
                        return;
                    }
                } finally {
                    lock.unlock();
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.ERROR, "A periodic task of the collector failed; it runs again at its next time", e);
                }
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                stopped = true;
                stop.signalAll();
            } finally {
                lock.unlock();
            }
            Thread running = thread;
            if (running == null || running == Thread.currentThread()) {
                return;
            }
            boolean interrupted = false;
            while (running.isAlive()) {
                try {
                    running.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
