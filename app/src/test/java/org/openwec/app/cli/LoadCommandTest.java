package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwec.app.CliHarness.assertOneLineError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.app.CliHarness;
import org.openwec.app.CliHarness.Result;
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
import org.openwec.core.port.out.Storage;

/** {@code subscriptions load} with subscription files (docs/reference/cli.md §4.8 and 9), on the in-memory storage. */
class LoadCommandTest {
    static final String A = "aaaaaaaa-0000-4000-8000-000000000001";
    static final String B = "bbbbbbbb-0000-4000-8000-000000000002";
    static final String C = "cccccccc-0000-4000-8000-000000000003";

    @TempDir
    Path dir;

    CliHarness h;
    Path confd;

    @BeforeEach
    void setUp() throws IOException {
        h = CliHarness.inMemory(dir);
        h.freshDatabase();
        confd = Files.createDirectories(dir.resolve("subscriptions"));
    }

    private Path file(String name, String text) {
        return CliHarness.write(confd.resolve(name), text);
    }

    private Result load(String... args) {
        return h.cli(SubscriptionCommandsTest.concat(List.of("subscriptions", "load"), List.of(args)));
    }

    private List<Subscription> stored() {
        try (Storage s = TestData.storage(h)) {
            return s.subscriptions().subscriptions();
        }
    }

