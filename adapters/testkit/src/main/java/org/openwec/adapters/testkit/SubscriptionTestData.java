package org.openwec.adapters.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openwec.core.model.ClientFilter;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.ClientFilterKind;
import org.openwec.core.model.ClientFilterOperation;
import org.openwec.core.model.ContentFormat;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;

/** Subscriptions the contracts store: the reference tests' objects and one with every field set. */
public final class SubscriptionTestData {

    /** The query of the worked example (docs/reference/stored-formats.md §7.1), LF line endings and trailing LF. */
    public static final String SECURITY_QUERY = """
            <QueryList>
                <Query Id="0">
                    <Select Path="Security">*</Select>
                </Query>
            </QueryList>
            """;

    private SubscriptionTestData() {}

    /** The reference tests' {@code new(name, query)}: every default, enabled, no output, no filter. */
    public static Subscription subscription(String name) {
        return Subscription.create(name, "query");
    }

    public static ClientFilter filter(ClientFilterOperation operation, ClientFilterKind kind, ClientFilterFlags flags,
                                      String... targets) {
        return ClientFilter.of(operation, kind, flags, Arrays.asList(targets));
    }

    /** One output per driver; together they use every format, and one of them is disabled. */
    public static List<Output> outputsWithEveryDriver() {
        return List.of(
                new Output(OutputFormat.Raw,
                        new OutputDriver.Files("/var/log/openwec/{ip:2}/{ip:3}/{ip}/{client}/messages"), true),
                new Output(OutputFormat.RawJson,
                        new OutputDriver.Kafka("openwec", Map.of("bootstrap.servers", "localhost:9092",
                                "security.protocol", "ssl")), true),
                new Output(OutputFormat.Json,
                        new OutputDriver.Tcp("siem.example.org", 5000, true, List.of("/etc/ca.pem", "/etc/ca2.pem"),
                                "/etc/client.pem", "/etc/client.key"), true),
                new Output(OutputFormat.Nxlog, new OutputDriver.Redis("localhost", "openwec"), false),
                new Output(OutputFormat.Json, new OutputDriver.UnixDatagram("/tmp/openwec.socket"), true),
                new Output(OutputFormat.Json, OutputDriver.Tcp.plain("127.0.0.1", 5001), true));
    }

    /** Every parameter away from its default, both locales and max_elements set. */
    public static SubscriptionParameters parametersWithEveryField(String name) {
        return new SubscriptionParameters(name, SECURITY_QUERY, 1234, 3, 54321, 25000, 10L, 7777, true,
                ContentFormat.RenderedText, false, "fr-FR", "en-US");
    }

    /** A subscription with every optional field set and every value away from its default. */
    public static Subscription fullyPopulated(String name) {
        return fullyPopulated(name, filter(ClientFilterOperation.Except, ClientFilterKind.Client,
                new ClientFilterFlags(true, false), "test01$@windomain.local", "TEST02$@WINDOMAIN.LOCAL"));
    }

    public static Subscription fullyPopulated(String name, ClientFilter filter) {
        return new Subscription(UUID.randomUUID(), UUID.randomUUID(), "4f2a1c9", "/security", false,
                parametersWithEveryField(name), filter, outputsWithEveryDriver());
    }

    /**
     * The reference's second subscription of test_subscriptions (docs/reference/reference-tests.md §2 step 8): RenderedText,
     * an Only/Client filter and two Files outputs, the second one disabled.
     */
    public static Subscription tata() {
        SubscriptionParameters parameters = SubscriptionParameters.defaults("tata", "query2")
                .withReadExistingEvents(true)
                .withContentFormat(ContentFormat.RenderedText)
                .withIgnoreChannelError(false)
                .withLocale("fr-FR")
                .withDataLocale("en-US")
                .withMaxElements(10L);
        return Subscription.create("tata", "query2")
                .withParameters(parameters)
                .withClientFilter(ClientFilter.fromStored(ClientFilterOperation.Only, ClientFilterKind.Client,
                        ClientFilterFlags.NONE, "couscous,boulette"))
                .withOutputs(tataOutputs())
                .withRevision("1472");
    }

    public static List<Output> tataOutputs() {
        return List.of(
                new Output(OutputFormat.Json, new OutputDriver.Files("/path1/{ip}/{client}/messages"), true),
                new Output(OutputFormat.Raw, new OutputDriver.Files("/path2/{ip}/{client}/messages"), false));
    }

    /** Every (operation, kind, flags) combination, with targets that exercise lower-casing and globs. */
    public static List<ClientFilter> everyFilterCombination() {
        List<ClientFilterFlags> allFlags = List.of(ClientFilterFlags.NONE, ClientFilterFlags.fromBits(1),
                ClientFilterFlags.fromBits(2), ClientFilterFlags.fromBits(3));
        return Arrays.stream(ClientFilterOperation.values())
                .flatMap(op -> Arrays.stream(ClientFilterKind.values())
                        .flatMap(kind -> allFlags.stream().map(flags -> flags.globPattern()
                                ? filter(op, kind, flags, "WIN*$@WINDOMAIN.LOCAL", "dc?.example.[a-z]*",
                                        "WIN*$@WINDOMAIN.LOCAL")
                                : filter(op, kind, flags, "Test01$@WinDomain.Local", "machine.example.org",
                                        "École"))))
                .toList();
    }
}
