package org.openwec.benchmarks.load;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bodies a simulated machine posts, shaped like the Windows captures of OpenWEC doc/protocol.md (the Enumerate
 * and Heartbeat headers, docs/reference/server.md §0): UTF-16LE after the byte order mark FF FE, not compressed.
 * Events carry realistic Security 4624 (logon) events, about 1,200 characters of XML each, and the bookmark of the last
 * one, whose RecordId grows with every batch.
 */
final class Envelopes {
    static final String ENUMERATE_PATH = "/wsman/SubscriptionManager/WEC";
    static final String CONTENT_TYPE = "application/soap+xml;charset=UTF-16";

    private static final String NAMESPACES = " xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
            + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
            + " xmlns:e=\"http://schemas.xmlsoap.org/ws/2004/08/eventing\""
            + " xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\""
            + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\""
            + " xmlns:p=\"http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd\"";
    private static final String REPLY_TO = "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">"
            + "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>";
    private static final String LOCALES = "<w:Locale xml:lang=\"en-US\" s:mustUnderstand=\"false\" />"
            + "<p:DataLocale xml:lang=\"en-US\" s:mustUnderstand=\"false\" />";

    private static final Pattern IDENTIFIER = Pattern.compile("<e:Identifier>([^<]+)</e:Identifier>");
    private static final Pattern VERSION = Pattern.compile("<Version>([^<]+)</Version>");

    /** What a machine learnt from the EnumerateResponse: where to send its events, and the version to name. */
    record Subscribed(String identifier, String version) {
        String path() {
            return "/wsman/subscriptions/" + identifier;
        }
    }

    private final String machine;
    private final String host;
    private final String sessionId;
    private final long messageIdHigh;
    private long messages;
    /** The parts of an Events or Heartbeat message that do not change between messages. */
    private String subscriptionHeader;
    private final String user;

    /** @param host the collector's host and port as the machine's a:To names them */
    Envelopes(String machine, int index, String host) {
        this.machine = machine;
        this.host = host;
        this.messageIdHigh = 0x10AD_0000_0000_0000L | index;
        this.sessionId = messageId();
        this.user = "user" + (index % 97);
    }

    /** The Enumerate as the capture has it (its MachineID is this machine). */
    byte[] enumerate() {
        String xml = "<s:Envelope" + NAMESPACES + "><s:Header><a:To>http://" + host + ENUMERATE_PATH + "</a:To>"
                + "<w:ResourceURI s:mustUnderstand=\"true\">"
                + "http://schemas.microsoft.com/wbem/wsman/1/SubscriptionManager/Subscription</w:ResourceURI>"
                + machineId() + REPLY_TO
                + "<a:Action s:mustUnderstand=\"true\">http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate</a:Action>"
                + "<w:MaxEnvelopeSize s:mustUnderstand=\"true\">512000</w:MaxEnvelopeSize>"
                + "<a:MessageID>" + messageId() + "</a:MessageID>" + LOCALES
                + "<p:SessionId s:mustUnderstand=\"false\">" + sessionId + "</p:SessionId>"
                + "<p:OperationID s:mustUnderstand=\"false\">" + messageId() + "</p:OperationID>"
                + "<p:SequenceId s:mustUnderstand=\"false\">1</p:SequenceId>"
                + "<w:OperationTimeout>PT60.000S</w:OperationTimeout></s:Header>"
                + "<s:Body><n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>32000</w:MaxElements></n:Enumerate>"
                + "</s:Body></s:Envelope>";
        return utf16(xml);
    }

    /**
     * Reads the first subscription of an EnumerateResponse: its e:Identifier and its Version reference
     * parameter, which the machine echoes as headers.
     *
     * @throws IllegalStateException when the answer offers no subscription
     */
    Subscribed subscribe(String enumerateResponse) {
        Matcher identifier = IDENTIFIER.matcher(enumerateResponse);
        Matcher version = VERSION.matcher(enumerateResponse);
        if (!identifier.find() || !version.find()) {
            throw new IllegalStateException("The EnumerateResponse to " + machine + " offers no subscription");
        }
        Subscribed subscribed = new Subscribed(identifier.group(1), version.group(1));
        subscriptionHeader = "<e:Identifier xmlns:e=\"http://schemas.xmlsoap.org/ws/2004/08/eventing\">"
                + subscribed.identifier() + "</e:Identifier><Version>" + subscribed.version() + "</Version>";
        return subscribed;
    }

    /**
     * An Events message of {@code count} events whose record ids follow {@code lastRecordId - count}, and the
     * bookmark of the last one.
     */
    byte[] events(Subscribed subscription, long lastRecordId, int count, Instant now) {
        StringBuilder xml = new StringBuilder(1_600 * count + 2_000);
        head(xml, subscription, "http://schemas.dmtf.org/wbem/wsman/1/wsman/Events");
        xml.append("<w:Bookmark><BookmarkList><Bookmark Channel=\"Security\" RecordId=\"").append(lastRecordId)
                .append("\" IsCurrent=\"true\"/></BookmarkList></w:Bookmark><w:AckRequested/></s:Header><s:Body><w:Events>");
        String time = now.toString();
        for (long id = lastRecordId - count + 1; id <= lastRecordId; id++) {
            xml.append("<w:Event Action=\"http://schemas.dmtf.org/wbem/wsman/1/wsman/Event\"><![CDATA[");
            SecurityEvent.logon(xml, machine, user, id, time);
            xml.append("]]></w:Event>");
        }
        xml.append("</w:Events></s:Body></s:Envelope>");
        return utf16(xml);
    }