    @Test
    void aDirectoryLoadsEveryTomlFileInPathOrder() {
        file("b.toml", TestData.toml(B, "beta", ""));
        file("sub/a.toml", TestData.toml(A, "alpha", ""));

        Result r = load(confd.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("+ Load subscription beta\n+ Load subscription alpha\n");
        assertThat(stored()).extracting(Subscription::name).containsExactly("alpha", "beta");
    }

    /** Reference weakness: every file of the tree was read, editor backups included. */
    @Test
    void onlyTomlFilesAreReadAndHiddenOnesAreSkipped() throws IOException {
        file("a.toml", TestData.toml(A, "alpha", ""));
        file("a.toml~", "this is = = a backup");
        file("README", "not a subscription");
        file(".#a.toml", "an editor lock");
        file(".git/config.toml", "not ours");
        Files.createDirectories(confd.resolve("empty.toml"));

        Result r = load(confd.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("+ Load subscription alpha\n");
    }

    @Test
    void theFileSettingsAreStoredWithTheRevision() {
        Path f = file("full.toml", """
                uuid = "%s"
                version = "0c6f1e2a-9d8b-4c7e-b5a4-3f2e1d0c9b8a"
                name = "full"
                query = "<QueryList/>"
                [options]
                uri = "/full"
                heartbeat_interval = 32
                connection_retry_count = 11
                connection_retry_interval = 12
                max_time = 13
                max_elements = 15
                max_envelope_size = 14
                enabled = false
                read_existing_events = true
                content_format = "RenderedText"
                ignore_channel_error = false
                locale = "fr-FR"
                data_locale = "en-US"
                [filter]
                operation = "Only"
                type = "MachineID"
                flags = "GlobPattern | CaseInsensitive"
                princs = ["WIN*.example.org"]
                [[outputs]]
                driver = "Files"
                format = "Json"
                [outputs.config]
                base = "/tmp/"
                split_on_addr_index = 2
                append_node_name = true
                filename = "courgette"
                [[outputs]]
                driver = "Kafka"
                format = "Raw"
                enabled = false
                config = { topic = "t", options = { "bootstrap.servers" = "k:9092" } }
                [[outputs]]
                driver = "Tcp"
                format = "RawJson"
                config = { addr = "127.0.0.1", port = 8080 }
                [[outputs]]
                driver = "Tcp"
                format = "Json"
                config = { host = "siem", port = 8081, tls_enabled = true, tls_certificate_authorities = "/ca.pem" }
                [[outputs]]
                driver = "Redis"
                format = "Nxlog"
                config = { addr = "r", list = "l" }
                [[outputs]]
                driver = "UnixDatagram"
                format = "Raw"
                config = { path = "/s" }
                """.formatted(A));

        Result r = load("-y", "-r", "rev-1", f.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        Subscription s = stored().get(0);
        assertThat(s.uuid()).isEqualTo(UUID.fromString(A));
        assertThat(s.revision()).isEqualTo("rev-1");
        assertThat(s.uri()).isEqualTo("/full");
        assertThat(s.enabled()).isFalse();
        assertThat(s.parameters()).isEqualTo(new SubscriptionParameters("full", "<QueryList/>", 32, 11, 12, 13, 15L, 14, true,
                ContentFormat.RenderedText, false, "fr-FR", "en-US"));
        assertThat(s.clientFilter()).isEqualTo(ClientFilter.of(ClientFilterOperation.Only, ClientFilterKind.MachineID,
                new ClientFilterFlags(true, true), List.of("WIN*.example.org")));
        assertThat(s.outputs()).containsExactly(
                new Output(OutputFormat.Json, new OutputDriver.Files("/tmp/{ip:2}/{ip:3}/{ip}/{client}/{node}/courgette"), true),
                new Output(OutputFormat.Raw, new OutputDriver.Kafka("t", Map.of("bootstrap.servers", "k:9092")), false),
                new Output(OutputFormat.RawJson, OutputDriver.Tcp.plain("127.0.0.1", 8080), true),
                new Output(OutputFormat.Json, new OutputDriver.Tcp("siem", 8081, true, List.of("/ca.pem"), null, null), true),
                new Output(OutputFormat.Nxlog, new OutputDriver.Redis("r", "l"), true),
                new Output(OutputFormat.Raw, new OutputDriver.UnixDatagram("/s"), true));
    }

    @Test
    void absentOptionsClearWhatTheyMayAndDefaultTheRest() {
        assertThat(load("-y", file("a.toml", TestData.toml(A, "alpha", "[options]\nuri = \"/a\"\nmax_elements = 3\n")).toString())
                .code()).isZero();

        assertThat(load("-y", file("a.toml", TestData.toml(A, "alpha", "")).toString()).code()).isZero();

        Subscription s = stored().get(0);
        assertThat(s.uri()).isNull();
        assertThat(s.enabled()).isTrue();
        assertThat(s.revision()).isNull();
        assertThat(s.parameters()).isEqualTo(SubscriptionParameters.defaults("alpha", TestData.SECURITY));
    }

    /** Reference weakness: every load rewrote every internal version, restarting every output on every collector. */
    @Test
    void anUnchangedFileKeepsItsInternalVersionAndAChangedOneGetsANewOne() {
        file("a.toml", TestData.toml(A, "alpha", ""));
        file("b.toml", TestData.toml(B, "beta", ""));
        assertThat(load(confd.toString()).code()).isZero();
        Subscription alpha = TestData.find(h, "alpha");
        Subscription beta = TestData.find(h, "beta");

        file("b.toml", TestData.toml(B, "beta", "[options]\nuri = \"/b\"\n"));
        Result again = load(confd.toString());

        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).isEqualTo("+ Load subscription alpha\n+ Load subscription beta\n");
        assertThat(TestData.find(h, "alpha")).isEqualTo(alpha);
        assertThat(TestData.find(h, "beta").internalVersion()).isNotEqualTo(beta.internalVersion());

        Result revision = load("-r", "r2", confd.toString());
        assertThat(revision.code()).isZero();
        assertThat(TestData.find(h, "alpha").internalVersion()).as("a new revision is a change").isNotEqualTo(alpha.internalVersion());
    }

    @Test
    void subscriptionsNoFileDescribesAreRemovedUnlessKeep() {
        TestData.store(h, new Subscription(UUID.fromString(C), UUID.randomUUID(), null, null, true,
                SubscriptionParameters.defaults("gamma", TestData.SECURITY), null, List.of()));
        file("a.toml", TestData.toml(A, "alpha", ""));

        Result keep = load("--keep", confd.toString());
        assertThat(keep.out()).isEqualTo("+ Load subscription alpha\n");
        assertThat(stored()).extracting(Subscription::name).containsExactly("alpha", "gamma");

        Result replace = load(confd.toString());
        assertThat(replace.out()).isEqualTo("+ Load subscription alpha\n+ Remove subscription gamma\n");
        assertThat(stored()).extracting(Subscription::name).containsExactly("alpha");
    }

    @Test
    void aSingleFileAsksBeforeRemovingTheOthersAndADeclineChangesNothing() {
        file("b.toml", TestData.toml(B, "beta", ""));
        assertThat(load(confd.toString()).code()).isZero();
        Path a = file("a.toml", TestData.toml(A, "alpha", ""));
        Map<String, String> before = h.snapshot();

        Result declined = h.cliWithInput("n\n", "subscriptions", "load", a.toString());

        assertThat(declined.code()).isEqualTo(1);
        assertThat(declined.out()).isEqualTo("Are you sure that you want to remove all existing subscriptions to keep the only one "
                + "described in " + a + "? Use -k/--keep otherwise. [Y/n] ");
        assertThat(declined.err()).isEqualTo("Aborted: nothing was changed.\n");
        assertThat(h.snapshot()).isEqualTo(before);

        Result yes = h.cliWithInput("y\n", "subscriptions", "load", a.toString());
        assertThat(yes.code()).isZero();
        assertThat(stored()).extracting(Subscription::name).containsExactly("alpha");
    }

    /** A template re-generated under the same name gets a new UUID: the old row gives its name up in the same transaction. */
    @Test
    void aNewUuidMayTakeTheNameOfTheSubscriptionItReplaces() {
        file("a.toml", TestData.toml(A, "alpha", ""));
        assertThat(load(confd.toString()).code()).isZero();
        file("a.toml", TestData.toml(B, "alpha", ""));

        Result r = load(confd.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("+ Load subscription alpha\n+ Remove subscription alpha\n");
        assertThat(stored()).extracting(s -> s.uuid().toString()).containsExactly(B);
    }

    @Test
    void twoSubscriptionsMaySwapNames() {
        file("a.toml", TestData.toml(A, "alpha", ""));
        file("b.toml", TestData.toml(B, "beta", ""));
        assertThat(load(confd.toString()).code()).isZero();
        file("a.toml", TestData.toml(A, "beta", ""));
        file("b.toml", TestData.toml(B, "alpha", ""));

        Result r = load(confd.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(TestData.find(h, "alpha").uuid()).isEqualTo(UUID.fromString(B));
        assertThat(TestData.find(h, "beta").uuid()).isEqualTo(UUID.fromString(A));
    }

    @Test
    void aNameTakenByAKeptSubscriptionIsRefusedBeforeAnyWrite() {
        TestData.store(h, new Subscription(UUID.fromString(C), UUID.randomUUID(), null, null, true,
                SubscriptionParameters.defaults("alpha", TestData.SECURITY), null, List.of()));
        file("a.toml", TestData.toml(A, "alpha", ""));
        Map<String, String> before = h.snapshot();

        assertOneLineError(load("--keep", confd.toString()), "\"alpha\"", "--keep", "Nothing was changed");
        assertThat(h.snapshot()).isEqualTo(before);
    }

    /** Reference weakness: files were stored one by one, so a bad file midway left the first ones loaded. */
    @Test
    void aBadFileAnywhereMeansNothingIsWritten() {
        file("a.toml", TestData.toml(A, "alpha", ""));
        file("b.toml", TestData.toml(B, "beta", "[options]\nmax_time = -1\n"));
        Map<String, String> before = h.snapshot();

        Result r = load(confd.toString());

        assertOneLineError(r, "Failed to parse file", "b.toml", "options.max_time must be from 0 to 4294967295, got -1");
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void twoFilesWithOneUuidOrOneNameAreRefused() {
        file("a.toml", TestData.toml(A, "alpha", ""));
        file("b.toml", TestData.toml(A, "beta", ""));
        assertOneLineError(load(confd.toString()), "Two files describe subscription " + A);

        file("b.toml", TestData.toml(B, "alpha", ""));
        assertOneLineError(load(confd.toString()), "Two files describe a subscription named \"alpha\"");
        assertThat(stored()).isEmpty();
    }

    @Test
    void malformedFilesAreReportedWithTheirPosition() {
        for (String[] bad : new String[][] {
                {"uuid = \"" + A + "\"\nname = \"a\"\nquery = \"\"\"\n<QueryList/>\n", "line 5, column 1: Unexpected end of input"},
                {"name = \"a\"\nquery = \"<QueryList/>\"\n", "missing key uuid"},
                {TestData.toml("not-a-uuid", "a", ""), "uuid is not a UUID"},
                {"uuid = \"" + A + "\"\nname = \"a\"\nquery = \"<QueryList/>\"\n", "Missing subscription outputs"},
                {"colour = \"blue\"\n" + TestData.toml(A, "a", ""), "line 1, column 1: unknown key colour"},
                {TestData.toml(A, "a", "colour = \"blue\"\n"), "unknown key outputs[0].colour"},
                {TestData.toml(A, "a", "[options]\nmax_envelop_size = 3\n"), "unknown key options.max_envelop_size"},
                {TestData.toml(A, "a", "[options]\nconnection_retry_count = 65536\n"), "options.connection_retry_count must be from 0 to 65535"},
                {TestData.toml(A, "a", "[options]\nenabled = \"yes\"\n"), "options.enabled must be true or false"},
                {TestData.toml(A, "a", "[options]\ncontent_format = \"raw\"\n"), "content_format must be Raw or RenderedText"},
                {TestData.toml(A, "a", "[filter]\noperation = \"only\"\ntargets = []\n"), "filter operation must be Only or Except"},
                {TestData.toml(A, "a", "[filter]\noperation = \"Only\"\n"), "missing key targets"},
                {TestData.toml(A, "a", "[filter]\noperation = \"Only\"\nflags = \"Glob\"\ntargets = []\n"), "unknown filter flag \"Glob\""},
                {TestData.toml(A, "a", "[filter]\noperation = \"Only\"\nflags = \"GlobPattern\"\ntargets = [\"a**\"]\n"), "a**"},
                {TestData.toml(A, "a", "[filter]\noperation = \"Only\"\ntargets = [\"x\"]\nprincs = [\"y\"]\n"), "targets once"},
                {TestData.toml(A, "a", "[[outputs]]\ndriver = \"Syslog\"\nformat = \"Raw\"\nconfig = {}\n"), "unknown driver \"Syslog\""},
                {TestData.toml(A, "a", "[[outputs]]\ndriver = \"Files\"\nformat = \"raw\"\nconfig = {path = \"/x\"}\n"), "unknown output format \"raw\""},
                {TestData.toml(A, "a", "[[outputs]]\ndriver = \"Tcp\"\nformat = \"Raw\"\nconfig = {host = \"h\", port = 70000}\n"), "config.port must be from 0 to 65535"},
                {TestData.toml(A, "a", "[[outputs]]\ndriver = \"Tcp\"\nformat = \"Raw\"\nconfig = {host = \"10.0.0.1\", port = 1, tls_enabled = true, tls_certificate_authorities = [\"/ca\"]}\n"), "not the IP address 10.0.0.1"},
                {TestData.toml(A, "a", "[[outputs]]\ndriver = \"Tcp\"\nformat = \"Raw\"\nconfig = {host = \"h\", port = 1, tls_enabled = true}\n"), "tls_certificate_authorities"},
                {TestData.toml(A, "a", "[[outputs]]\ndriver = \"Files\"\nformat = \"Raw\"\nconfig = {}\n"), "config.path"},
                {TestData.toml(A, "a", "[[outputs]]\ndriver = \"Kafka\"\nformat = \"Raw\"\nconfig = {topic = \"t\", options = {retries = 3}}\n"), "must be a string"},
                {TestData.toml(A, " ", ""), "name must not be blank"},
                {"uuid = \"" + A + "\"\nname = \"a\"\nquery = \"\"\"\n<QueryList><Query>\n\"\"\"\n[[outputs]]\ndriver = \"Files\"\nformat = \"Raw\"\nconfig = {path = \"/x\"}\n", "Failed to parse query"}}) {
            Path f = file("bad.toml", bad[0]);
            assertOneLineError(load("-y", f.toString()), bad[1]);
        }
        assertThat(stored()).isEmpty();
    }

    @Test
    void aFileThatIsNotUtf8IsReported() throws IOException {
        Path f = Files.write(confd.resolve("latin1.toml"), new byte[] {'#', ' ', (byte) 0xE9, '\n'});

        assertOneLineError(load("-y", f.toString()), "latin1.toml", "UTF-8");
    }

    @Test
    void aMissingPathAndAnEmptyDirectory() throws IOException {
        assertOneLineError(load(dir.resolve("nowhere").toString()), "Path " + dir.resolve("nowhere") + " does not exist");
        assertOneLineError(load(confd.toString()), "Could not find any subscriptions");

        file("a.toml", TestData.toml(A, "alpha", ""));
        assertThat(load(confd.toString()).code()).isZero();
        Files.delete(confd.resolve("a.toml"));
        Result empty = load("--allow-empty", confd.toString());
        assertThat(empty.code()).as(empty.toString()).isZero();
        assertThat(empty.out()).isEqualTo("+ Remove subscription alpha\n");
        assertThat(stored()).isEmpty();
    }

    @Test
    void moreThan256ChannelsAsksBeforeAnyWrite() {
        String query = TestData.queryOf(300).replace("\"", "\\\"").replace("\n", "\\n");
        file("big.toml", "uuid = \"" + A + "\"\nname = \"big\"\nquery = \"" + query + "\"\n"
                + "[[outputs]]\ndriver = \"Files\"\nformat = \"Raw\"\nconfig = {path = \"/x\"}\n");

        Result declined = load(confd.toString());

        assertThat(declined.code()).isEqualTo(1);
        assertThat(declined.out()).startsWith("The query selects more than 256 channels");
        assertThat(stored()).isEmpty();
        assertThat(load("--yes", confd.toString()).code()).isZero();
        assertThat(stored()).hasSize(1);
    }

    @Test
    void aSkeletonLoadsOnceItsQueryIsWritten() throws IOException {
        Path skeleton = confd.resolve("new.toml");
        Result skell = h.cli("subscriptions", "skell", "--name", "fresh", skeleton.toString());
        assertThat(skell.code()).as(skell.toString()).isZero();
        assertThat(skell.out()).isEmpty();
        assertOneLineError(load(confd.toString()), "Missing subscription outputs");

        Path minimal = confd.resolve("new.toml");
        assertThat(h.cli("subscriptions", "skell", "--minimal", "--name", "fresh", minimal.toString()).code()).isZero();
        Result r = load(confd.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(TestData.find(h, "fresh").outputs()).containsExactly(
                new Output(OutputFormat.Raw, new OutputDriver.Files("/var/log/openwec/{ip:2}/{ip:3}/{ip}/{client}/messages"), true));
    }
}
