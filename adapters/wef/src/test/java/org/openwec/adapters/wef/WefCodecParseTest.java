package org.openwec.adapters.wef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.adapters.wef.BodyTextTest.bytes;
import static org.openwec.adapters.wef.BodyTextTest.concat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openwec.adapters.wef.WefMessageException.Reason;
import org.openwec.core.model.EventsBatch;

class WefCodecParseTest {

    private static final int LIMIT = 512_000;
    private static final UUID SUBSCRIPTION = UUID.fromString("219c5353-5f3d-4cd7-a644-f6b69e57c1c1");
    private static final String HEARTBEAT = Captures.xml("heartbeat.xml");
    private static final String BOOKMARK =
            "<BookmarkList><Bookmark Channel=\"Microsoft-Windows-WinRM/Operational\" RecordId=\"149161\" IsCurrent=\"true\"/></BookmarkList>";
    private static final String EVENT_1 = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
            + "<Provider Name='Microsoft-Windows-WinRM'/><EventID>254</EventID></System><EventData></EventData></Event>";
    private static final String EVENT_2 = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
            + "<EventID>161</EventID></System><EventData><Data Name='x'>a &amp; b</Data></EventData></Event>";

    private final WefCodec codec = new WefCodec();

    @Test
    void the_captured_enumerate_request_gives_every_header_the_collector_needs() {
        WefMessage message = codec.parse(Captures.hex("enumerate-request.utf16le.hex"), null, LIMIT);

        assertThat(message.action()).isEqualTo(WefAction.ENUMERATE);
        assertThat(message.events()).isEmpty();
        WefHeader header = message.header();
        assertThat(header.messageId()).isEqualTo("uuid:E9802257-6A7D-4C0D-BFA4-E81C7B1C447E");
        assertThat(header.to()).isEqualTo("http://srv.windomain.local:5985/wsman/SubscriptionManager/WEC");
        assertThat(header.toHost()).contains("srv.windomain.local");
        assertThat(header.replyTo()).isEqualTo("http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous");
        assertThat(header.replyToOrAnonymous()).isEqualTo(header.replyTo());
        assertThat(header.resourceUri()).isEqualTo("http://schemas.microsoft.com/wbem/wsman/1/SubscriptionManager/Subscription");
        assertThat(header.machineId()).isEqualTo("win10.windomain.local");
        assertThat(header.operationId()).isEqualTo("uuid:03A3D1BB-9B16-4847-9F04-C9A8ED38E1E4");
        assertThat(header.subscription()).isNull();
        assertThat(header.version()).isNull();
        assertThat(header.revision()).isNull();
        assertThat(header.bookmark()).isNull();
        assertThat(header.ackRequested()).isFalse();
    }

    @Test
    void the_captured_sldc_heartbeat_names_its_subscription() {
        WefMessage message = codec.parse(Captures.hex("heartbeat.sldc.hex"), "SLDC", LIMIT);

        assertThat(message.action()).isEqualTo(WefAction.HEARTBEAT);
        assertThat(message.subscription()).isEqualTo(SUBSCRIPTION);
        assertThat(message.events()).isEmpty();
        WefHeader header = message.header();
        assertThat(header.messageId()).isEqualTo("uuid:EEC04F74-A27D-4C3A-AEF5-BC5BF54359BA");
        assertThat(header.to()).isEqualTo("http://srv.windomain.local:5985/wsman/subscriptions/B6BDBB59-FB07-4EE5-841F-EBEC9D67CDD4/1");
        assertThat(header.machineId()).isEqualTo("win10.windomain.local");
        assertThat(header.operationId()).isEqualTo("uuid:EA2EE566-2CC1-49A0-A726-BCE7DC356E22");
        assertThat(header.ackRequested()).isTrue();
        assertThat(header.version()).isNull();
    }

    @Test
    void an_events_message_gives_its_events_in_order_and_its_bookmark_as_written() {
        String body = events(HEARTBEAT, "<Version>6A1F0C2C-5BB7-4A21-6A1F-0C2C5BB74A21</Version><Revision>r7</Revision>",
                "<w:Bookmark>" + BOOKMARK + "</w:Bookmark>", EVENT_1, EVENT_2);
        byte[] compressed = SldcWriter.scheme2Record(BodyText.encode(body));

        WefMessage message = codec.parse(compressed, "SLDC", LIMIT);

        assertThat(message.action()).isEqualTo(WefAction.EVENTS);
        assertThat(message.events()).containsExactly(EVENT_1, EVENT_2);
        assertThat(message.header().bookmark()).isEqualTo(BOOKMARK);
        EventsBatch batch = message.eventsBatch("WIN10$@WINDOMAIN.LOCAL", "192.168.58.100", Instant.EPOCH);
        assertThat(batch).isEqualTo(new EventsBatch("WIN10$@WINDOMAIN.LOCAL", "win10.windomain.local", "192.168.58.100",
                SUBSCRIPTION, "6A1F0C2C-5BB7-4A21-6A1F-0C2C5BB74A21", "r7", List.of(EVENT_1, EVENT_2), BOOKMARK,
                Instant.EPOCH));
    }

