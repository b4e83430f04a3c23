package org.openwec.app.cli;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.openwec.app.format.HeartbeatsFormat;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.HeartbeatQuery;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code openwec heartbeats}: what the collectors last heard of each machine (docs/reference/cli.md §5). */
@Command(name = "heartbeats", mixinStandardHelpOptions = true,
        description = {"Show when each machine was last seen, per subscription.",
                "All of them, or those of a subscription, of a machine or of an IP address. Dates are in the local time zone."},
        footer = {"", "Examples:", "  openwec heartbeats", "  openwec heartbeats -s security -m 'WIN10$@WINDOMAIN.LOCAL'",
                "  openwec heartbeats --address 192.168.58.100 --format json"})
final class HeartbeatsCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = {"-s", "--subscription"}, paramLabel = "<subscription>", description = "Only this subscription (name or UUID).")
    String subscription;

    @ArgGroup(exclusive = true)
    Machine machine;

    static final class Machine {
        @Option(names = {"-m", "--machine"}, paramLabel = "<HOSTNAME>", description = "Only this machine (its principal, exact case).")
        String name;

        @Option(names = {"-a", "--address"}, paramLabel = "<ADDR>", description = "Only machines with this IP address.")
        String address;
    }

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "<FORMAT>",
            converter = Converters.StyleName.class, completionCandidates = Converters.StyleNames.class,
            description = "${COMPLETION-CANDIDATES} (default: text).")
    Converters.Style format;

    HeartbeatsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Session db = context.session()) {
            UUID uuid = subscription == null ? null
                    : db.subscription(subscription, "Subscription " + subscription + " could not be found in database").uuid();
            HeartbeatQuery query;
            if (machine != null && machine.name != null) {
                query = HeartbeatQuery.byMachine(machine.name, uuid);
            } else if (machine != null && machine.address != null) {
                query = HeartbeatQuery.byIp(machine.address, uuid);
            } else if (uuid != null) {
                query = HeartbeatQuery.bySubscription(uuid);
            } else {
                query = HeartbeatQuery.all();
            }
            List<Heartbeat> heartbeats = db.machines().heartbeats(query);
            if (format == Converters.Style.JSON) {
                context.out.println(HeartbeatsFormat.json(heartbeats, context.zone()));
            } else {
                heartbeats.forEach(h -> context.out.println(HeartbeatsFormat.text(h, context.zone())));
            }
            context.out.flush();
        }
        return 0;
    }
}
