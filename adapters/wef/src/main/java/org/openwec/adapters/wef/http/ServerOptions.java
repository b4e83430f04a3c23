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
 */
public record ServerOptions(ServerMetrics metrics, Clock clock, Duration stopGrace, int ioThreads) {

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

    /** No metrics, the system clock, 10 seconds of grace, one I/O thread per processor. */
    public static ServerOptions defaults() {
        return new ServerOptions(ServerMetrics.NONE, Clock.systemUTC(), DEFAULT_STOP_GRACE,
                Runtime.getRuntime().availableProcessors());
    }

    public ServerOptions withMetrics(ServerMetrics value) {
        return new ServerOptions(value, clock, stopGrace, ioThreads);
    }

    public ServerOptions withClock(Clock value) {
        return new ServerOptions(metrics, value, stopGrace, ioThreads);
    }

    public ServerOptions withStopGrace(Duration value) {
        return new ServerOptions(metrics, clock, value, ioThreads);
    }
}
