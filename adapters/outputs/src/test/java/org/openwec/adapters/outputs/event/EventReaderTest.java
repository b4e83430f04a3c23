package org.openwec.adapters.outputs.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openwec.adapters.outputs.event.WindowsEvent.DebugData;
import org.openwec.adapters.outputs.event.WindowsEvent.ErrorType;
import org.openwec.adapters.outputs.event.WindowsEvent.EventData;
import org.openwec.adapters.outputs.event.WindowsEvent.EventSystem;
import org.openwec.adapters.outputs.event.WindowsEvent.ProcessingErrorData;
import org.openwec.adapters.outputs.event.WindowsEvent.RenderingInfo;
import org.openwec.adapters.outputs.event.WindowsEvent.UserData;

/**
 * The reference's parser tests (OpenWEC server/src/event.rs at a41b95f) on {@link EventReader}, plus the
 * corners of roxmltree's reading that the formats depend on.
 */
class EventReaderTest {

    @Test
    void event_142_system_event_data_and_rendering_info() throws IOException {
        WindowsEvent event = EventReader.read(resource("EVENT_142"));

        assertThat(event.error()).isNull();
        EventSystem system = event.system();
        assertThat(system.provider().name()).isEqualTo("Microsoft-Windows-WinRM");
        assertThat(system.provider().guid()).isEqualTo("{a7975c8f-ac13-49f1-87da-5a984a4ab417}");
        assertThat(system.eventId()).isEqualTo(142);
        assertThat(system.version()).isZero();
        assertThat(system.level()).isEqualTo(2);
        assertThat(system.task()).isEqualTo(10);
        assertThat(system.opcode()).isEqualTo(2);
        assertThat(system.keywords()).isEqualTo("0x4000000000000002");
        assertThat(system.timeCreated()).isEqualTo("2022-09-22T07:49:32.0356778Z");
        assertThat(system.eventRecordId()).isEqualTo(149161);
        assertThat(system.correlation().activityId()).isEqualTo("{8cb1229f-ce57-0000-8437-b18c57ced801}");
        assertThat(system.execution().processId()).isEqualTo(352);
        assertThat(system.execution().threadId()).isEqualTo(2468);
        assertThat(system.channel()).isEqualTo("Microsoft-Windows-WinRM/Operational");
        assertThat(system.computer()).isEqualTo("win10.windomain.local");
        assertThat(system.userId()).isEqualTo("S-1-5-18");

        EventData data = (EventData) event.payload();
        assertThat(data.named()).containsEntry("operationName", "Enumeration").containsEntry("errorCode", "2150858770");

        RenderingInfo info = event.renderingInfo();
        assertThat(info.culture()).isEqualTo("en-US");
        assertThat(info.message()).isEqualTo("WSMan operation Enumeration failed, error code 2150858770");
        assertThat(info.level()).isEqualTo("Error");
        assertThat(info.task()).isEqualTo("Response handling");
        assertThat(info.opcode()).isEqualTo("Stop");
        assertThat(info.channel()).isEqualTo("Microsoft-Windows-WinRM/Operational");
        assertThat(info.provider()).isEqualTo("Microsoft-Windows-Windows Remote Management");
        assertThat(info.keywords()).containsExactly("Client");
    }

    @Test
    void event_4624_keeps_spaces_and_backslashes_of_data_values() throws IOException {
        WindowsEvent event = EventReader.read(resource("EVENT_4624"));

        assertThat(event.error()).isNull();
        assertThat(event.system().userId()).isNull();
        assertThat(event.system().correlation().activityId()).isEqualTo("{d88ee832-cf42-0000-26e9-8ed842cfd801}");
        EventData data = (EventData) event.payload();
        assertThat(data.named()).hasSize(27)
                .containsEntry("LogonProcessName", "Advapi  ")
                .containsEntry("ProcessName", "C:\\\\Windows\\\\System32\\\\services.exe")
                .containsEntry("ElevatedToken", "%%1842");
        assertThat(data.named().keySet()).startsWith("SubjectUserSid", "SubjectUserName", "SubjectDomainName");
        assertThat(event.renderingInfo().message()).startsWith("An account was successfully logged on.\\r\\n");
        assertThat(event.renderingInfo().keywords()).containsExactly("Audit Success");
    }

    @Test
    void event_4689_parses_cleanly() throws IOException {
        assertThat(EventReader.read(resource("EVENT_4689")).error()).isNull();
    }

