package org.openwec.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The subscriptions enable, disable and reload act on: those named, else all of them with --all. */
final class SubscriptionTargets {
    @Option(names = {"-a", "--all"}, description = "All subscriptions (ignored when some are named).")
    boolean all;

    @Parameters(paramLabel = "<subscription>", arity = "0..*", description = "Names or UUIDs.")
    List<String> identifiers = new ArrayList<>();

    /** Each subscription once, in the order named; every identifier must exist. */
    List<Subscription> resolve(Session db) {
        if (identifiers.isEmpty()) {
            if (!all) {
                throw new UserError("No subscription given: name them, or use --all.");
            }
            return db.subscriptions().subscriptions();
        }
        Map<UUID, Subscription> found = new LinkedHashMap<>();
        for (String id : identifiers) {
            Subscription s = db.subscription(id, "Failed to find subscription with identifier " + id);
            found.putIfAbsent(s.uuid(), s);
        }
        return List.copyOf(found.values());
    }
}
