package org.openwec.adapters.wef.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WefServer} runs, beyond what its {@link CollectorListener} says.
 *
 * @param metrics where requests are counted; {@link ServerMetrics#NONE} for nowhere
 * @param clock when an Events message was received, as recorded in its batch
 * @param stopGrace how long {@link WefServer#close()} lets requests in flight finish before it closes their
 *                  connections
 * @param ioThreads the event-loop threads (TLS and HTTP parsing; the use cases run on virtual threads)
 * @param keepalive the TCP keepalive timers of machines' connections; null leaves the system's
 */
public record ServerOptions(ServerMetrics metrics, Clock clock, Duration stopGrace, int ioThreads, Keepalive keepalive) {

    /**
     * TCP keepalive of each accepted connection (OpenWEC's {@code tcp_keepalive_time}, {@code _intvl},
     * {@code _probes}): how long a connection stays idle before the first probe, the time between probes, and
     * how many unanswered probes close it. A null part keeps the system's value; where the system does not let
     * a part be set per connection, it is left as well.
     */
    public record Keepalive(Duration idle, Duration interval, Integer probes) {
        public Keepalive {
            if (idle != null && (idle.isNegative() || idle.isZero())) {
                throw new IllegalArgumentException("keepalive idle time must be positive");
            }
            if (interval != null && (interval.isNegative() || interval.isZero())) {
                throw new IllegalArgumentException("keepalive interval must be positive");
            }
            if (probes != null && probes < 1) {
                throw new IllegalArgumentException("keepalive probes must be at least 1");
            }
        }
    }

    /** OpenWEC gives its HTTP servers 10 seconds to stop (server/src/lib.rs at a41b95f). */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

    public ServerOptions {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(stopGrace, "stopGrace");
        if (stopGrace.isNegative()) {
            throw new IllegalArgumentException("stopGrace must not be negative");
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, got " + ioThreads);
        }
    }

    /** No metrics, the system clock, 10 seconds of grace, one I/O thread per processor, the system's keepalive. */
    public static ServerOptions defaults() {
        return new ServerOptions(ServerMetrics.NONE, Clock.systemUTC(), DEFAULT_STOP_GRACE,
                Runtime.getRuntime().availableProcessors(), null);
    }

    public ServerOptions withMetrics(ServerMetrics value) {
        return new ServerOptions(value, clock, stopGrace, ioThreads, keepalive);
    }

    public ServerOptions withClock(Clock value) {
        return new ServerOptions(metrics, value, stopGrace, ioThreads, keepalive);
    }

    public ServerOptions withStopGrace(Duration value) {
        return new ServerOptions(metrics, clock, value, ioThreads, keepalive);
    }

    public ServerOptions withKeepalive(Keepalive value) {
        return new ServerOptions(metrics, clock, stopGrace, ioThreads, value);
    }
}
