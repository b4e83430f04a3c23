package org.openwec.app.cli;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.port.in.ManageSubscriptions.Switch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code subscriptions edit}: changes one subscription, its outputs first (the {@code outputs}
 * subcommand), then its query, then the other options, and stores the result once. Every change renews
 * the internal version, so collectors reload it; a run that changes nothing writes nothing.
 */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Change a subscription (deprecated: prefer `subscriptions load`).",
                "Options given without a value (--uri, --locale, --data-locale, --max-elements) clear the setting."},
        subcommands = OutputsCommand.class,
        footer = {"", "Examples:", "  openwec subscriptions edit security --uri /security --connection-retry-count 10",
                "  openwec subscriptions edit security --query new-query.xml --yes",
                "  openwec subscriptions edit security outputs add --format json tcp siem.example.org 5000",
                "  openwec subscriptions edit security --enable"})
final class EditSubscriptionCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "<subscription>", description = "Name or UUID.")
    String identifier;

    @Option(names = {"-q", "--query"}, paramLabel = "<FILE>", description = "Replace the query with this file's QueryList.")
    Path queryFile;

    @Option(names = {"-r", "--rename"}, paramLabel = "<NAME>", description = "New name.")
    String rename;

    @Option(names = {"-u", "--uri"}, arity = "0..1", fallbackValue = "", paramLabel = "<URI>",
            description = "Offer it only on this URI; without a value, on every URI.")
    String uri;

    @Mixin
    ParameterOptions parameters;

    @Option(names = "--max-elements", arity = "0..1", fallbackValue = "", paramLabel = "<N>",
            converter = Converters.U32OrClear.class, description = "Most events in a batch; without a value, no limit.")
    Long maxElements;

    @Option(names = "--locale", arity = "0..1", fallbackValue = "", paramLabel = "<LOCALE>",
            description = "Language of rendered messages, e.g. en-US; without a value, the client's own.")
    String locale;

    @Option(names = "--data-locale", arity = "0..1", fallbackValue = "", paramLabel = "<DATA_LOCALE>",
            description = "Language of numbers in events; without a value, the client's own.")
    String dataLocale;

    @ArgGroup(exclusive = true)
    State state;

    static final class State {
        @Option(names = "--enable", description = "Enable it (it needs at least one output).")
        boolean enable;

        @Option(names = "--disable", description = "Disable it.")
        boolean disable;
    }

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation of query warnings.")
    boolean yes;

    EditSubscriptionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return edit(UnaryOperator.identity());
    }

    /** Runs the edit with an outputs change, which an {@code outputs} subcommand supplies. */
    int edit(UnaryOperator<Subscription> outputsChange) {
        try (Session db = context.session()) {
            context.requireEditable(db);
            Subscription original = db.subscription(identifier, SubscriptionsCommand.notFound(identifier));
            db.subscriptions().edit(original, s -> {
                Subscription edited = outputsChange.apply(s);
                if (queryFile != null) {
                    edited = withQuery(edited);
                }
                return withOptions(edited);
            }, state == null ? Switch.KEEP : state.enable ? Switch.ENABLE : Switch.DISABLE);
        }
        return 0;
    }

    private Subscription withQuery(Subscription s) {
        String query = InputFiles.text(queryFile, "query file");
        Set<String> channels = QueryCheck.size(context, query, "in " + queryFile, yes);
        QueryCheck.newChannels(context, s.parameters().query(), channels, yes);
        return s.withParameters(s.parameters().withQuery(query));
    }

    /**
     * The reference's order: rename, uri, the numbers, content format, channel errors, locales. Enabling and
     * disabling come last, from the use case, which checks that an enabled subscription has an output.
     */
    private Subscription withOptions(Subscription start) {
        Subscription s = start;
        if (rename != null) {
            s = s.withParameters(s.parameters().withName(rename));
        }
        if (uri != null) {
            s = s.withUri(uri.isEmpty() ? null : uri);
        }
        if (parameters.any()) {
            s = s.withParameters(parameters.applyTo(s.parameters()));
        }
        if (maxElements != null) {
            s = s.withParameters(s.parameters().withMaxElements(maxElements == Converters.CLEAR ? null : maxElements));
        }
        SubscriptionParameters p = s.parameters();
        if (locale != null) {
            s = s.withParameters(p.withLocale(locale.isEmpty() ? null : locale));
        }
        // The reference clears the locale here instead (its bug); this clears the data locale.
        if (dataLocale != null) {
            s = s.withParameters(s.parameters().withDataLocale(dataLocale.isEmpty() ? null : dataLocale));
        }
        return s;
    }
}
