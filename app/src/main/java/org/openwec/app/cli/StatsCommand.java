package org.openwec.app.cli;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.openwec.app.format.StatsFormat;
import org.openwec.core.model.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code openwec stats}: how many machines of each subscription are active, alive or dead (docs/reference/cli.md §7). */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Count the active, alive and dead machines of each subscription.",
                "Relative to T = now - interval: active sent events since T, alive only heartbeats, dead nothing."},
        footer = {"", "Examples:", "  openwec stats", "  openwec stats -s security --interval 86400 --format json"})
final class StatsCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = {"-s", "--subscription"}, paramLabel = "<subscription>", description = "Only this subscription (name or UUID).")
    String subscription;

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "<FORMAT>",
            converter = Converters.StyleName.class, completionCandidates = Converters.StyleNames.class,
            description = "${COMPLETION-CANDIDATES} (default: text).")
    Converters.Style format;

    @Option(names = {"-i", "--interval"}, paramLabel = "<SECONDS>", converter = Converters.U32.class,
            description = "Seconds before now that T is (default: each subscription's heartbeat interval).")
    Long interval;

    StatsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Session db = context.session()) {
            List<Subscription> subscriptions = subscription == null
                    ? db.subscriptions().subscriptions()
                    : List.of(db.subscription(subscription, "Subscription " + subscription + " could not be found in database"));
            OptionalLong over = interval == null ? OptionalLong.empty() : OptionalLong.of(interval);
            List<StatsFormat.Entry> entries = db.machines().stats(subscriptions, over).stream()
                    .map(a -> new StatsFormat.Entry(a.subscription(), a.since(), a.counts()))
                    .toList();
            if (format == Converters.Style.JSON) {
                context.out.println(StatsFormat.json(entries, context.zone()));
            } else {
                entries.forEach(e -> context.out.print(StatsFormat.text(e, context.zone())));
            }
            context.out.flush();
        }
        return 0;
    }
}
