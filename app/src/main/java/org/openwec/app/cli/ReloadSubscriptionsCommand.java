package org.openwec.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.openwec.core.model.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code subscriptions reload}: a new internal version, so every collector rebuilds the outputs. */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"Make every collector reload subscriptions and restart their outputs (new internal version).",
                "All or nothing. Allowed in read-only mode."},
        footer = {"", "Examples:", "  openwec subscriptions reload security", "  openwec subscriptions reload --all"})
final class ReloadSubscriptionsCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    SubscriptionTargets targets;

    ReloadSubscriptionsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Session db = context.session()) {
            List<Subscription> reloaded = db.subscriptions().reload(targets.resolve(db));
            reloaded.forEach(s -> context.out.println("+ Subscription " + s.name() + " has been reloaded"));
        }
        return 0;
    }
}
