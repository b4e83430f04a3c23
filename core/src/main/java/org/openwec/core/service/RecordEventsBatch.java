package org.openwec.core.service;

import java.util.Objects;
import java.util.UUID;
import org.openwec.core.service.BookmarkGroupCommit.Outcome;

/**
 * What the collector records once an events batch is written to every output (openwec-operations.md 5.1):
 * its bookmark, durably, then an events heartbeat. Only then may the batch be acknowledged; when the
 * bookmark cannot be stored this throws, no heartbeat is recorded and the client sends the batch again.
 */
public final class RecordEventsBatch {
    private final BookmarkGroupCommit bookmarks;
    private final HeartbeatBatcher heartbeats;

    public RecordEventsBatch(BookmarkGroupCommit bookmarks, HeartbeatBatcher heartbeats) {
        this.bookmarks = Objects.requireNonNull(bookmarks, "bookmarks");
        this.heartbeats = Objects.requireNonNull(heartbeats, "heartbeats");
    }

    /**
     * @param client the authenticated identity (Kerberos principal or TLS subject)
     * @param ip the peer address
     * @return how the bookmark was dealt with; every outcome allows the acknowledgement
     */
    public Outcome record(String client, String ip, UUID subscription, String bookmark) {
        Outcome outcome = bookmarks.store(client, subscription, bookmark);
        heartbeats.recordEvent(client, ip, subscription);
        return outcome;
    }
}
