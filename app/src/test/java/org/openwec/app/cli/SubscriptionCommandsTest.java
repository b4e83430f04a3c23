package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwec.app.CliHarness.assertOneLineError;
import static org.openwec.app.CliHarness.assertUsageError;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openwec.app.CliHarness;
import org.openwec.app.CliHarness.Result;
import org.openwec.core.model.ContentFormat;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;

/** new, edit (options and outputs), show, duplicate, delete, and read-only mode, on the in-memory storage (docs/reference/cli.md §4). */
class SubscriptionCommandsTest {
    /** Quotes, a semicolon, an apostrophe, non-ASCII letters and a CJK name: stored and shown back intact. */
    static final String ODD_NAME = "it's; \"odd\" — é 日本";

    @TempDir
    Path dir;

    CliHarness h;
    Path query;

    @BeforeEach
    void setUp() {
        h = CliHarness.inMemory(dir);
        h.freshDatabase();
        query = TestData.write(h, "query.xml", TestData.SECURITY);
    }

    private Subscription created(String name) {
        Result r = h.cli("subscriptions", "new", name, query.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        return TestData.find(h, name);
    }

    private Subscription withFilesOutput(String name) {
        Subscription s = created(name).withOutputs(List.of(new Output(OutputFormat.Raw, new OutputDriver.Files("/x/{ip}"), true)));
        TestData.store(h, s);
        return s;
    }

    // ------------------------------------------------------------------ new

    @Test
    void newCreatesADisabledSubscriptionWithTheDefaultsAndSaysWhatToDoNext() {
        Result r = h.cli("subscriptions", "new", "security", query.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Subscription security has been created successfully. You need to configure its outputs "
                + "using `openwec subscriptions edit security outputs add --help`. When you are ready, you can enable it using "
                + "`openwec subscriptions edit security --enable\n");
        Subscription s = TestData.find(h, "security");
        assertThat(s.enabled()).isFalse();
        assertThat(s.outputs()).isEmpty();
        assertThat(s.uri()).isNull();
        assertThat(s.parameters()).isEqualTo(SubscriptionParameters.defaults("security", TestData.SECURITY));
    }

    @Test
    void newTakesEveryOptionIncludingMaxElements() {
        Result r = h.cli("subscriptions", "new", "security", query.toString(), "-u", "/sec", "--heartbeat-interval", "600",
                "--connection-retry-count", "65535", "--connection-retry-interval", "4294967295", "--max-time", "0",
                "--max-envelope-size", "1000", "--read-existing-events", "--content-format", "RenderedText",
                "--ignore-channel-error", "false", "--max-elements", "25");

        assertThat(r.code()).as(r.toString()).isZero();
        Subscription s = TestData.find(h, "security");
        assertThat(s.uri()).isEqualTo("/sec");
        assertThat(s.parameters()).isEqualTo(new SubscriptionParameters("security", TestData.SECURITY, 600, 65535,
                4_294_967_295L, 0, 25L, 1000, true, ContentFormat.RenderedText, false, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--heartbeat-interval=4294967296", "--heartbeat-interval=-1", "--connection-retry-count=65536",
            "--max-time=1e3", "--max-envelope-size=", "--max-elements=99999999999", "--content-format=raw",
            "--ignore-channel-error=yes", "--connection-retry-interval=0x10"})
    void outOfRangeOrMalformedValuesAreUsageErrors(String option) {
        Map<String, String> before = h.snapshot();

        assertUsageError(h.cli("subscriptions", "new", "security", query.toString(), option), option.substring(0, option.indexOf('=')));

        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void oddNamesAreStoredAndShownBackIntact() {
        assertThat(h.cli("subscriptions", "new", ODD_NAME, query.toString(), "--uri", "/ünï;'\"").code()).isZero();

        assertThat(h.cli("subscriptions").out()).isEqualTo("[-] " + ODD_NAME + " (/ünï;'\")\n");
        Result show = h.cli("subscriptions", "show", ODD_NAME);
        assertThat(show.out()).startsWith("Subscription " + ODD_NAME + "\n").contains("\tURI: /ünï;'\"\n");
        assertThat(h.cli("subscriptions", "export").out()).contains("\"name\":\"it's; \\\"odd\\\" — é 日本\"");
        assertThat(TestData.find(h, ODD_NAME).name()).isEqualTo(ODD_NAME);
    }

    @Test
    void aDuplicateNameIsRefused() {
        created("security");

        assertOneLineError(h.cli("subscriptions", "new", "security", query.toString()), "security");
    }

    @Test
    void aBlankNameIsRefused() {
        assertOneLineError(h.cli("subscriptions", "new", " ", query.toString()), "name");
    }

    @Test
    void aQueryThatIsNotAQueryListIsRefused() {
        Map<String, String> before = h.snapshot();

        assertOneLineError(h.cli("subscriptions", "new", "s", TestData.write(h, "bad.xml", "<QueryList><Query>").toString()),
                "Failed to parse query", "bad.xml", "not well-formed");
        assertOneLineError(h.cli("subscriptions", "new", "s", TestData.write(h, "other.xml", "<Other/>").toString()),
                "expected root element to be QueryList, found Other");
        assertOneLineError(h.cli("subscriptions", "new", "s",
                TestData.write(h, "nopath.xml", "<QueryList><Query><Select>*</Select></Query></QueryList>").toString()),
                "Select element has no Path");
        assertOneLineError(h.cli("subscriptions", "new", "s", dir.resolve("absent.xml").toString()), "absent.xml", "does not exist");
        assertThat(h.cli("subscriptions").out()).isEmpty();
    }

    @Test
    void aQueryWithADoctypeIsRefusedSoNoEntityIsEverResolved() {
        Path xxe = TestData.write(h, "xxe.xml", "<?xml version=\"1.0\"?><!DOCTYPE q [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<QueryList><Query><Select Path=\"&x;\">*</Select></Query></QueryList>");

        Result r = h.cli("subscriptions", "new", "s", xxe.toString());

        assertOneLineError(r, "Failed to parse query", "DOCTYPE");
        assertThat(r.err()).doesNotContain("root:");
    }

    @Test
    void moreThan256ChannelsAsksAndADeclineExitsNonZeroWithoutStoring() {
        Path big = TestData.write(h, "big.xml", TestData.queryOf(257));

        Result declined = h.cliWithInput("n\n", "subscriptions", "new", "big", big.toString());

        assertThat(declined.code()).as(declined.toString()).isEqualTo(1);
        assertThat(declined.out()).isEqualTo("The query selects more than 256 channels and will probably not work on Windows clients.\n"
                + "Do you want to ignore this warning and continue? [Y/n] ");
        assertThat(declined.err()).isEqualTo("Aborted: nothing was changed.\n");
        assertThat(h.cli("subscriptions").out()).isEmpty();

        assertThat(h.cli("subscriptions", "new", "big", big.toString(), "--yes").code()).isZero();
        assertThat(h.cli("subscriptions", "new", "exactly256", TestData.write(h, "256.xml", TestData.queryOf(256)).toString()).code())
                .isZero();
    }

    // ------------------------------------------------------------------ edit

    @Test
    void editSetsAndClearsOptions() {
        Subscription before = created("security");

        Result r = h.cli("subscriptions", "edit", "security", "--rename", "sec", "--uri", "/sec", "--heartbeat-interval", "60",
                "--connection-retry-count", "3", "--connection-retry-interval", "7", "--max-time", "8", "--max-envelope-size", "9",
                "--content-format", "RenderedText", "--ignore-channel-error", "false", "--locale", "fr-FR", "--data-locale", "en-US",
                "--max-elements", "11");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        Subscription s = TestData.find(h, "sec");
        assertThat(s.uuid()).isEqualTo(before.uuid());
        assertThat(s.internalVersion()).isNotEqualTo(before.internalVersion());
        assertThat(s.uri()).isEqualTo("/sec");
        assertThat(s.parameters()).isEqualTo(new SubscriptionParameters("sec", TestData.SECURITY, 60, 3, 7, 8, 11L, 9, false,
                ContentFormat.RenderedText, false, "fr-FR", "en-US"));

        assertThat(h.cli("subscriptions", "edit", "sec", "--uri", "--max-elements", "--locale").code()).isZero();
        Subscription cleared = TestData.find(h, "sec");
        assertThat(cleared.uri()).isNull();
        assertThat(cleared.parameters().maxElements()).isNull();
        assertThat(cleared.parameters().locale()).isNull();
        assertThat(cleared.parameters().dataLocale()).isEqualTo("en-US");
    }

    /** Reference bug: --data-locale without a value cleared the locale. */
    @Test
    void dataLocaleWithoutAValueClearsTheDataLocaleNotTheLocale() {
        created("security");
        assertThat(h.cli("subscriptions", "edit", "security", "--locale", "fr-FR", "--data-locale", "en-US").code()).isZero();

        assertThat(h.cli("subscriptions", "edit", "security", "--data-locale").code()).isZero();

        SubscriptionParameters p = TestData.find(h, "security").parameters();
        assertThat(p.locale()).isEqualTo("fr-FR");
        assertThat(p.dataLocale()).isNull();
    }

    @Test
    void anEditThatChangesNothingKeepsTheInternalVersion() {
        Subscription before = created("security");

        Result r = h.cli("subscriptions", "edit", "security");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(TestData.find(h, "security").internalVersion()).isEqualTo(before.internalVersion());
    }

    @Test
    void enableNeedsAnOutputAndDisableDoesNot() {
        created("security");
        Map<String, String> before = h.snapshot();

        assertOneLineError(h.cli("subscriptions", "edit", "security", "--enable"),
                "Subscription must have at least one outputs configured to be enabled");
        assertThat(h.snapshot()).isEqualTo(before);

        withFilesOutput("other");
        assertThat(h.cli("subscriptions", "edit", "other", "--enable").code()).isZero();
        assertThat(TestData.find(h, "other").enabled()).isTrue();
        assertThat(h.cli("subscriptions", "edit", "other", "--disable").code()).isZero();
        assertThat(TestData.find(h, "other").enabled()).isFalse();
        assertUsageError(h.cli("subscriptions", "edit", "other", "--enable", "--disable"), "mutually exclusive");
    }

    @Test
    void editFindsByNameThenByUuidInAnyCase() {
        Subscription s = created("security");

        for (String id : List.of(s.uuid().toString(), s.storedKey(), "{" + s.uuid() + "}", s.uuid().toString().replace("-", ""))) {
            assertThat(h.cli("subscriptions", "show", id).out()).as(id).startsWith("Subscription security\n");
        }
        assertOneLineError(h.cli("subscriptions", "edit", "nope", "--uri", "/x"), "Subscription \"nope\" could not be found in database");
        assertOneLineError(h.cli("subscriptions", "show", "nope"), "Subscription \"nope\" could not be found in database");
    }

    @Test
    void editQueryWarnsAboutNewChannelsAndADeclineKeepsTheOldQuery() {
        Subscription before = created("security");
        Path wider = TestData.write(h, "wider.xml", TestData.query("Security", "System", "Application"));

        Result declined = h.cliWithInput("n\n", "subscriptions", "edit", "security", "--query", wider.toString());

        assertThat(declined.code()).as(declined.toString()).isEqualTo(1);
        assertThat(declined.out()).isEqualTo("The new query contains new channels:\n- System\n- Application\n"
                + "Because there is no bookmarks stored for these channels, you will receive all existing events for them "
                + "(ignoring the read_existing_events configuration). Depending of the channels, it may cause a huge network trafic.\n"
                + "Do you want to ignore this warning and continue? [Y/n] ");
        assertThat(TestData.find(h, "security")).isEqualTo(before);

        assertThat(h.cliWithInput("y\n", "subscriptions", "edit", "security", "--query", wider.toString()).code()).isZero();
        assertThat(TestData.find(h, "security").parameters().query()).isEqualTo(TestData.query("Security", "System", "Application"));

        Path narrower = TestData.write(h, "narrower.xml", TestData.query("System"));
        Result quiet = h.cli("subscriptions", "edit", "security", "--query", narrower.toString());
        assertThat(quiet.code()).as(quiet.toString()).isZero();
        assertThat(quiet.out()).isEmpty();
    }

    // ------------------------------------------------------------------ outputs

    @Test
    void outputsListSaysWhenThereIsNone() {
        created("security");

        Result r = h.cli("subscriptions", "edit", "security", "outputs");

        assertThat(r.out()).isEqualTo("Subscription security does not have any outputs configured yet.\n");
    }

    @Test
    void outputsAddOneOfEachDriver() {
        created("security");

        for (List<String> add : List.of(
                List.of("-f", "json", "tcp", "siem.example.org", "5000"),
                List.of("--format", "raw", "redis", "localhost", "list"),
                List.of("-f", "raw_json", "kafka", "topic", "-o", "a", "1", "--option", "b", "2", "-o", "a", "3"),
                List.of("-f", "nxlog", "files", "/var/log/{ip}/{client}"),
                List.of("-f", "json", "unixdatagram", "/run/s"))) {
            Result r = h.cli(concat(List.of("subscriptions", "edit", "security", "outputs", "add"), add));
            assertThat(r.code()).as(r.toString()).isZero();
        }

        assertThat(TestData.find(h, "security").outputs()).containsExactly(
                new Output(OutputFormat.Json, OutputDriver.Tcp.plain("siem.example.org", 5000), true),
                new Output(OutputFormat.Raw, new OutputDriver.Redis("localhost", "list"), true),
                new Output(OutputFormat.RawJson, new OutputDriver.Kafka("topic", Map.of("a", "3", "b", "2")), true),
                new Output(OutputFormat.Nxlog, new OutputDriver.Files("/var/log/{ip}/{client}"), true),
                new Output(OutputFormat.Json, new OutputDriver.UnixDatagram("/run/s"), true));
    }

    /** Reference bug: without -o the reference panicked (exit 101). */
    @Test
    void kafkaWithoutOptionsUsesTheSharedProducer() {
        created("security");

        Result r = h.cli("subscriptions", "edit", "security", "outputs", "add", "-f", "json", "kafka", "openwec");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(TestData.find(h, "security").outputs())
                .containsExactly(new Output(OutputFormat.Json, new OutputDriver.Kafka("openwec", Map.of()), true));
    }

    @Test
    void outputsAddRefusesBadFormatsDriversAndPorts() {
        created("security");
        Map<String, String> before = h.snapshot();

        assertUsageError(h.cli("subscriptions", "edit", "security", "outputs", "add", "-f", "Json", "files", "/x"), "json, raw");
        assertUsageError(h.cli("subscriptions", "edit", "security", "outputs", "add", "files", "/x"), "--format");
        assertUsageError(h.cli("subscriptions", "edit", "security", "outputs", "add", "-f", "json", "tcp", "h", "65536"), "65536");
        assertUsageError(h.cli("subscriptions", "edit", "security", "outputs", "add", "-f", "json", "kafka", "t", "-o", "k"), "-o");
        assertOneLineError(h.cli("subscriptions", "edit", "security", "outputs", "add", "-f", "json"),
                "Failed to add output", "Missing output type");
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void outputsDeleteAsksAndADeclineChangesNothing() {
        withFilesOutput("security");
        Subscription before = TestData.find(h, "security");

        Result declined = h.cli("subscriptions", "edit", "security", "outputs", "delete", "0");

        assertThat(declined.code()).as(declined.toString()).isEqualTo(1);
        assertThat(declined.out()).isEqualTo("Are you sure that you want to delete output: (Enabled: true, Format: raw, "
                + "Driver: Files(FilesConfiguration { path: \"/x/{ip}\" })) ? [Y/n] \n");
        assertThat(TestData.find(h, "security")).isEqualTo(before);

        assertThat(h.cliWithInput("\n", "subscriptions", "edit", "security", "outputs", "delete", "0").code()).isZero();
        assertThat(TestData.find(h, "security").outputs()).isEmpty();
    }

    @Test
    void outputsDisableAsksAndEnableDoesNot() {
        withFilesOutput("security");

        Result disable = h.cli("subscriptions", "edit", "security", "outputs", "disable", "--yes", "0");
        assertThat(disable.code()).as(disable.toString()).isZero();
        assertThat(TestData.find(h, "security").outputs().get(0).enabled()).isFalse();

        Result enable = h.cli("subscriptions", "edit", "security", "outputs", "enable", "0");
        assertThat(enable.code()).as(enable.toString()).isZero();
        assertThat(TestData.find(h, "security").outputs().get(0).enabled()).isTrue();

        Result declined = h.cliWithInput("N\n", "subscriptions", "edit", "security", "outputs", "disable", "0");
        assertThat(declined.code()).isEqualTo(1);
        assertThat(declined.out()).startsWith("Are you sure that you want to disable output : (Enabled: true, Format: raw");
        assertThat(TestData.find(h, "security").outputs().get(0).enabled()).isTrue();
    }

    /** Reference bug: a bad index for enable said "Failed to delete output". */
    @Test
    void aBadIndexSaysWhichOperationFailed() {
        withFilesOutput("security");

        assertOneLineError(h.cli("subscriptions", "edit", "security", "outputs", "enable", "1"),
                "Failed to enable output: index out of range");
        assertOneLineError(h.cli("subscriptions", "edit", "security", "outputs", "disable", "-y", "5"),
                "Failed to disable output: index out of range");
        assertOneLineError(h.cli("subscriptions", "edit", "security", "outputs", "delete", "-y", "1"),
                "Failed to delete output: index out of range");
        assertUsageError(h.cli("subscriptions", "edit", "security", "outputs", "delete", "-y", "-1"));
    }

    @Test
    void outputsAndOptionsApplyTogether() {
        created("security");

        Result r = h.cli("subscriptions", "edit", "security", "--enable", "outputs", "add", "-f", "raw", "files", "/x");

        assertThat(r.code()).as(r.toString()).isZero();
        Subscription s = TestData.find(h, "security");
        assertThat(s.enabled()).isTrue();
        assertThat(s.outputs()).hasSize(1);
    }

    // ------------------------------------------------------------------ duplicate, delete

    @Test
    void duplicateCopiesUnderANewUuidDisabled() {
        Subscription source = withFilesOutput("security").withEnabled(true).withUri("/s").withRevision("r1");
        TestData.store(h, source);

        Result r = h.cli("subscriptions", "duplicate", "security", ODD_NAME);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        Subscription copy = TestData.find(h, ODD_NAME);
        assertThat(copy.uuid()).isNotEqualTo(source.uuid());
        assertThat(copy.enabled()).isFalse();
        assertThat(copy.outputs()).isEqualTo(source.outputs());
        assertThat(copy.revision()).isEqualTo("r1");
        assertThat(copy.uri()).isEqualTo("/s");
        assertOneLineError(h.cli("subscriptions", "duplicate", "security", ODD_NAME), "already named");
    }

    @Test
    void deleteAsksAndADeclineExitsNonZero() {
        Subscription s = created("security");

        Result declined = h.cliWithInput("n\n", "subscriptions", "delete", "security");

        assertThat(declined.code()).isEqualTo(1);
        assertThat(declined.out()).isEqualTo("Are you sure that you want to delete \"security\" (" + s.uuid() + ") ? [Y/n] ");
        assertThat(declined.err()).isEqualTo("Aborted: nothing was changed.\n");
        assertThat(h.cli("subscriptions").out()).isNotEmpty();

        Result yes = h.cli("subscriptions", "delete", "-y", s.uuid().toString().toUpperCase());
        assertThat(yes.code()).as(yes.toString()).isZero();
        assertThat(yes.out()).isEmpty();
        assertThat(h.cli("subscriptions").out()).isEmpty();
        assertOneLineError(h.cli("subscriptions", "delete", "-y", "security"), "Subscription \"security\" could not be found in database");
    }

    // ------------------------------------------------------------------ read-only mode

    @Test
    void readOnlyModeRefusesEditingCommandsAndAllowsTheOthers() {
        withFilesOutput("security");
        Path readOnly = h.config("ro.toml", CliHarness.minimalToml(h.db()) + "[cli]\nread_only_subscriptions = true\n");
        Path sub = TestData.write(h, "s.toml", TestData.toml("5f3a9c2e-8b1d-4e6f-a7c0-1d2e3f4a5b6c", "loaded", ""));
        Map<String, String> before = h.snapshot();

        for (List<String> refused : List.of(
                List.of("new", "x", query.toString()), List.of("edit", "security", "--uri", "/x"),
                List.of("edit", "security", "outputs", "enable", "0"), List.of("import", sub.toString()),
                List.of("delete", "-y", "security"), List.of("duplicate", "security", "copy"),
                List.of("enable", "security"), List.of("disable", "--all"))) {
            Result r = h.run(concat(List.of("-c", readOnly.toString(), "subscriptions"), refused));
            assertOneLineError(r, "Subscriptions can only be edited using `openwec subscriptions load` because "
                    + "`cli.read_only_subscriptions` is set in settings.");
        }
        assertThat(h.snapshot()).isEqualTo(before);

        for (List<String> allowed : List.<List<String>>of(List.of(), List.of("show", "security"), List.of("export"),
                List.of("clients", "security"), List.of("reload", "security"), List.of("skell"), List.of("load", "-k", sub.toString()))) {
            Result r = h.run(concat(List.of("-c", readOnly.toString(), "subscriptions"), allowed));
            assertThat(r.code()).as(allowed + "\n" + r).isZero();
        }
    }

    @Test
    void theDeprecatedCommandsWarnButNotInReadOnlyMode() {
        created("security");
        Path readOnly = h.config("ro.toml", CliHarness.minimalToml(h.db()) + "[cli]\nread_only_subscriptions = true\n");

        try (LogCapture log = new LogCapture()) {
            h.cli("subscriptions", "export");
            h.cli("subscriptions", "edit", "security");
            h.cli("subscriptions", "show", "security");
            h.run("-c", readOnly.toString(), "subscriptions", "export");

            assertThat(log.messages()).containsExactly(
                    "WARN " + CliContext.DEPRECATED, "WARN " + CliContext.DEPRECATED);
        }
    }

    static String[] concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }
}
