package org.openwec.app.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.ZoneId;
import java.util.List;
import org.openwec.adapters.sql.json.SerdeJson;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionStats;
import org.openwec.core.model.Uuids;

/** {@code openwec stats}: four lines per subscription, or one JSON array (docs/reference/cli.md §7). */
public final class StatsFormat {
    private StatsFormat() {}

    /** The counts of one subscription relative to {@code since} (Unix seconds). */
    public record Entry(Subscription subscription, long since, SubscriptionStats stats) {}

    public static String text(Entry e, ZoneId zone) {
        Subscription s = e.subscription();
        String since = Dates.rfc3339(e.since(), zone);
        return "Subscription " + s.name() + " (" + Uuids.lowerCase(s.uuid()) + ") - " + (s.uri() == null ? "*" : s.uri()) + "\n"
                + "- " + e.stats().total() + " machines ever seen\n"
                + "- " + e.stats().active() + " active machines (event received since " + since + ")\n"
                + "- " + e.stats().alive() + " alive machines (heartbeat received since " + since + " but no events)\n"
                + "- " + e.stats().dead() + " dead machines (no heartbeats nor events since " + since + ")\n";
    }

    /** Keys in alphabetical order: the reference builds a serde_json map, which sorts them. */
    public static String json(List<Entry> entries, ZoneId zone) {
        ArrayNode json = SerdeJson.array();
        for (Entry e : entries) {
            json.addObject()
                    .put("active_machines_count", e.stats().active())
                    .put("alive_machines_count", e.stats().alive())
                    .put("dead_machines_count", e.stats().dead())
                    .put("since", Dates.rfc3339(e.since(), zone))
                    .put("subscription_name", e.subscription().name())
                    .put("subscription_uri", e.subscription().uri())
                    .put("subscription_uuid", Uuids.lowerCase(e.subscription().uuid()))
                    .put("total_machines_count", e.stats().total());
        }
        return SerdeJson.write(json);
    }
}
