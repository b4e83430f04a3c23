package org.openwec.adapters.testkit.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.openwec.core.service.Scheduler;

/**
 * A {@link Scheduler} whose time moves only when the test says so. {@link #advance} runs every repeated
 * task that falls due, in the test's thread, at its time; threads in {@link #sleep} wake when the time they
 * wait for is reached. Nothing depends on the wall clock, so a test that advances one hour takes no time.
 */
public final class ManualScheduler implements Scheduler {
    /** How long {@link #awaitSleeping} waits before it decides the test is wrong. */
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by lock. */
    private long now;
    /** Guarded by lock, in creation order. */
    private final List<Task> tasks = new ArrayList<>();
    /** Guarded by lock: the time each thread in {@link #sleep} waits for. */
    private final List<Long> sleepers = new ArrayList<>();

    @Override
    public long nanoTime() {
        lock.lock();
        try {
            return now;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        lock.lock();
        try {
            Long until = now + duration.toNanos();
            sleepers.add(until);
            changed.signalAll();
            try {
                while (now - until < 0) {
                    changed.await();
                }
            } finally {
                sleepers.remove(until);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Repeating repeat(String name, Duration period, Runnable task) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive");
        }
        lock.lock();
        try {
            Task created = new Task(name, period.toNanos(), now + period.toNanos(), task);
            tasks.add(created);
            return created;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves time forward by {@code duration}, running each repeated task every time it falls due on the way
     * (in this thread, in time order), and waking the sleepers whose time has come: it returns once they have
     * left {@link #sleep}. A task that throws stops the advance and the exception reaches the test.
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not go backwards");
        }
        lock.lock();
        try {
            long target = now + duration.toNanos();
            while (true) {
                Task due = null;
                for (Task t : tasks) {
                    if (t.next - target <= 0 && (due == null || t.next - due.next < 0)) {
                        due = t;
                    }
                }
                if (due == null) {
                    break;
                }
                if (due.next - now > 0) {
                    now = due.next;
                }
                changed.signalAll();
                due.running = Thread.currentThread();
                lock.unlock();
                try {
                    due.body.run();
                } finally {
                    lock.lock();
                    due.running = null;
                    due.next = now + due.period;
                    changed.signalAll();
                }
            }
            now = target;
            changed.signalAll();
            while (sleepers.stream().anyMatch(until -> until - now <= 0)) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits (at most 30 s of real time) until {@code count} threads are in {@link #sleep}. */
    public void awaitSleeping(int count) {
        lock.lock();
        try {
            long left = PATIENCE_NANOS;
            while (sleepers.size() < count) {
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " thread(s) sleeping on the manual scheduler, found "
                            + sleepers.size());
                }
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for sleepers", e);
        } finally {
            lock.unlock();
        }
    }

    /** The names of the repeated tasks not closed yet, in creation order. */
    public List<String> repeating() {
        lock.lock();
        try {
            return tasks.stream().map(t -> t.name).toList();
        } finally {
            lock.unlock();
        }
    }

    private final class Task implements Repeating {
        final String name;
        final long period;
        final Runnable body;
        /** Guarded by lock. */
        long next;
        /** Guarded by lock: the thread running it now, or null. */
        Thread running;

        Task(String name, long period, long next, Runnable body) {
            this.name = name;
            this.period = period;
            this.next = next;
            this.body = body;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                tasks.remove(this);
                while (running != null && running != Thread.currentThread()) {
                    changed.awaitUninterruptibly();
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
