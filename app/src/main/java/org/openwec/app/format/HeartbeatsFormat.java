package org.openwec.app.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.ZoneId;
import java.util.List;
import org.openwec.adapters.sql.json.SerdeJson;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.Uuids;

/** {@code openwec heartbeats}: one sentence per heartbeat, or one JSON array (docs/reference/cli.md §5). */
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
        ArrayNode json = SerdeJson.array();
        for (Heartbeat h : heartbeats) {
            json.addObject()
                    .put("machine", h.machine())
                    .put("ip", h.ip())
                    .put("subscription_uuid", Uuids.lowerCase(h.subscription().uuid()))
                    .put("subscription_name", h.subscription().name())
                    .put("first_seen", Dates.rfc3339(h.firstSeen(), zone))
                    .put("last_seen", Dates.rfc3339(h.lastSeen(), zone))
                    .put("last_event_seen", h.lastEventSeen() == null ? null : Dates.rfc3339(h.lastEventSeen(), zone));
        }
        return SerdeJson.write(json);
    }
}
