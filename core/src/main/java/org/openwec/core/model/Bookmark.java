package org.openwec.core.model;

import java.util.Objects;
import java.util.UUID;

/**
 * Where a machine is in its event stream for one subscription: the opaque XML the client sent with its
 * last acknowledged events batch, stored and returned byte for byte. Losing it loses events.
 */
public record Bookmark(String machine, UUID subscription, String bookmark) {
    /** Sent when no bookmark is stored and the subscription reads existing events; never stored. */
    public static final String EARLIEST = "http://schemas.dmtf.org/wbem/wsman/1/wsman/bookmark/earliest";

    public Bookmark {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(bookmark, "bookmark");
    }
}
