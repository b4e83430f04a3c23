package org.openwec.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.openwec.app.format.SubscriptionExport;
import org.openwec.app.format.WindowsSubscription;
import org.openwec.core.model.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code subscriptions import}: subscriptions from an export (any schema) or from a Windows collector,
 * stored disabled, all in one transaction. A subscription whose UUID exists is overwritten in place and
 * keeps its bookmarks and heartbeats.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import subscriptions, disabled, from an export or from a Windows collector.",
                "An `openwec subscriptions export` (schema V1, V2 or V3), or a Windows collector's",
                "`wecutil gs <name> /f:xml` (its millisecond intervals become seconds).",
                "All or nothing: if one subscription cannot be stored, none is."},
        footer = {"", "Examples:", "  openwec subscriptions import subscriptions.json",
                "  openwec subscriptions import --format windows security.xml"})
final class ImportSubscriptionsCommand implements Callable<Integer> {
    private final CliContext context;

    /** Constant names are what users type, as in the reference. */
    enum Format { openwec, windows }

    @Option(names = {"-f", "--format"}, defaultValue = "openwec", paramLabel = "<FORMAT>",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Parameters(paramLabel = "<file>", description = "File to import.")
    Path file;

    ImportSubscriptionsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Session db = context.session()) {
            context.requireEditable(db);
            List<Subscription> imported = switch (format) {
                case openwec -> SubscriptionExport.read(InputFiles.text(file, "file"), file.toString());
                case windows -> List.of(WindowsSubscription.parse(InputFiles.bytes(file, "file"), file.toString()));
            };
            db.subscriptions().importSubscriptions(imported, file.toString());
            context.out.println(switch (imported.size()) {
                case 0 -> "No subscription have been imported.";
                case 1 -> "1 subscription has been imported. You may want to enable it using "
                        + "`openwec subscriptions edit <name> --enable`.";
                default -> imported.size() + " subscriptions have been imported. They need to be enabled one by one using "
                        + "`openwec subscriptions edit <name> --enable`.";
            });
        }
        return 0;
    }
}
