package org.openwec.app.cli;

import java.util.concurrent.Callable;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.in.ManageSubscriptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code subscriptions enable|disable}: switches several subscriptions in one transaction (the reference
 * stored them one by one, so a failure midway left some switched).
 */
abstract class SwitchSubscriptionsCommand implements Callable<Integer> {
    private final CliContext context;
    private final boolean enable;

    @Mixin
    SubscriptionTargets targets;

    SwitchSubscriptionsCommand(CliContext context, boolean enable) {
        this.context = context;
        this.enable = enable;
    }

    @Override
    public Integer call() {
        try (Session db = context.session()) {
            context.requireEditable(db);
            ManageSubscriptions.SwitchPlan plan = db.subscriptions().planSwitch(targets.resolve(db), enable);
            for (Subscription s : plan.skipped()) {
                context.warn("Subscription " + s.name() + " " + ManageSubscriptions.ENABLED_NEEDS_AN_OUTPUT);
            }
            for (Subscription s : db.subscriptions().applySwitch(plan)) {
                context.out.println("+ Subscription " + s.name() + " has been " + (enable ? "enabled" : "disabled"));
            }
        }
        return 0;
    }

    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = {"Enable subscriptions (those without outputs are skipped with a warning).",
                    "All or nothing; deprecated: prefer `subscriptions load`."},
            footer = {"", "Examples:", "  openwec subscriptions enable security system", "  openwec subscriptions enable --all"})
    static final class Enable extends SwitchSubscriptionsCommand {
        Enable(CliContext context) {
            super(context, true);
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = {"Disable subscriptions. All or nothing; deprecated: prefer `subscriptions load`."},
            footer = {"", "Examples:", "  openwec subscriptions disable security", "  openwec subscriptions disable --all"})
    static final class Disable extends SwitchSubscriptionsCommand {
        Disable(CliContext context) {
            super(context, false);
        }
    }
}
