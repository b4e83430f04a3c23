package org.openwec.adapters.postgres;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the server answers, as the operations find out: an outage is logged once when it starts and
 * once when it ends, however many operations fail and retry in between (the pool itself is kept quiet:
 * the adapter hands it no failure to report, see {@link PostgresDatabase}).
 */
final class ServerAvailability {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);

    private final String location;
    /** System.nanoTime() when the outage began, 0 while the server answers. */
    private final AtomicLong downSince = new AtomicLong();
    private volatile Runnable onLoss = () -> { };

    ServerAvailability(String location) {
        this.location = location;
    }

    /** What to do once when an outage starts, e.g. drop the pooled connections, all dead by then. */
    void onLoss(Runnable action) {
        this.onLoss = action;
    }

    /** A connection was lost, or could not be opened, for a reason that can pass. */
    void lost(Throwable cause) {
        if (downSince.get() == 0 && downSince.compareAndSet(0, System.nanoTime() | 1)) {
            LOG.warn("Lost the connection to {} ({}): operations are retried, and the end of this outage will be logged.",
                    location, PostgresErrors.root(cause));
            onLoss.run();
        }
    }

    /**
     * An operation that began at {@code startedAt} (System.nanoTime()) succeeded. Only one that began after
     * the outage did ends it: one already under way may have finished before the server went.
     */
    void reached(long startedAt) {
        long since = downSince.get();
        if (since != 0 && startedAt - since > 0 && downSince.compareAndSet(since, 0)) {
            LOG.warn("{} answers again, after {} s.", location,
                    String.format("%.1f", (System.nanoTime() - since) / 1e9));
        }
    }
}
