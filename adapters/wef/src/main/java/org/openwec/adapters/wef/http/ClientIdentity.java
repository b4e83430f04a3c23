package org.openwec.adapters.wef.http;

import java.util.Objects;
import org.openwec.adapters.wef.DeliveryEndpoint;

/**
 * Who is at the other end of a connection, established once per connection (at the TLS handshake) and kept
 * in a channel attribute.
 *
 * @param machine the machine's name for filters, bookmarks and heartbeats: the first CN of its certificate
 * @param authentication what the subscriptions offered to it ask for when it delivers events
 */
public record ClientIdentity(String machine, DeliveryEndpoint.Authentication authentication) {
    public ClientIdentity {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(authentication, "authentication");
    }
}
