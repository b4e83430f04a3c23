package org.openwec.app.cli;

import java.util.concurrent.Callable;
import org.openwec.app.format.SubscriptionText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code subscriptions show}: every setting of one subscription, and its query. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a subscription: parameters, filter, outputs and query. It is found by name, else by UUID (any case).",
        footer = {"", "Examples:", "  openwec subscriptions show security",
                "  openwec subscriptions show 5f3a9c2e-8b1d-4e6f-a7c0-1d2e3f4a5b6c"})
final class ShowSubscriptionCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "<subscription>", description = "Name or UUID.")
    String identifier;

    ShowSubscriptionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Session db = context.session()) {
            context.out.print(SubscriptionText.show(db.subscription(identifier, SubscriptionsCommand.notFound(identifier))));
            context.out.flush();
        }
        return 0;
    }
}
