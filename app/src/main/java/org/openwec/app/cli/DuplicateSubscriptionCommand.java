package org.openwec.app.cli;

import java.util.concurrent.Callable;
import org.openwec.core.model.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code subscriptions duplicate}: a disabled copy under a new UUID, without bookmarks or heartbeats. */
@Command(name = "duplicate", mixinStandardHelpOptions = true,
        description = "Copy a subscription (query, parameters, filter, outputs) under a new name and UUID, disabled.",
        footer = {"", "Example:", "  openwec subscriptions duplicate security security-test"})
final class DuplicateSubscriptionCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "<subscription>", description = "Name or UUID of the subscription to copy.")
    String identifier;

    @Parameters(index = "1", paramLabel = "<name>", description = "Name of the copy.")
    String name;

    DuplicateSubscriptionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Session db = context.session()) {
            context.requireEditable(db);
            Subscription source = db.subscription(identifier, SubscriptionsCommand.notFound(identifier));
            db.subscriptions().duplicate(source, name);
        }
        return 0;
    }
}
