package org.openwec.adapters.testkit.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock each thread sets for itself: a test's client threads stamp their own messages, so the test knows the
 * time of every heartbeat it recorded without one thread's time moving another's. Always UTC.
 */
public final class PerThreadClock extends Clock {
    private static final ThreadLocal<Long> NOW = ThreadLocal.withInitial(() -> 1_735_689_600_000L);

    /** Sets the calling thread's time, in Unix milliseconds. */
    public static void setMillis(long millis) {
        NOW.set(millis);
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
        return NOW.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
