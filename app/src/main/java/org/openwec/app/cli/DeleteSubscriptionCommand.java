package org.openwec.app.cli;

import java.util.concurrent.Callable;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.Uuids;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code subscriptions delete}: the subscription with its bookmarks and heartbeats. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a subscription with its bookmarks and heartbeats, after a confirmation.",
        footer = {"", "Examples:", "  openwec subscriptions delete security", "  openwec subscriptions delete --yes security"})
final class DeleteSubscriptionCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "<subscription>", description = "Name or UUID.")
    String identifier;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    DeleteSubscriptionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Session db = context.session()) {
            context.requireEditable(db);
            Subscription s = db.subscription(identifier, SubscriptionsCommand.notFound(identifier));
            context.confirmOrAbort("Are you sure that you want to delete \"" + s.name() + "\" (" + Uuids.lowerCase(s.uuid()) + ") ?", yes);
            db.subscriptions().delete(s);
        }
        return 0;
    }
}