    @Test
    void a_cut_off_rendering_info_is_dropped_and_the_rest_recovered() throws IOException {
        String xml = resource("RAW_CONTENT_RECOVERED");

        WindowsEvent event = EventReader.read(xml);

        assertThat(event.error().type()).isEqualTo(ErrorType.RawContentRecovered);
        assertThat(event.error().originalContent()).isEqualTo(xml);
        // The reference says "Failed to parse event XML (the root node was opened but never closed) but Raw
        // content could be recovered."; the words inside the parentheses are the XML parser's own.
        assertThat(event.error().message()).startsWith("Failed to parse event XML (")
                .endsWith(") but Raw content could be recovered.");
        assertThat(event.system().provider().name()).isEqualTo("Microsoft-Windows-Security-Auditing");
        assertThat(event.system().eventId()).isEqualTo(4798);
        assertThat(event.system().execution().threadId()).isEqualTo(16952);
        assertThat(event.renderingInfo()).isNull();
        EventData data = (EventData) event.payload();
        assertThat(data.named()).containsEntry("TargetDomainName", "xxxxx_xps")
                .containsEntry("TargetSid", "S-1-5-21-1604529354-1295832394-4197355770-1001");
    }

    @Test
    void malformed_without_rendering_info_is_unrecoverable() throws IOException {
        for (String name : List.of("UNRECOVERABLE_1", "UNRECOVERABLE_2")) {
            String xml = resource(name);

            WindowsEvent event = EventReader.read(xml);

            assertThat(event.error().type()).as(name).isEqualTo(ErrorType.Unrecoverable);
            assertThat(event.error().originalContent()).isEqualTo(xml);
            assertThat(event.error().message()).startsWith("Failed to parse event XML: ");
            assertThat(event.system()).isNull();
            assertThat(event.payload()).isNull();
            assertThat(event.renderingInfo()).isNull();
        }
    }

    @Test
    void malformed_before_rendering_info_fails_to_recover() throws IOException {
        String xml = resource("FAILED_TO_RECOVER_RAW_CONTENT");

        WindowsEvent event = EventReader.read(xml);

        assertThat(event.error().type()).isEqualTo(ErrorType.FailedToRecoverRawContent);
        assertThat(event.error().originalContent()).isEqualTo(xml);
        assertThat(event.error().message()).startsWith("Failed to parse event XML (")
                .contains(") and Raw content recovering failed (").endsWith(")");
        assertThat(event.system()).isNull();
        assertThat(event.payload()).isNull();
        assertThat(event.renderingInfo()).isNull();
    }

    @Test
    void a_recovered_event_without_event_id_fails_to_feed() throws IOException {
        String xml = resource("FAILED_TO_FEED_EVENT");

        WindowsEvent event = EventReader.read(xml);

        assertThat(event.error().type()).isEqualTo(ErrorType.FailedToFeedEvent);
        assertThat(event.error().message()).isEqualTo("Could not feed event from document: Parsing failure in System");
        assertThat(event.error().originalContent()).isEqualTo(xml);
        assertThat(event.system()).isNull();
        assertThat(event.payload()).isNull();
        assertThat(event.renderingInfo()).isNull();
    }

    @Test
    void a_well_formed_event_with_an_invalid_system_keeps_what_came_before() {
        String xml = "<Event><EventData><Data>first</Data></EventData>"
                + "<System><EventID>1</EventID><Execution ProcessID='x' ThreadID='1'/><Computer>c</Computer></System>"
                + "<RenderingInfo Culture='en-US'><Message>m</Message></RenderingInfo></Event>";

        WindowsEvent event = EventReader.read(xml);

        assertThat(event.error().type()).isEqualTo(ErrorType.FailedToFeedEvent);
        assertThat(event.error().message()).isEqualTo("Could not feed event from document: Parsing failure in System");
        assertThat(((EventData) event.payload()).unnamed()).containsExactly("first");
        assertThat(event.system()).isNull();
        assertThat(event.renderingInfo()).isNull();
    }

