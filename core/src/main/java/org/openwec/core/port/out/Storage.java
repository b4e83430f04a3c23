package org.openwec.core.port.out;

import java.util.Objects;

/**
 * One opened database seen through the ports. {@code location} names it for messages
 * (e.g. "SQLite database /var/db/openwec/db.sqlite"); it never carries a password.
 */
public record Storage(String location, SubscriptionPort subscriptions, BookmarkPort bookmarks,
                      HeartbeatPort heartbeats, SchemaPort schema, AutoCloseable resources)
        implements AutoCloseable {

    public Storage {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(bookmarks, "bookmarks");
        Objects.requireNonNull(heartbeats, "heartbeats");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(resources, "resources");
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Failed to close " + location, e);
        }
    }
}
