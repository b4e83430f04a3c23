package org.openwec.adapters.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * How transient failures are retried: exponential backoff with jitter from {@code initialBackoff} up to
 * {@code maxBackoff}, at most {@code maxAttempts} tries, and no new try once {@code maxElapsed} has passed
 * since the first.
 */
public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxElapsed) {
    /** Rides through a CockroachDB node failover or a PostgreSQL restart of a few seconds. */
    public static final RetrySettings DEFAULTS =
            new RetrySettings(20, Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofSeconds(30));

    public RetrySettings {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxElapsed, "maxElapsed");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and maxBackoff >= initialBackoff");
        }
    }
}