    @Test
    void numbers_out_of_their_width_are_left_out_not_rejected() {
        WindowsEvent event = EventReader.read("<Event><System><EventID Qualifiers='70000'>+7</EventID>"
                + "<Version>256</Version><Level>-1</Level><Task>65535</Task><Opcode> 1</Opcode>"
                + "<EventRecordID>18446744073709551615</EventRecordID><Computer>c</Computer></System></Event>");

        EventSystem system = event.system();
        assertThat(event.error()).isNull();
        assertThat(system.eventId()).isEqualTo(7);
        assertThat(system.eventIdQualifiers()).isNull();
        assertThat(system.version()).isNull();
        assertThat(system.level()).isNull();
        assertThat(system.task()).isEqualTo(65535);
        assertThat(system.opcode()).isNull();
        assertThat(Long.toUnsignedString(system.eventRecordId())).isEqualTo("18446744073709551615");
    }

    @Test
    void text_is_the_first_child_only_and_empty_elements_have_none() {
        WindowsEvent event = EventReader.read("<Event><System><EventID>1</EventID><Computer>c</Computer></System>"
                + "<EventData><Data Name='a'>x<!-- note -->y</Data><Data Name='b'></Data><Data></Data>"
                + "<Data><![CDATA[c]]>d</Data><Data Name='a'>again</Data><Binary>00</Binary><Binary/></EventData>"
                + "<RenderingInfo><Task></Task><Keywords><Keyword/><Keyword>K</Keyword></Keywords></RenderingInfo>"
                + "</Event>");

        EventData data = (EventData) event.payload();
        assertThat(data.named()).containsExactly(java.util.Map.entry("a", "again"), java.util.Map.entry("b", ""));
        assertThat(data.unnamed()).containsExactly("cd");
        assertThat(data.binary()).isNull();
        assertThat(event.renderingInfo().task()).isNull();
        assertThat(event.renderingInfo().keywords()).containsExactly("K");
        assertThat(event.renderingInfo().culture()).isEmpty();
    }

    @Test
    void user_data_is_kept_verbatim_from_the_source() {
        String inner = "\r\n  <LogFileCleared xmlns='http://manifests.microsoft.com/win/2004/08/windows/eventlog'>"
                + "<SubjectUserName>a &amp; b</SubjectUserName><!-- c --></LogFileCleared>\r\n";
        WindowsEvent event = EventReader.read("<Event xmlns='e'>\r\n<System><EventID>1102</EventID>"
                + "<Computer>c</Computer></System><UserData>" + inner + "</UserData ></Event>");

        assertThat(event.payload()).isEqualTo(new UserData(inner));
        String tricky = "<X a='1>2' b=\"'\"><![CDATA[</UserData><not a tag>]]><?pi </UserData>?><Y/></X>";
        assertThat(EventReader.read("<?xml version='1.0'?><!-- <UserData> --><Event><UserData>" + tricky
                + "</UserData></Event>").payload()).isEqualTo(new UserData(tricky));
        assertThat(EventReader.read("<Event><UserData/></Event>").payload()).isEqualTo(new UserData(""));
        assertThat(EventReader.read("<Event><UserData></UserData></Event>").payload()).isEqualTo(new UserData(""));
    }

    @Test
    void debug_and_processing_error_data() {
        WindowsEvent debug = EventReader.read("<Event><DebugData><SequenceNumber>5</SequenceNumber>"
                + "<Component>comp</Component><Message>msg</Message></DebugData></Event>");
        assertThat(debug.payload()).isEqualTo(new DebugData(5L, null, null, "comp", null, null, null, "msg"));

        WindowsEvent error = EventReader.read("<Event><ProcessingErrorData><ErrorCode>15005</ErrorCode>"
                + "<DataItemName>Item</DataItemName><EventPayload>00FF</EventPayload></ProcessingErrorData></Event>");
        assertThat(error.payload()).isEqualTo(new ProcessingErrorData(15005, "Item", "00FF"));

        WindowsEvent invalid = EventReader.read("<Event><ProcessingErrorData><ErrorCode>x</ErrorCode>"
                + "</ProcessingErrorData></Event>");
        assertThat(invalid.error().message())
                .isEqualTo("Could not feed event from document: Parsing failure in ProcessingErrorData");
    }

    @Test
    void a_dtd_is_refused_so_no_entity_is_ever_expanded() {
        WindowsEvent event = EventReader.read("<!DOCTYPE Event [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<Event><System><EventID>1</EventID><Computer>&x;</Computer></System></Event>");

        assertThat(event.error().type()).isEqualTo(ErrorType.Unrecoverable);
        assertThat(event.system()).isNull();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = EventReaderTest.class.getResourceAsStream("/reference/event/" + name + ".xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
