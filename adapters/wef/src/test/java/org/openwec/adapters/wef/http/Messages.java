package org.openwec.adapters.wef.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import org.openwec.adapters.wef.BodyText;

/**
 * Request bodies for the tests, from the captures of a real Windows exchange in {@code src/test/resources/captures}
 * (see the README there). Events messages are built on the Heartbeat's header, as Windows sends them.
 */
final class Messages {

    /** The subscription the Heartbeat capture is for. */
    static final UUID HEARTBEAT_SUBSCRIPTION = UUID.fromString("219c5353-5f3d-4cd7-a644-f6b69e57c1c1");
    /** The Enumerate capture's MachineID, also the Heartbeat's. */
    static final String MACHINE_ID = "win10.windomain.local";
    /** The path the Enumerate capture was posted to (its a:To). */
    static final String ENUMERATE_PATH = "/wsman/SubscriptionManager/WEC";
    static final String HEARTBEAT_PATH = "/wsman/subscriptions/" + HEARTBEAT_SUBSCRIPTION.toString().toUpperCase();

    static final String BOOKMARK = "<BookmarkList><Bookmark Channel=\"Security\" RecordId=\"7\" IsCurrent=\"true\"/></BookmarkList>";
    static final String EVENT_1 = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
            + "<EventID>4624</EventID><Computer>win10.windomain.local</Computer></System></Event>";
    static final String EVENT_2 = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
            + "<EventID>4688</EventID></System><EventData><Data>é ü 日本 \uD83D\uDE00</Data></EventData></Event>";

    private Messages() {}

    /** The Enumerate body as Windows sent it: UTF-16LE with a byte order mark. */
    static byte[] enumerateCapture() {
        return hex("enumerate-request.utf16le.hex");
    }

    static String enumerate() {
        return BodyText.decode(enumerateCapture()).text();
    }

    /** The Heartbeat body as Windows sent it, SLDC-compressed. */
    static byte[] heartbeatSldc() {
        return hex("heartbeat.sldc.hex");
    }

    static String heartbeat() {
        return xml("heartbeat.xml");
    }

    static String end() {
        return xml("end.xml");
    }

    static String subscriptionEnd() {
        return xml("subscription-end.xml");
    }

    /** An Events message for the Heartbeat's subscription. @param version null for none */
    static String events(String version, String bookmark, String... events) {
        StringBuilder body = new StringBuilder("<w:Events>");
        for (String event : events) {
            body.append("<w:Event Action=\"http://schemas.dmtf.org/wbem/wsman/1/wsman/Event\"><![CDATA[")
                    .append(event).append("]]></w:Event>");
        }
        body.append("</w:Events>");
        String parameters = (version == null ? "" : "<Version>" + version + "</Version>")
                + (bookmark == null ? "" : "<w:Bookmark>" + bookmark + "</w:Bookmark>");
        return heartbeat().replace("wsman/Heartbeat</a:Action>", "wsman/Events</a:Action>")
                .replace("</e:Identifier>", "</e:Identifier>" + parameters)
                .replace("<w:Events></w:Events>", body);
    }

    /** As Windows sends: the byte order mark FF FE, then UTF-16LE. */
    static byte[] utf16(String text) {
        return BodyText.encode(text);
    }

    static byte[] utf16WithoutBom(String text) {
        return text.getBytes(StandardCharsets.UTF_16LE);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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

    private static String xml(String name) {
        return text(name).stripTrailing();
    }

    private static byte[] hex(String name) {
        return HexFormat.of().parseHex(text(name).strip());
    }
}
