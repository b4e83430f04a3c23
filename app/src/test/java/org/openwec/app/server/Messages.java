package org.openwec.app.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Request bodies shaped like the reference's captures (src/test/resources/captures): the Enumerate and the
 * SLDC-compressed Heartbeat as Windows sent them, and Events, Heartbeat and End messages built on the captured
 * Heartbeat's header for any subscription.
 */
final class Messages {
    /** The subscription the captured Heartbeat is for. */
    static final String CAPTURED_SUBSCRIPTION = "219C5353-5F3D-4CD7-A644-F6B69E57C1C1";
    /** The captured Enumerate's MachineID. */
    static final String MACHINE_ID = "win10.windomain.local";
    /** Where the captured Enumerate was posted (its a:To). */
    static final String ENUMERATE_PATH = "/wsman/SubscriptionManager/WEC";

    private Messages() {}

    static String subscriptionPath(String subscription) {
        return "/wsman/subscriptions/" + subscription;
    }

    /** The Enumerate body as Windows sent it: UTF-16LE with a byte order mark. */
    static byte[] enumerate() {
        return HexFormat.of().parseHex(text("enumerate-request.utf16le.hex").strip());
    }

    /** The captured Heartbeat, SLDC-compressed, for {@link #CAPTURED_SUBSCRIPTION}. */
    static byte[] capturedHeartbeatSldc() {
        return HexFormat.of().parseHex(text("heartbeat.sldc.hex").strip());
    }

    static String heartbeat(String subscription) {
        return text("heartbeat.xml").strip().replace(CAPTURED_SUBSCRIPTION, subscription);
    }

    /** An Events message: the Heartbeat's header with the Events action, Version and Bookmark. */
    static String events(String subscription, String version, String bookmark, String... events) {
        StringBuilder body = new StringBuilder("<w:Events>");
        for (String event : events) {
            body.append("<w:Event Action=\"http://schemas.dmtf.org/wbem/wsman/1/wsman/Event\"><![CDATA[")
                    .append(event).append("]]></w:Event>");
        }
        body.append("</w:Events>");
        String parameters = (version == null ? "" : "<Version>" + version + "</Version>")
                + (bookmark == null ? "" : "<w:Bookmark>" + bookmark + "</w:Bookmark>");
        return heartbeat(subscription).replace("wsman/Heartbeat</a:Action>", "wsman/Events</a:Action>")
                .replace("</e:Identifier>", "</e:Identifier>" + parameters)
                .replace("<w:Events></w:Events>", body);
    }

    /** The End a machine posts to a subscription's address when it leaves it (no Identifier in it). */
    static String end() {
        return text("end.xml").strip();
    }

    static String bookmark(long recordId) {
        return "<BookmarkList><Bookmark Channel=\"Security\" RecordId=\"" + recordId + "\" IsCurrent=\"true\"/>"
                + "</BookmarkList>";
    }

    /** A Security event as Windows renders it in Raw format. */
    static String event(int eventId, long recordId) {
        return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
                + "<Provider Name='Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-a5ba-3e3b0328c30d}'/>"
                + "<EventID>" + eventId + "</EventID><Version>2</Version><Level>0</Level><Task>12544</Task>"
                + "<Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords>"
                + "<TimeCreated SystemTime='2026-11-30T12:00:00.0000000Z'/><EventRecordID>" + recordId
                + "</EventRecordID><Correlation/><Execution ProcessID='4' ThreadID='8'/><Channel>Security</Channel>"
                + "<Computer>win10.windomain.local</Computer><Security/></System><EventData>"
                + "<Data Name='TargetUserName'>alice</Data><Data Name='LogonType'>3</Data></EventData></Event>";
    }

    private static String text(String name) {
        try (InputStream in = Messages.class.getResourceAsStream("/captures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No capture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
