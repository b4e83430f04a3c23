package org.openwec.app.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;

/** The presentation formats, value by value. */
class FormatsTest {

    @Test
    void datesAreRfc3339WithSecondsAndANumericOffset() {
        assertThat(Dates.rfc3339(1_735_689_600L, ZoneOffset.UTC)).isEqualTo("2025-01-01T00:00:00+00:00");
        assertThat(Dates.rfc3339(1_735_689_600L, ZoneOffset.ofHours(1))).isEqualTo("2025-01-01T01:00:00+01:00");
        assertThat(Dates.rfc3339(1_720_000_000L, ZoneId.of("Europe/Paris"))).isEqualTo("2024-07-03T11:46:40+02:00");
        assertThat(Dates.rfc3339(0, ZoneOffset.ofHoursMinutes(-9, -30))).isEqualTo("1969-12-31T14:30:00-09:30");
        assertThat(Dates.rfc3339(Long.MAX_VALUE, ZoneOffset.UTC)).as("a damaged row").isEqualTo(Long.toString(Long.MAX_VALUE));
        assertThat(Dates.rfc2822(Instant.ofEpochSecond(1_057_049_557L), ZoneOffset.ofHours(2))).isEqualTo("Tue, 1 Jul 2003 10:52:37 +0200");
    }

    @Test
    void outputsPrintAsRustDebugOfTheReference() {
        assertThat(OutputText.describe(new Output(OutputFormat.RawJson,
                new OutputDriver.Kafka("t", Map.of("b", "2", "a", "x\"y")), false)))
                .isEqualTo("Enabled: false, Format: raw_json, Driver: Kafka(KafkaConfiguration { topic: \"t\", "
                        + "options: {\"a\": \"x\\\"y\", \"b\": \"2\"} })");
        assertThat(OutputText.describe(new Output(OutputFormat.Json,
                new OutputDriver.Tcp("h", 1, true, List.of("/a", "/b"), "/c", null), true)))
                .isEqualTo("Enabled: true, Format: json, Driver: Tcp(TcpConfiguration { host: \"h\", port: 1, tls_enabled: true, "
                        + "tls_certificate_authorities: [\"/a\", \"/b\"], tls_certificate: Some(\"/c\"), tls_key: None })");
        assertThat(RustDebug.string("a\tb\nc\\d\"e'f\u0000g\u0007h\u00a0i\u200bj é")).isEqualTo(
                "\"a\\tb\\nc\\\\d\\\"e'f\\0g\\u{7}h\\u{a0}i\\u{200b}j é\"");
        assertThat(RustDebug.string("\u0301e\u0301")).isEqualTo("\"\\u{301}e\u0301\"");
    }

    @Test
    void filterFlagsReadAndWriteTheReferenceText() {
        assertThat(FilterFlags.text(ClientFilterFlags.NONE)).isEmpty();
        assertThat(FilterFlags.text(new ClientFilterFlags(true, true))).isEqualTo("CaseInsensitive | GlobPattern");
        assertThat(FilterFlags.parse("GlobPattern|CaseInsensitive", "x")).isEqualTo(new ClientFilterFlags(true, true));
        assertThat(FilterFlags.parse("  ", "x")).isEqualTo(ClientFilterFlags.NONE);
        assertThatThrownBy(() -> FilterFlags.parse("caseinsensitive", "x")).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> FilterFlags.parse("CaseInsensitive |", "x")).isInstanceOf(UserError.class);
    }

    @Test
    void queryChannelsAreThePathsOfEverySelect() {
        assertThat(QueryChannels.of("""
                <QueryList>
                  <Query Id="0"><Select Path="Security">*</Select><Suppress Path="Security">*[System[EventID=4624]]</Suppress></Query>
                  <Query Id="1" Path="System"><Select Path="System">*</Select><Select Path="Security">*</Select></Query>
                  <Other><Select Path="Ignored">*</Select></Other>
                </QueryList>""", "x")).containsExactly("Security", "System");
        assertThat(QueryChannels.of("<QueryList/>", "x")).isEmpty();
        assertThat(QueryChannels.of("<q:QueryList xmlns:q=\"urn:x\"><q:Query><q:Select Path=\"A\"/></q:Query></q:QueryList>", "x"))
                .containsExactly("A");
    }

    @Test
    void aSkeletonNameIsQuotedForTomlWhateverItHolds() {
        String name = "quote\" back\\ tab\t nl\n del\u007f é";
        String file = Skeleton.minimal(UUID.fromString("5f3a9c2e-8b1d-4e6f-a7c0-1d2e3f4a5b6c"), name, Instant.EPOCH, ZoneOffset.UTC)
                .replace("<!-- Put your queries here -->", "");

        Subscription s = SubscriptionToml.parse(file, "skell", null);

        assertThat(s.name()).isEqualTo(name);
        assertThat(s.outputs()).containsExactly(new Output(OutputFormat.Raw, new OutputDriver.Files(Skeleton.DEFAULT_FILES_PATH), true));
    }

    @Test
    void theFullSkeletonIsValidTomlAndDocumentsEveryOption() {
        String full = Skeleton.full(UUID.randomUUID(), "n", Instant.EPOCH, ZoneOffset.UTC);
        for (String key : List.of("enabled", "uri", "heartbeat_interval = 3600", "connection_retry_count = 5",
                "connection_retry_interval = 60", "max_time = 30", "max_elements", "max_envelope_size = 512000",
                "read_existing_events = false", "content_format = \"Raw\"", "ignore_channel_error = true", "locale", "data_locale",
                "[filter]", "driver = \"Kafka\"", "driver = \"Tcp\"", "driver = \"Redis\"", "driver = \"UnixDatagram\"")) {
            assertThat(full).contains("# " + key);
        }
        assertThat(org.tomlj.Toml.parse(full).hasErrors()).isFalse();
        assertThat(full).startsWith("# autogenerated by openwec 0.3.0\n# Thu, 1 Jan 1970 00:00:00 +0000\n");
    }

    @Test
    void filterTargetsWithACommaAreRefusedBecauseTheDatabaseWouldSplitThem() {
        String file = "uuid = \"5f3a9c2e-8b1d-4e6f-a7c0-1d2e3f4a5b6c\"\nname = \"n\"\nquery = \"<QueryList/>\"\n"
                + "[filter]\noperation = \"Only\"\ntargets = [\"CN=host,O=example\"]\n"
                + "[[outputs]]\ndriver = \"Files\"\nformat = \"Raw\"\nconfig = { path = \"/x\" }\n";

        assertThatThrownBy(() -> SubscriptionToml.parse(file, "f.toml", null)).isInstanceOf(UserError.class)
                .hasMessageContaining("CN=host,O=example").hasMessageContaining("comma");
    }
}
