package org.openwec.adapters.outputs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock and a scheduler that move only when the test says so: {@link #advance} runs the ticks that fall due. */
public final class ManualTime extends Clock implements Scheduler {
    private Instant now;
    private final List<Task> tasks = new ArrayList<>();

    public ManualTime(Instant start) {
        this.now = start;
    }

    private static final class Task {
        final Duration period;
        final Runnable work;
        Instant next;
        boolean cancelled;

        Task(Duration period, Runnable work, Instant next) {
            this.period = period;
            this.work = work;
            this.next = next;
        }
    }

    @Override
    public synchronized AutoCloseable every(Duration period, Runnable work) {
        Task task = new Task(period, work, now.plus(period));
        tasks.add(task);
        return () -> task.cancelled = true;
    }

    /** Moves time forward, running each due tick at its own time, in order. */
    public void advance(Duration duration) {
        Instant target;
        synchronized (this) {
            target = now.plus(duration);
        }
        while (true) {
            Task due = null;
            synchronized (this) {
                for (Task task : tasks) {
                    if (!task.cancelled && !task.next.isAfter(target) && (due == null || task.next.isBefore(due.next))) {
                        due = task;
                    }
                }
                if (due == null) {
                    now = target;
                    return;
                }
                now = due.next;
                due.next = due.next.plus(due.period);
            }
            due.work.run();
        }
    }

    public synchronized int scheduledTasks() {
        return (int) tasks.stream().filter(task -> !task.cancelled).count();
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