    @Test
    void the_bookmark_keeps_its_spelling_whatever_precedes_it() {
        String spelled = "<BookmarkList>\r\n\t<Bookmark  Channel='Security' RecordId=\"72207\"\tIsCurrent='true' />"
                + "<Bookmark Channel=\"Application\" RecordId=\"1\"></Bookmark><!-- kept --></BookmarkList>";
        // A long run of text with line ends, references and non-BMP characters before it, so that the reader
        // refills its buffer several times before the bookmark.
        String padding = "x &amp; &#x10437; \uD834\uDD1E é\r\n".repeat(20_000);
        String body = events(HEARTBEAT.replace("<p:SessionId", "<p:Padding>" + padding + "</p:Padding><p:SessionId"),
                "<Version>V</Version>", "<w:Bookmark>\r\n  " + spelled + "\n  <Ignored/></w:Bookmark>", EVENT_1);

        WefMessage message = codec.parse(BodyText.encode(body), null, 4 * LIMIT);

        assertThat(message.header().bookmark()).isEqualTo(spelled);
        assertThat(message.events()).containsExactly(EVENT_1);
    }

    @Test
    void characters_xml_forbids_are_written_as_literal_escapes_as_openwec_does() {
        String event = "<Event><Data>WinRM \u0005 and \u001F and \uFFFE</Data></Event>";
        String body = events(HEARTBEAT, "<Version>V</Version>", "", event);

        WefMessage message = codec.parse(BodyText.encode(body), null, LIMIT);

        assertThat(message.events()).containsExactly("<Event><Data>WinRM \\u{5} and \\u{1f} and \\u{fffe}</Data></Event>");
    }

    @Test
    void indentation_around_events_is_not_an_event() {
        String body = HEARTBEAT.replace("Heartbeat</a:Action>", "Events</a:Action>")
                .replace("<w:Events></w:Events>", "\n\t<w:Events>\n\t\t<w:Event Action=\"a\">\n\t\t\t<![CDATA[" + EVENT_1
                        + "]]>\n\t\t</w:Event>\n\t\t<!-- not an event -->\n\t\t<w:Event><![CDATA[" + EVENT_2
                        + "]]></w:Event>\n\t</w:Events>\n");

        WefMessage message = codec.parse(body.getBytes(StandardCharsets.UTF_8), null, LIMIT);

        assertThat(message.events()).containsExactly("\n\t\t\t" + EVENT_1 + "\n\t\t", EVENT_2);
    }

    @Test
    void a_large_event_arrives_whole() {
        String event = "<Event><Data>" + "0123456789abcdef".repeat(40_000) + "</Data></Event>";
        String body = events(HEARTBEAT, "<Version>V</Version>", "", event, EVENT_1);

        WefMessage message = codec.parse(BodyText.encode(body), null, 4 * LIMIT);

        assertThat(message.events()).containsExactly(event, EVENT_1);
    }

    @Test
    void the_identifier_is_read_in_any_case_and_with_the_whitespace_of_pretty_printed_captures() {
        WefMessage end = codec.parse(Captures.xml("subscription-end.xml").getBytes(StandardCharsets.UTF_8), null, LIMIT);
        String lower = HEARTBEAT.replace("219C5353-5F3D-4CD7-A644-F6B69E57C1C1", "219c5353-5f3d-4cd7-a644-f6b69e57c1c1");

        assertThat(end.action()).isEqualTo(WefAction.SUBSCRIPTION_END);
        assertThat(end.subscription()).isEqualTo(UUID.fromString("0C98CAE1-EDA4-4C92-82D9-A8A20EB518D2"));
        assertThat(end.header().machineId()).isEqualTo("win10.windomain.local\n        "); // kept as sent, like OpenWEC
        assertThat(codec.parse(BodyText.encode(lower), null, LIMIT).subscription()).isEqualTo(SUBSCRIPTION);
    }

