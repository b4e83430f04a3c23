package org.openwec.adapters.outputs.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openwec.adapters.outputs.event.EventMetadata;
import org.openwec.adapters.outputs.event.ReceivedEvent;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;

/** What the reference's vectors do not show: exact bytes, times, errors, metadata from the core's records. */
class FormatDetailsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final EventMetadata METADATA = new EventMetadata("10.0.0.1", "DC$@REALM", null,
            Instant.parse("2024-01-02T03:04:05Z"), "8B18D83D-2964-4F35-AC3B-6F4E6FFA727B", "V", "Sub", null, null,
            null);

    @Test
    void raw_json_bytes_are_serde_json_s() {
        String xml = "<Event>tab\there \"quoted\" back\\slash /slash é \u0001\u001f\b\f\r\n\u007f</Event>";

        String line = EventFormat.of(OutputFormat.RawJson).format(METADATA, new ReceivedEvent(xml));

        assertThat(line).isEqualTo("{\"meta\":{\"IpAddress\":\"10.0.0.1\",\"TimeReceived\":\"2024-01-02T03:04:05+00:00\","
                + "\"Principal\":\"DC$@REALM\",\"Client\":\"DC$@REALM\",\"Subscription\":{\"Uuid\":"
                + "\"8B18D83D-2964-4F35-AC3B-6F4E6FFA727B\",\"Version\":\"V\",\"Name\":\"Sub\"}},"
                + "\"data\":\"<Event>tab\\there \\\"quoted\\\" back\\\\slash /slash é \\u0001\\u001f\\b\\f\\r\\n\u007f</Event>\"}");
    }

    @Test
    void time_received_has_as_many_fraction_digits_as_chrono_writes() {
        assertThat(JsonText.rfc3339(Instant.parse("2022-12-14T16:07:03Z"))).isEqualTo("2022-12-14T16:07:03+00:00");
        assertThat(JsonText.rfc3339(Instant.parse("2022-12-14T16:07:03.330Z")))
                .isEqualTo("2022-12-14T16:07:03.330+00:00");
        assertThat(JsonText.rfc3339(Instant.parse("2022-12-14T16:07:03.000120Z")))
                .isEqualTo("2022-12-14T16:07:03.000120+00:00");
        assertThat(JsonText.rfc3339(Instant.parse("2022-12-14T16:07:03.000000001Z")))
                .isEqualTo("2022-12-14T16:07:03.000000001+00:00");
    }

    @Test
    void an_unparsable_event_still_gives_a_json_line_with_the_error_block() throws Exception {
        String xml = "<Event xmlns='http://";

        JsonNode json = MAPPER.readTree(EventFormat.of(OutputFormat.Json).format(METADATA, new ReceivedEvent(xml)));

        assertThat(json.properties()).hasSize(1);
        JsonNode error = json.get("OpenWEC").get("Error");
        assertThat(error.get("OriginalContent").asText()).isEqualTo(xml);
        assertThat(error.get("Type").asText()).isEqualTo("Unrecoverable");
        assertThat(error.get("Message").asText()).startsWith("Failed to parse event XML: ");
        ReferenceVectorsTest.assertJsonFieldOrder(json);
    }

    @Test
    void an_unparsable_event_still_gives_an_nxlog_line_with_the_error_block() throws Exception {
        String xml = "<Event><System><EventID>1</EventID></System></Event>";

        JsonNode json = MAPPER.readTree(EventFormat.of(OutputFormat.Nxlog).format(METADATA, new ReceivedEvent(xml)));

        assertThat(json.get("OpenWEC").get("Error").get("Type").asText()).isEqualTo("FailedToFeedEvent");
        assertThat(json.get("EventReceivedTime").asText()).isEqualTo("2024-01-02T03:04:05+00:00");
        assertThat(json.properties()).hasSize(2);
    }

    @Test
    void a_recovered_event_has_its_fields_and_the_error_block() throws Exception {
        String xml = ReferenceVectorsTest.resource("event/RAW_CONTENT_RECOVERED.xml");

        JsonNode json = MAPPER.readTree(EventFormat.of(OutputFormat.Json).format(METADATA, new ReceivedEvent(xml)));

        assertThat(json.get("System").get("EventID").asInt()).isEqualTo(4798);
        assertThat(json.get("EventData").get("TargetUserName").asText()).isEqualTo("davev");
        assertThat(json.has("RenderingInfo")).isFalse();
        assertThat(json.get("OpenWEC").get("Error").get("Type").asText()).isEqualTo("RawContentRecovered");
    }

    @Test
    void nxlog_keywords_are_signed_64_bit_numbers_of_0x_hex() {
        assertThat(NxlogFormat.keywords("0x8020000000000000")).isEqualTo(-9214364837600034816L);
        assertThat(NxlogFormat.keywords("0x80000000000000")).isEqualTo(36028797018963968L);
        assertThat(NxlogFormat.keywords("0xFFFFFFFFFFFFFFFF")).isEqualTo(-1L);
        assertThat(NxlogFormat.keywords("0x10000000000000000")).isNull();
        assertThat(NxlogFormat.keywords("0X1")).isNull();
        assertThat(NxlogFormat.keywords("0x")).isNull();
        assertThat(NxlogFormat.keywords("12")).isNull();
        assertThat(NxlogFormat.keywords(null)).isNull();
    }

    @Test
    void metadata_comes_from_the_subscription_and_what_the_machine_sent() {
        Subscription subscription = Subscription.create("Test", "query").withUri("/uri").withRevision("server-rev")
                .withOutputs(List.of(new Output(OutputFormat.Json, new OutputDriver.Files("/tmp/x"), true)));
        EventsBatch batch = new EventsBatch("WIN10$@REALM", null, "0:0:0:0:0:0:0:1", subscription.uuid(),
                "188BB736-9441-5C66-188B-B73694415C66", "client-rev", List.of("<Event/>"), null,
                Instant.parse("2024-03-14T13:54:20.331Z"));

        EventMetadata metadata = EventMetadata.of(subscription, batch, "node-1");

        assertThat(metadata).isEqualTo(new EventMetadata("::1", "WIN10$@REALM", "node-1", batch.received(),
                subscription.uuid().toString().toUpperCase(), "188BB736-9441-5C66-188B-B73694415C66", "Test", "/uri",
                "client-rev", "server-rev"));
    }
}