    /** An Events body of a typical machine and subscription, to tell its size. */
    static byte[] sampleEventsBody(int count) {
        Envelopes sample = new Envelopes("wks00000.load.test", 0, "localhost:5986");
        Subscribed subscription = sample.subscribe("<e:Identifier>A1B2C3D4-0000-4000-8000-00000000CAFE</e:Identifier>"
                + "<Version>E5F6A7B8-0000-4000-8000-00000000BEEF</Version>");
        return sample.events(subscription, 1_000_000, count, Instant.now());
    }

    /** A Heartbeat, as the capture has it. */
    byte[] heartbeat(Subscribed subscription) {
        StringBuilder xml = new StringBuilder(2_000);
        head(xml, subscription, "http://schemas.dmtf.org/wbem/wsman/1/wsman/Heartbeat");
        xml.append("<w:AckRequested/></s:Header><s:Body><w:Events></w:Events></s:Body></s:Envelope>");
        return utf16(xml.toString());
    }

    private void head(StringBuilder xml, Subscribed subscription, String action) {
        xml.append("<s:Envelope").append(NAMESPACES).append("><s:Header><a:To>http://").append(host)
                .append(subscription.path()).append("/1</a:To>").append(machineId()).append(REPLY_TO)
                .append("<a:Action s:mustUnderstand=\"true\">").append(action).append("</a:Action>")
                .append("<w:MaxEnvelopeSize s:mustUnderstand=\"true\">512000</w:MaxEnvelopeSize><a:MessageID>")
                .append(messageId()).append("</a:MessageID>").append(LOCALES)
                .append("<p:SessionId s:mustUnderstand=\"false\">").append(sessionId).append("</p:SessionId>")
                .append("<p:OperationID s:mustUnderstand=\"false\">").append(messageId()).append("</p:OperationID>")
                .append("<p:SequenceId s:mustUnderstand=\"false\">1</p:SequenceId>")
                .append("<w:OperationTimeout>PT60.000S</w:OperationTimeout>").append(subscriptionHeader);
    }

    private String machineId() {
        return "<m:MachineID xmlns:m=\"http://schemas.microsoft.com/wbem/wsman/1/machineid\" s:mustUnderstand=\"false\">"
                + machine + "</m:MachineID>";
    }

    /** Unique per message (machine, counter) without a SecureRandom call each time. */
    private String messageId() {
        return "uuid:" + new UUID(messageIdHigh, ++messages).toString().toUpperCase(Locale.ROOT);
    }

    /**
     * UTF-16LE after the byte order mark, char by char into the body: the JDK's encoder (String.getBytes) took a
     * third of the generator's CPU, which shares the machine with the collector.
     */
    static byte[] utf16(CharSequence text) {
        int length = text.length();
        byte[] body = new byte[2 + 2 * length];
        body[0] = (byte) 0xFF;
        body[1] = (byte) 0xFE;
        for (int i = 0, j = 2; i < length; i++, j += 2) {
            char c = text.charAt(i);
            body[j] = (byte) c;
            body[j + 1] = (byte) (c >>> 8);
        }
        return body;
    }

    /**
     * A successful network logon (4624) as Windows renders it in Raw format, its System part whole and the main
     * fields of its EventData (the rarely used ones left out to stay near 1 KB): about 1,200 characters.
     */
    static final class SecurityEvent {
        private SecurityEvent() {}

        static void logon(StringBuilder xml, String computer, String user, long recordId, String time) {
            xml.append("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
                    + "<Provider Name='Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-a5ba-3e3b0328c30d}'/>"
                    + "<EventID>4624</EventID><Version>2</Version><Level>0</Level><Task>12544</Task><Opcode>0</Opcode>"
                    + "<Keywords>0x8020000000000000</Keywords><TimeCreated SystemTime='").append(time)
                    .append("'/><EventRecordID>").append(recordId)
                    .append("</EventRecordID><Correlation ActivityID='{0D8B4D2C-6B3E-0001-5C4E-8B0D3E6BDA01}'/>"
                            + "<Execution ProcessID='668' ThreadID='7884'/><Channel>Security</Channel><Computer>")
                    .append(computer).append("</Computer><Security/></System><EventData>"
                            + "<Data Name='SubjectUserSid'>S-1-0-0</Data><Data Name='SubjectUserName'>-</Data>"
                            + "<Data Name='SubjectDomainName'>-</Data><Data Name='SubjectLogonId'>0x0</Data>"
                            + "<Data Name='TargetUserSid'>S-1-5-21-3623811015-3361044348-30300820-1013</Data>"
                            + "<Data Name='TargetUserName'>").append(user)
                    .append("</Data><Data Name='TargetDomainName'>LOAD</Data><Data Name='TargetLogonId'>0x")
                    .append(Long.toHexString(0x3E7000L + recordId))
                    .append("</Data><Data Name='LogonType'>3</Data><Data Name='LogonProcessName'>NtLmSsp </Data>"
                            + "<Data Name='AuthenticationPackageName'>NTLM</Data><Data Name='WorkstationName'>WKS-7</Data>"
                            + "<Data Name='IpAddress'>10.0.3.17</Data><Data Name='IpPort'>").append(49152 + recordId % 16384)
                    .append("</Data></EventData></Event>");
        }
    }
}
