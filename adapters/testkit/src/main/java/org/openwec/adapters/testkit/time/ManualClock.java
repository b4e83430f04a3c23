package org.openwec.adapters.testkit.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A wall clock that only the test moves, in milliseconds, forwards or backwards; always UTC. */
public final class ManualClock extends Clock {
    private final AtomicLong millis;

    public ManualClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    /** A clock showing {@code epochSeconds} (Unix seconds). */
    public static ManualClock atSeconds(long epochSeconds) {
        return new ManualClock(Instant.ofEpochSecond(epochSeconds));
    }

    public void set(Instant instant) {
        millis.set(instant.toEpochMilli());
    }

    public void setSeconds(long epochSeconds) {
        millis.set(epochSeconds * 1000);
    }

    public void advance(Duration duration) {
        millis.addAndGet(duration.toMillis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }
}
