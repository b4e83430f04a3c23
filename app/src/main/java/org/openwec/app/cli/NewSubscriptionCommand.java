package org.openwec.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openwec.core.model.SubscriptionParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code subscriptions new}: a disabled subscription without outputs (deprecated in favour of files). */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = {"Create a subscription, disabled and without outputs (deprecated: prefer `subscriptions load`).",
                "The query file must hold a QueryList; more than 256 channels asks for a confirmation."},
        footer = {"", "Example:", "  openwec subscriptions new security query.xml --uri /security --heartbeat-interval 600"})
final class NewSubscriptionCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "<name>", description = "Unique name of the subscription.")
    String name;

    @Parameters(index = "1", paramLabel = "<query-file>", description = "File holding the XML QueryList.")
    Path queryFile;

    @Option(names = {"-u", "--uri"}, paramLabel = "<URI>", description = "Offer it only on this URI (default: every URI).")
    String uri;

    @Mixin
    ParameterOptions parameters;

    @Option(names = "--max-elements", paramLabel = "<N>", converter = Converters.U32.class,
            description = "Most events in a batch (default: not set; the reference cannot set it here).")
    Long maxElements;

    @Option(names = "--read-existing-events", description = "Clients first send the events they already have.")
    boolean readExistingEvents;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation of query warnings.")
    boolean yes;

    NewSubscriptionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Session db = context.session()) {
            context.requireEditable(db);
            String query = InputFiles.text(queryFile, "query file");
            QueryCheck.size(context, query, "in " + queryFile, yes);
            SubscriptionParameters p = Checked.value(() -> parameters.applyTo(SubscriptionParameters.defaults(name, query))
                    .withReadExistingEvents(readExistingEvents)
                    .withMaxElements(maxElements));
            db.subscriptions().create(p, uri);
            // The reference's sentence, its missing closing back-quote included: scripts match it.
            context.out.println("Subscription " + name + " has been created successfully. You need to configure its outputs using "
                    + "`openwec subscriptions edit " + name + " outputs add --help`. When you are ready, you can enable it using "
                    + "`openwec subscriptions edit " + name + " --enable");
        }
        return 0;
    }
}
