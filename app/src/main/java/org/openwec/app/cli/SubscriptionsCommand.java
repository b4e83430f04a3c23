package org.openwec.app.cli;

import java.util.concurrent.Callable;
import org.openwec.app.wiring.OpenMode;
import org.openwec.core.model.Subscription;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code openwec subscriptions}: lists subscriptions as the reference does ({@code [+] name (uri)}). */
@Command(name = "subscriptions", mixinStandardHelpOptions = true,
        description = "List subscriptions: [+] enabled, [-] disabled, with their URI (* when offered on every URI).",
        footer = {"", "Examples:", "  openwec subscriptions", "  openwec subscriptions --enabled"})
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
        try (Session db = new Session(context.open(OpenMode.EXISTING_ONLY))) {
            db.checkSchema().requireUpToDate();
            for (Subscription s : db.storage().subscriptions().subscriptions()) {
                if (state != null && (state.enabled && !s.enabled() || state.disabled && s.enabled())) {
                    continue;
                }
                context.out.println((s.enabled() ? "[+] " : "[-] ") + s.name() + " (" + (s.uri() == null ? "*" : s.uri()) + ")");
            }
            context.out.flush();
        }
        return 0;
    }
}