    @Test
    void an_end_labelled_sldc_but_not_compressed_is_read_as_it_is() {
        byte[] body = BodyText.encode(Captures.xml("end.xml"));

        WefMessage message = codec.parse(body, "SLDC", LIMIT);

        assertThat(message.action()).isEqualTo(WefAction.END);
        assertThat(message.header().messageId()).isEqualTo("uuid:3244F96B-8ECA-4A06-90DE-8A1DED23AB1F");
        assertThat(message.header().replyTo()).isNull();
        assertThat(message.header().replyToOrAnonymous()).isEqualTo("http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous");
    }

    @Test
    void events_and_heartbeats_without_what_the_collector_needs_are_refused_with_400() {
        WefMessage noIdentifier = codec.parse(BodyText.encode(events(
                HEARTBEAT.replaceAll("<e:Identifier .*</e:Identifier>", ""), "<Version>V</Version>", "", EVENT_1)), null, LIMIT);
        WefMessage noVersion = codec.parse(BodyText.encode(events(HEARTBEAT, "", "", EVENT_1)), null, LIMIT);

        assertRefused(noIdentifier::subscription, Reason.MISSING_IDENTIFIER, 400, "The EVENTS message names no subscription");
        assertRefused(() -> noIdentifier.eventsBatch("m", "ip", Instant.EPOCH), Reason.MISSING_IDENTIFIER, 400, "no e:Identifier");
        assertRefused(() -> noVersion.eventsBatch("m", "ip", Instant.EPOCH), Reason.MISSING_VERSION, 400,
                "The Events message for subscription 219c5353-5f3d-4cd7-a644-f6b69e57c1c1 has no Version");
        assertThat(noVersion.subscription()).isEqualTo(SUBSCRIPTION);
        assertThat(noVersion.header().bookmark()).isNull();
    }

    @Test
    void malformed_events_bodies_are_refused() {
        String events = events(HEARTBEAT, "<Version>V</Version>", "", EVENT_1);
        assertParseRefused(events.replace("<![CDATA[" + EVENT_1 + "]]>", ""), Reason.MALFORMED_EVENTS,
                "Event 1 of 1 in the Events message is empty");
        assertParseRefused(events.replaceAll("<s:Body>.*</s:Body>", ""), Reason.MALFORMED_EVENTS, "has no s:Body");
        assertParseRefused(events.replaceAll("<s:Body>.*</s:Body>", "<s:Body></s:Body>"), Reason.MALFORMED_EVENTS, "holds no w:Events");
    }

    @Test
    void envelopes_without_action_or_message_id_or_with_an_unknown_action_are_refused() {
        assertParseRefused(HEARTBEAT.replaceAll("<a:Action .*</a:Action>", ""), Reason.MISSING_ACTION, "The SOAP header has no a:Action");
        assertParseRefused(HEARTBEAT.replaceAll("<a:MessageID>.*</a:MessageID>", ""), Reason.MISSING_MESSAGE_ID,
                "The HEARTBEAT message has no a:MessageID");
        assertParseRefused(HEARTBEAT.replace("<a:MessageID>uuid:EEC04F74-A27D-4C3A-AEF5-BC5BF54359BA</a:MessageID>",
                "<a:MessageID></a:MessageID>"), Reason.MISSING_MESSAGE_ID, "no a:MessageID");
        assertParseRefused(HEARTBEAT.replace("http://schemas.dmtf.org/wbem/wsman/1/wsman/Heartbeat",
                "http://schemas.xmlsoap.org/ws/2004/08/eventing/Subscribe"), Reason.UNKNOWN_ACTION,
                "The action http://schemas.xmlsoap.org/ws/2004/08/eventing/Subscribe is not one a collector serves");
        assertParseRefused(HEARTBEAT.replace("wsman/Heartbeat", "wsman/heartbeat"), Reason.UNKNOWN_ACTION, "wsman/heartbeat");
        assertParseRefused(HEARTBEAT.replace("219C5353-5F3D-4CD7-A644-F6B69E57C1C1", "not-a-uuid"), Reason.MALFORMED_IDENTIFIER,
                "The e:Identifier of the HEARTBEAT message is not a UUID: 'not-a-uuid'");
    }

    @Test
    void what_is_not_a_soap_envelope_is_refused() {
        assertParseRefused("<Envelope/>", Reason.NOT_SOAP, "its root element is Envelope");
        assertParseRefused(HEARTBEAT.replace("http://www.w3.org/2003/05/soap-envelope", "http://schemas.xmlsoap.org/soap/envelope/"),
                Reason.NOT_SOAP, "its root element is {http://schemas.xmlsoap.org/soap/envelope/}Envelope");
        assertParseRefused(HEARTBEAT.replaceAll("<s:Header>.*</s:Header>", ""), Reason.NOT_SOAP, "The SOAP envelope has no s:Header");
    }

