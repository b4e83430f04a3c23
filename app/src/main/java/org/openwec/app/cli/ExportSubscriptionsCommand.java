package org.openwec.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.openwec.app.format.SubscriptionExport;
import org.openwec.core.model.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code subscriptions export}: one line of JSON, schema V3, that {@code import} reads back. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Print subscriptions as one line of JSON (schema V3), for `subscriptions import`.",
        footer = {"", "Examples:", "  openwec subscriptions export > subscriptions.json",
                "  openwec subscriptions export --subscription security"})
final class ExportSubscriptionsCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = {"-s", "--subscription"}, paramLabel = "<subscription>", description = "Only this one (name or UUID).")
    String identifier;

    ExportSubscriptionsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Session db = context.session()) {
            if (db.subscriptions().editable()) {
                context.warnDeprecated();
            }
            List<Subscription> subscriptions = identifier == null
                    ? db.subscriptions().subscriptions()
                    : List.of(db.subscription(identifier, SubscriptionsCommand.notFound(identifier)));
            context.out.println(SubscriptionExport.write(subscriptions));
            context.out.flush();
        }
        return 0;
    }
}
