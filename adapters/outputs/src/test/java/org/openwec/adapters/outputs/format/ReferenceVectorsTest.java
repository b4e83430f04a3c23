package org.openwec.adapters.outputs.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openwec.adapters.outputs.event.EventMetadata;
import org.openwec.adapters.outputs.event.ReceivedEvent;
import org.openwec.core.model.OutputFormat;

/**
 * The reference's format tests (OpenWEC server/src/formats/*.rs at a41b95f), run on our formats: the event
 * XML and expected output are the reference's (test resources under {@code reference/}, see its README), the
 * metadata is what each reference test built. Outputs are compared as JSON trees, as the reference's tests
 * do, and then the order of every object's fields is checked against the reference's struct order (which its
 * hand-written expectations do not follow).
 */
class ReferenceVectorsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String UUID = "8B18D83D-2964-4F35-AC3B-6F4E6FFA727B";
    private static final String VERSION = "188BB736-9441-5C66-188B-B73694415C66";
    private static final String CLIENT = "WIN10$@WINDOMAIN.LOCAL";
    private static final String URI = "/this/is/a/test";

    static EventMetadata metadata(String node, String uri, String serverRevision, String clientRevision,
                                  String received) {
        return new EventMetadata("192.168.58.100", CLIENT, node, Instant.parse(received), UUID, VERSION, "Test", uri,
                clientRevision, serverRevision);
    }

    static Stream<Arguments> jsonVectors() {
        return Stream.of(
                Arguments.of("EVENT_4688", metadata("openwec", URI, "babar", "1234", "2022-12-14T16:07:03.331Z")),
                Arguments.of("EVENT_1003", metadata("openwec", null, null, null, "2022-12-14T16:07:03.324Z")),
                Arguments.of("EVENT_5719", metadata("openwec", URI, "babar", "babar", "2022-12-14T16:07:02.919Z")),
                Arguments.of("EVENT_6013", metadata(null, URI, null, null, "2022-12-14T16:07:02.524Z")),
                Arguments.of("EVENT_1100", metadata("openwec", URI, null, null, "2022-12-14T16:07:02.156Z")),
                Arguments.of("EVENT_111", metadata("other_node", URI, null, null, "2022-12-14T16:07:02.156Z")));
    }

    @ParameterizedTest(name = "json.rs {0}")
    @MethodSource("jsonVectors")
    void json_format_matches_the_reference(String name, EventMetadata metadata) throws IOException {
        ReceivedEvent event = new ReceivedEvent(resource("json/" + name + ".xml"));
        assertThat(event.parsed().error()).isNull();

        String line = EventFormat.of(OutputFormat.Json).format(metadata, event);

        assertSameTree(line, resource("json/" + name + ".json"));
        assertOneLine(line);
        assertJsonFieldOrder(MAPPER.readTree(line));
    }

    static Stream<String> nxlogVectors() {
        return Stream.of("EVENT_4624", "EVENT_1003", "EVENT_8198", "EVENT_8002", "EVENT_4625", "EVENT_328",
                "EVENT_1100");
    }

    @ParameterizedTest(name = "nxlog.rs {0}")
    @MethodSource("nxlogVectors")
    void nxlog_format_matches_the_reference(String name) throws IOException {
        EventMetadata metadata = metadata("openwec", URI, "BABAR", "TOTO", "2024-03-14T13:54:20.331Z");
        ReceivedEvent event = new ReceivedEvent(resource("nxlog/" + name + ".xml"));
        assertThat(event.parsed().error()).isNull();

        String line = EventFormat.of(OutputFormat.Nxlog).format(metadata, event);

        assertSameTree(line, resource("nxlog/" + name + ".json"));
        assertOneLine(line);
        JsonNode tree = MAPPER.readTree(line);
        assertOrder("Nxlog top level", topLevelFields(line), List.of("SourceName", "ProviderGuid", "EventID", "Version", "Task",
                "OpcodeValue", "Keywords", "EventTime", "RecordNumber", "ActivityID", "RelatedActivityID",
                "ProcessID", "ThreadID", "Channel", "Hostname", "UserID", "EventType", "Severity", "SeverityValue",
                "*", "Message", "Category", "Opcode", "OpenWEC", "EventReceivedTime"));
        assertOpenWecOrder(tree.get("OpenWEC"));
    }

    @Test
    void raw_json_format_matches_the_reference() throws IOException {
        EventMetadata metadata = metadata("openwec", URI, "tutu", "1234", "2022-12-14T16:07:03.331Z");
        String xml = resource("raw_json/EVENT_4688.xml");

        String line = EventFormat.of(OutputFormat.RawJson).format(metadata, new ReceivedEvent(xml));

        assertSameTree(line, resource("raw_json/EVENT_4688.json"));
        JsonNode tree = MAPPER.readTree(line);
        assertOrder("RawJson", tree, List.of("meta", "data"));
        assertOpenWecOrder(tree.get("meta"));
        assertThat(tree.get("data").asText()).isEqualTo(xml);
    }

    @Test
    void raw_format_is_the_event_as_received() throws IOException {
        String xml = resource("raw/EVENT_4688.xml");
        EventMetadata metadata = metadata("openwec", URI, "1234", "1234", "2022-12-14T16:07:03.331Z");

        assertThat(EventFormat.of(OutputFormat.Raw).format(metadata, new ReceivedEvent(xml))).isSameAs(xml);
    }

    // ---- helpers

    static String resource(String path) throws IOException {
        try (InputStream in = ReferenceVectorsTest.class.getResourceAsStream("/reference/" + path)) {
            assertThat(in).as("test resource reference/" + path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void assertSameTree(String actual, String expected) throws IOException {
        assertThat(MAPPER.readTree(actual)).isEqualTo(MAPPER.readTree(expected));
    }

    static void assertOneLine(String line) {
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
    }

    static void assertJsonFieldOrder(JsonNode tree) {
        assertOrder("Json top level", tree, List.of("System", "EventData", "UserData", "DebugData",
                "ProcessingErrorData", "BinaryEventData", "RenderingInfo", "OpenWEC"));
        JsonNode system = tree.get("System");
        if (system != null) {
            assertOrder("System", system, List.of("Provider", "EventID", "EventIDQualifiers", "Version", "Level",
                    "Task", "Opcode", "Keywords", "TimeCreated", "EventRecordID", "Correlation", "Execution",
                    "Channel", "Computer", "Container", "UserID"));
            assertOrder("Provider", system.get("Provider"), List.of("Name", "Guid", "EventSourceName"));
            if (system.has("Execution")) {
                assertOrder("Execution", system.get("Execution"), List.of("ProcessID", "ThreadID", "ProcessorID",
                        "SessionID", "KernelTime", "UserTime", "ProcessorTime"));
            }
        }
        if (tree.has("EventData")) {
            assertOrder("EventData", tree.get("EventData"), List.of("*", "Data", "Binary"));
        }
        if (tree.has("RenderingInfo")) {
            assertOrder("RenderingInfo", tree.get("RenderingInfo"), List.of("Message", "Level", "Task", "Opcode",
                    "Channel", "Provider", "Keywords", "Culture"));
        }
        assertOpenWecOrder(tree.get("OpenWEC"));
    }

    static void assertOpenWecOrder(JsonNode block) {
        assertOrder("OpenWEC", block, List.of("IpAddress", "TimeReceived", "Principal", "Client", "Subscription",
                "Node", "Error"));
        assertOrder("Subscription", block.get("Subscription"), List.of("Uuid", "Version", "Name", "Uri",
                "ClientRevision", "ServerRevision"));
        if (block.has("Error")) {
            assertOrder("Error", block.get("Error"), List.of("OriginalContent", "Type", "Message"));
        }
    }

    @Test
    void nxlog_writes_a_payload_field_named_like_a_rendering_field_twice_as_the_reference_does() throws IOException {
        // EVENT_8002 has <Data Name='Message'> and a RenderingInfo Message: serde's flattening writes both, and
        // a reader keeps the last one (the rendered message), which is what the reference's expectation holds.
        EventMetadata metadata = metadata("openwec", URI, "BABAR", "TOTO", "2024-03-14T13:54:20.331Z");
        String line = EventFormat.of(OutputFormat.Nxlog)
                .format(metadata, new ReceivedEvent(resource("nxlog/EVENT_8002.xml")));

        assertThat(topLevelFields(line).stream().filter("Message"::equals)).hasSize(2);
        assertThat(MAPPER.readTree(line).get("Message").asText()).startsWith("Trying to remove timer").contains("\r\n");
    }

    /** The top-level field names as written, duplicates included (a tree keeps only one). */
    static List<String> topLevelFields(String json) throws IOException {
        List<String> names = new ArrayList<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                names.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
        }
        return names;
    }

    static void assertOrder(String what, JsonNode object, List<String> order) {
        List<String> fields = new ArrayList<>();
        object.fieldNames().forEachRemaining(fields::add);
        assertOrder(what, fields, order);
    }

    /**
     * Fields must appear in the order of {@code order}; "*" stands for every field not listed. A name written
     * twice (a payload field named like a fixed one) is judged by its last place.
     */
    static void assertOrder(String what, List<String> fields, List<String> order) {
        int wildcard = order.indexOf("*");
        int previous = -1;
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            boolean writtenAgainLater = fields.subList(i + 1, fields.size()).contains(field);
            int position = order.contains(field) && !writtenAgainLater ? order.indexOf(field) : wildcard;
            assertThat(position).as("%s: unexpected field %s in %s", what, field, fields).isNotNegative();
            assertThat(position).as("%s: field %s is out of the reference's order %s, got %s", what, field,
                    order, fields).isGreaterThanOrEqualTo(previous);
            previous = position;
        }
    }
}