    @Test
    void malformed_xml_is_refused_on_one_line() {
        for (String broken : List.of(HEARTBEAT.substring(0, HEARTBEAT.length() - 5), HEARTBEAT + "<more/>",
                HEARTBEAT.replace("</a:To>", "</a:Too>"), "not xml at all",
                HEARTBEAT.replace("<s:Body>", "<s:Body>&undeclared;"))) {
            assertParseRefused(broken, Reason.MALFORMED_XML, "The request body cannot be read as XML: ");
        }
    }

    @Test
    void dtds_are_refused_so_that_no_entity_is_ever_expanded() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>"
                + HEARTBEAT.replace("win10.windomain.local</m:MachineID>", "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;</m:MachineID>");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + HEARTBEAT.replace("win10.windomain.local</m:MachineID>", "&x;</m:MachineID>");
        String externalDtd = "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope SYSTEM \"http://127.0.0.1:1/evil.dtd\">" + HEARTBEAT;

        for (String hostile : List.of(laughs, xxe, externalDtd)) {
            assertParseRefused(hostile, Reason.MALFORMED_XML, "The request body carries a DTD, which SOAP messages must not; it was not read");
        }
    }

    @Test
    void absurdly_deep_nesting_is_refused() {
        String deep = "<x>".repeat(5_000) + "</x>".repeat(5_000);
        assertParseRefused(HEARTBEAT.replace("<w:AckRequested/>", deep), Reason.MALFORMED_XML, "jdk.xml.maxElementDepth");
    }

    @Test
    void content_encodings_and_sizes_are_checked_before_reading() {
        byte[] heartbeat = Captures.hex("heartbeat.sldc.hex");
        byte[] clear = BodyText.encode(HEARTBEAT);

        assertRefused(() -> codec.parse(heartbeat, "gzip", LIMIT), Reason.UNSUPPORTED_CONTENT_ENCODING, 400,
                "Content-Encoding gzip is not supported: only SLDC is");
        assertRefused(() -> codec.parse(heartbeat, "SLDC", 3000), Reason.TOO_LARGE, 400, "more than 3000 bytes");
        assertRefused(() -> codec.parse(clear, null, clear.length - 1), Reason.TOO_LARGE, 400,
                "The request body holds " + clear.length + " bytes, more than the " + (clear.length - 1) + " allowed");
        assertRefused(() -> codec.parse(new byte[0], "SLDC", LIMIT), Reason.EMPTY_BODY, 200, "The request body is empty");
        assertThat(codec.parse(heartbeat, "sldc", LIMIT).action()).isEqualTo(WefAction.HEARTBEAT);
        assertThat(codec.parse(clear, "", LIMIT).action()).isEqualTo(WefAction.HEARTBEAT);
        assertThat(codec.parse(clear, null, clear.length).action()).isEqualTo(WefAction.HEARTBEAT);
    }

    @Test
    void a_corrupt_sldc_body_that_is_not_xml_either_is_refused_as_unreadable_or_malformed() {
        byte[] body = concat(bytes(0xFF, 0xAB), "garbage".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> codec.parse(body, "SLDC", LIMIT)).isInstanceOfSatisfying(WefMessageException.class,
                e -> assertThat(e.reason()).isIn(Reason.UNREADABLE_TEXT, Reason.MALFORMED_XML));
    }

    /**
     * The Heartbeat capture turned into an Events message, the way Windows sends one: same header, the
     * reference parameters echoed after {@code e:Identifier}, a bookmark, the events in CDATA.
     */
    static String events(String heartbeat, String referenceParameters, String bookmark, String... events) {
        StringBuilder body = new StringBuilder("<w:Events>");
        for (String event : events) {
            body.append("<w:Event Action=\"http://schemas.dmtf.org/wbem/wsman/1/wsman/Event\"><![CDATA[")
                    .append(event).append("]]></w:Event>");
        }
        body.append("</w:Events>");
        return heartbeat.replace("wsman/Heartbeat</a:Action>", "wsman/Events</a:Action>")
                .replace("</e:Identifier>", "</e:Identifier>" + referenceParameters + bookmark)
                .replace("<w:Events></w:Events>", body);
    }

    private void assertParseRefused(String body, Reason reason, String message) {
        assertRefused(() -> codec.parse(BodyText.encode(body), null, 4 * LIMIT), reason, reason.status, message);
    }

    private static void assertRefused(Runnable action, Reason reason, int status, String message) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(WefMessageException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).contains(message).doesNotContain("\n");
        });
    }
}
