package org.openwec.app.format;

import java.time.ZoneId;
import java.util.List;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.Uuids;

/** {@code openwec heartbeats}: one sentence per heartbeat, or one JSON array (openwec-cli.md 5). */
public final class HeartbeatsFormat {
    private HeartbeatsFormat() {}

    public static String text(Heartbeat h, ZoneId zone) {
        String tail = h.lastEventSeen() == null
                ? "No events have ever been received."
                : "Last event received on " + Dates.rfc3339(h.lastEventSeen(), zone);
        return "For subscription \"" + h.subscription().name() + "\" (" + Uuids.lowerCase(h.subscription().uuid()) + "), "
                + h.machine() + " (" + h.ip() + ") last heartbeat was sent on " + Dates.rfc3339(h.lastSeen(), zone)
                + ". First seen on " + Dates.rfc3339(h.firstSeen(), zone) + ". " + tail;
    }

    public static String json(List<Heartbeat> heartbeats, ZoneId zone) {
        JsonWriter json = new JsonWriter().beginArray();
        for (Heartbeat h : heartbeats) {
            json.beginObject()
                    .field("machine", h.machine())
                    .field("ip", h.ip())
                    .field("subscription_uuid", Uuids.lowerCase(h.subscription().uuid()))
                    .field("subscription_name", h.subscription().name())
                    .field("first_seen", Dates.rfc3339(h.firstSeen(), zone))
                    .field("last_seen", Dates.rfc3339(h.lastSeen(), zone))
                    .field("last_event_seen", h.lastEventSeen() == null ? null : Dates.rfc3339(h.lastEventSeen(), zone))
                    .endObject();
        }
        return json.endArray().toString();
    }
}
