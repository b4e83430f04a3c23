package org.openwec.app.cli;

import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.openwec.core.model.Machine;
import org.openwec.core.model.MachineState;
import org.openwec.core.model.Subscription;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code subscriptions clients} (alias {@code machines}): the machines of a subscription, as
 * {@code <ip>:<machine>}. The reference never ran this command (its dispatcher matched only the alias,
 * and clap reports the canonical name) and printed the subscription list instead.
 */
@Command(name = "clients", aliases = "machines", mixinStandardHelpOptions = true,
        description = {"List the machines of a subscription as <ip>:<machine>, all of them or those in one state.",
                "Relative to T = now - interval: active sent events since T, alive only heartbeats, dead nothing."},
        footer = {"", "Examples:", "  openwec subscriptions clients security", "  openwec subscriptions machines security --dead --interval 86400"})
final class ClientsCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "<subscription>", description = "Name or UUID.")
    String identifier;

    @ArgGroup(exclusive = true)
    State state;

    static final class State {
        @Option(names = {"-a", "--active"}, description = "Machines that sent events since T.")
        boolean active;

        @Option(names = {"-l", "--alive"}, description = "Machines that sent heartbeats but no events since T.")
        boolean alive;

        @Option(names = {"-d", "--dead"}, description = "Machines that sent nothing since T.")
        boolean dead;

        MachineState value() {
            return active ? MachineState.Active : alive ? MachineState.Alive : MachineState.Dead;
        }
    }

    @Option(names = {"-i", "--interval"}, paramLabel = "<SECONDS>", converter = Converters.U32.class,
            description = "Seconds before now that T is (default: the subscription's heartbeat interval).")
    Long interval;

    ClientsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Session db = context.session()) {
            Subscription s = db.subscription(identifier, SubscriptionsCommand.notFound(identifier));
            OptionalLong over = interval == null ? OptionalLong.empty() : OptionalLong.of(interval);
            for (Machine m : db.machines().machines(s, over, state == null ? null : state.value())) {
                context.out.println(m.ip() + ":" + m.name());
            }
            context.out.flush();
        }
        return 0;
    }
}
