package org.openwec.app.cli;

import java.util.concurrent.Callable;
import org.openwec.core.model.Subscription;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code openwec subscriptions}: lists subscriptions as the reference does ({@code [+] name (uri)}), and holds their commands. */
@Command(name = "subscriptions", mixinStandardHelpOptions = true,
        description = "List subscriptions: [+] enabled, [-] disabled, with their URI (* when offered on every URI).",
        subcommands = {NewSubscriptionCommand.class, EditSubscriptionCommand.class, ShowSubscriptionCommand.class,
                DuplicateSubscriptionCommand.class, ExportSubscriptionsCommand.class, ImportSubscriptionsCommand.class,
                LoadSubscriptionsCommand.class, DeleteSubscriptionCommand.class, ClientsCommand.class,
                SwitchSubscriptionsCommand.Enable.class, SwitchSubscriptionsCommand.Disable.class,
                ReloadSubscriptionsCommand.class, SkellCommand.class},
        footer = {"", "Examples:", "  openwec subscriptions", "  openwec subscriptions --enabled",
                "  openwec subscriptions skell -n security > security.toml && openwec subscriptions load -k security.toml"})
final class SubscriptionsCommand implements Callable<Integer> {
    private final CliContext context;

    @ArgGroup(exclusive = true)
    State state;

    static final class State {
        @Option(names = {"-e", "--enabled"}, description = "Only enabled subscriptions.")
        boolean enabled;

        @Option(names = {"-d", "--disabled"}, description = "Only disabled subscriptions.")
        boolean disabled;
    }

    SubscriptionsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Session db = context.session()) {
            for (Subscription s : db.subscriptions().subscriptions()) {
                if (state != null && (state.enabled && !s.enabled() || state.disabled && s.enabled())) {
                    continue;
                }
                context.out.println((s.enabled() ? "[+] " : "[-] ") + s.name() + " (" + (s.uri() == null ? "*" : s.uri()) + ")");
            }
            context.out.flush();
        }
        return 0;
    }

    /** The message of show, edit, duplicate, export -s, delete and clients for an unknown identifier. */
    static String notFound(String identifier) {
        return "Subscription \"" + identifier + "\" could not be found in database";
    }
}
