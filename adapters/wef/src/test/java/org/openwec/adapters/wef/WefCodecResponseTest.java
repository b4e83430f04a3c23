package org.openwec.adapters.wef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.ContentFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.port.in.EnumerateSubscriptions.Offer;

class WefCodecResponseTest {

    private static final UUID WINDOWS_SUBSCRIPTION = UUID.fromString("B6BDBB59-FB07-4EE5-841F-EBEC9D67CDD4");
    private static final String QUERY = """
            <QueryList>
                <Query Id="0">
                    <Select Path="Microsoft-Windows-WinRM/Operational">*[System[(Level=1  or Level=2 or Level=3 or Level=4 or Level=0 or Level=5)]]</Select>
                </Query>
            </QueryList>""";
    private static final String BOOKMARK = "<BookmarkList><Bookmark Channel=\"Microsoft-Windows-WinRM/Operational\" "
            + "RecordId=\"149140\" IsCurrent=\"true\"/></BookmarkList>";
    private static final String ENUMERATE_RESPONSE = "/s:Envelope/s:Body/n:EnumerateResponse";
    private static final String SUBSCRIBE = ENUMERATE_RESPONSE + "/w:Items/m:Subscription/s:Envelope";
    private static final String DELIVERY = SUBSCRIBE + "/s:Body/e:Subscribe/e:Delivery";
    /** Fresh IDs differ from run to run and from Windows': compared as a placeholder. */
    private static final UnaryOperator<String> MASK_IDS = line -> line.matches(".*/(a:MessageID|p:OperationID)( \\[.*])? = uuid:.*")
            ? line.replaceAll("uuid:[0-9A-F-]{36}$", "uuid:*") : line;

    private final AtomicLong ids = new AtomicLong();
    private final WefCodec codec = new WefCodec(() -> new UUID(0, ids.incrementAndGet()));
    private final WefMessage enumerate = codec.parse(Captures.hex("enumerate-request.utf16le.hex"), null, 512_000);
    private final WefMessage heartbeat = codec.parse(Captures.hex("heartbeat.sldc.hex"), "SLDC", 512_000);

    /**
     * The subscription of the capture, as OpenWEC would hold it: same name, query, format, locales and
     * defaults. Its UUID is the one in the capture's delivery URL.
     */
    private static Subscription captured() {
        SubscriptionParameters parameters = SubscriptionParameters.defaults("Toto", QUERY)
                .withContentFormat(ContentFormat.RenderedText).withLocale("en-US").withDataLocale("en-US");
        return new Subscription(WINDOWS_SUBSCRIPTION, UUID.randomUUID(), null, null, true, parameters, null, List.of());
    }

    @Test
    void the_enumerate_response_differs_from_the_windows_collectors_only_where_openwec_chose_to() {
        Subscription subscription = captured();
        String version = subscription.publicVersion().toString().toUpperCase(Locale.ROOT);
        String ours = codec.enumerateResponseXml(enumerate, List.of(new Offer(subscription, BOOKMARK)),
                new DeliveryEndpoint("srv.windomain.local", 5985, new DeliveryEndpoint.Kerberos()));

        List<String> oursOutline = XmlOutline.of(ours, MASK_IDS);
        List<String> windowsOutline = XmlOutline.of(Captures.xml("enumerate-response.windows.xml"), MASK_IDS);

        String endTo = SUBSCRIBE + "/s:Body/e:Subscribe/e:EndTo";
        String notifyTo = DELIVERY + "/e:NotifyTo";
        List<String> windowsOnly = List.of(
                // OpenWEC writes mustUnderstand on every Action and SequenceId, and does not echo the OperationID
                "/s:Envelope/s:Header/a:Action = http://schemas.xmlsoap.org/ws/2004/09/enumeration/EnumerateResponse",
                "/s:Envelope/s:Header/p:OperationID [s:mustUnderstand=false] = uuid:*",
                "/s:Envelope/s:Header/p:SequenceId = 1",
                // the version is OpenWEC's hash of the parameters
                ENUMERATE_RESPONSE + "/w:Items/m:Subscription/m:Version = uuid:219C5353-5F3D-4CD7-A644-F6B69E57C1C1",
                // OpenWEC sends the locales in the delivery only
                SUBSCRIBE + "/s:Header/w:Locale [s:mustUnderstand=false, xml:lang=en-US]",
                SUBSCRIBE + "/s:Header/p:DataLocale [s:mustUnderstand=false, xml:lang=en-US]",
                // Windows: URL ending in /1, ReferenceProperties naming its own version of the subscription
                endTo + "/a:Address = HTTP://srv.windomain.local:5985/wsman/subscriptions/B6BDBB59-FB07-4EE5-841F-EBEC9D67CDD4/1",
                endTo + "/a:ReferenceProperties",
                endTo + "/a:ReferenceProperties/e:Identifier = 219C5353-5F3D-4CD7-A644-F6B69E57C1C1",
                notifyTo + "/a:Address = HTTP://srv.windomain.local:5985/wsman/subscriptions/B6BDBB59-FB07-4EE5-841F-EBEC9D67CDD4/1",
                notifyTo + "/a:ReferenceProperties",
                notifyTo + "/a:ReferenceProperties/e:Identifier = 219C5353-5F3D-4CD7-A644-F6B69E57C1C1");
        List<String> oursOnly = List.of(
                "/s:Envelope/s:Header/a:Action [s:mustUnderstand=true] = http://schemas.xmlsoap.org/ws/2004/09/enumeration/EnumerateResponse",
                "/s:Envelope/s:Header/p:SequenceId [s:mustUnderstand=false] = 1",
                ENUMERATE_RESPONSE + "/w:Items/m:Subscription/m:Version = uuid:" + version,
                // OpenWEC: the subscription's URL, ReferenceParameters with its UUID and the public version
                endTo + "/a:Address = http://srv.windomain.local:5985/wsman/subscriptions/B6BDBB59-FB07-4EE5-841F-EBEC9D67CDD4",
                endTo + "/a:ReferenceParameters",
                endTo + "/a:ReferenceParameters/e:Identifier = B6BDBB59-FB07-4EE5-841F-EBEC9D67CDD4",
                endTo + "/a:ReferenceParameters/Version = " + version,
                notifyTo + "/a:Address = http://srv.windomain.local:5985/wsman/subscriptions/B6BDBB59-FB07-4EE5-841F-EBEC9D67CDD4",
                notifyTo + "/a:ReferenceParameters",
                notifyTo + "/a:ReferenceParameters/e:Identifier = B6BDBB59-FB07-4EE5-841F-EBEC9D67CDD4",
                notifyTo + "/a:ReferenceParameters/Version = " + version);

        assertThat(minus(windowsOutline, oursOutline)).containsExactlyInAnyOrderElementsOf(windowsOnly);
        assertThat(minus(oursOutline, windowsOutline)).containsExactlyInAnyOrderElementsOf(oursOnly);
        // and the Subscribe body, where Windows is strict about the order, lists the rest in the same order
        assertThat(body(minus(oursOutline, oursOnly))).isEqualTo(body(minus(windowsOutline, windowsOnly)));
        assertThat(oursOutline).contains(
                DELIVERY + "/e:NotifyTo/c:Policy/c:ExactlyOne/c:All/auth:Authentication "
                        + "[Profile=http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/http/spnego-kerberos]",
                SUBSCRIBE + "/s:Body/e:Subscribe/w:Filter/QueryList/Query/Select [Path=Microsoft-Windows-WinRM/Operational] "
                        + "= *[System[(Level=1  or Level=2 or Level=3 or Level=4 or Level=0 or Level=5)]]");
    }

    @Test
    void the_enumerate_response_is_written_as_openwec_writes_it() {
        Subscription subscription = captured().withRevision("r7");
        String version = subscription.publicVersion().toString().toUpperCase(Locale.ROOT);

        String ours = codec.enumerateResponseXml(enumerate, List.of(new Offer(subscription, BOOKMARK)),
                new DeliveryEndpoint("wec.example.org", 5986, new DeliveryEndpoint.Tls("0123456789abcdef0123456789abcdef01234567")));

        String reference = "<a:Address>https://wec.example.org:5986/wsman/subscriptions/B6BDBB59-FB07-4EE5-841F-EBEC9D67CDD4</a:Address>"
                + "<a:ReferenceParameters><e:Identifier>B6BDBB59-FB07-4EE5-841F-EBEC9D67CDD4</e:Identifier>"
                + "<Version>" + version + "</Version><Revision>r7</Revision></a:ReferenceParameters>";
        assertThat(ours).isEqualTo(""
                + "<s:Envelope xml:lang=\"en-US\" xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
                + "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\" "
                + "xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\" xmlns:p=\"http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd\">"
                + "<s:Header><a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>"
                + "<a:Action s:mustUnderstand=\"true\">http://schemas.xmlsoap.org/ws/2004/09/enumeration/EnumerateResponse</a:Action>"
                + "<a:MessageID>uuid:00000000-0000-0000-0000-000000000001</a:MessageID>"
                + "<p:SequenceId s:mustUnderstand=\"false\">1</p:SequenceId>"
                + "<a:RelatesTo>uuid:E9802257-6A7D-4C0D-BFA4-E81C7B1C447E</a:RelatesTo></s:Header>"
                + "<s:Body><n:EnumerateResponse><n:EnumerationContext/><w:Items>"
                + "<m:Subscription xmlns:m=\"http://schemas.microsoft.com/wbem/wsman/1/subscription\">"
                + "<m:Version>uuid:" + version + "</m:Version>"
                + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
                + "xmlns:e=\"http://schemas.xmlsoap.org/ws/2004/08/eventing\" xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\" "
                + "xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\" xmlns:p=\"http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd\">"
                + "<s:Header><a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>"
                + "<w:ResourceURI s:mustUnderstand=\"true\">http://schemas.microsoft.com/wbem/wsman/1/windows/EventLog</w:ResourceURI>"
                + "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:Action s:mustUnderstand=\"true\">http://schemas.xmlsoap.org/ws/2004/08/eventing/Subscribe</a:Action>"
                + "<w:MaxEnvelopeSize s:mustUnderstand=\"true\">512000</w:MaxEnvelopeSize>"
                + "<a:MessageID>uuid:00000000-0000-0000-0000-000000000002</a:MessageID>"
                + "<p:OperationID s:mustUnderstand=\"false\">uuid:00000000-0000-0000-0000-000000000003</p:OperationID>"
                + "<p:SequenceId s:mustUnderstand=\"false\">1</p:SequenceId>"
                + "<w:OptionSet xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<w:Option Name=\"SubscriptionName\">Toto</w:Option><w:Option Name=\"Compression\">SLDC</w:Option>"
                + "<w:Option Name=\"CDATA\" xsi:nil=\"true\"/><w:Option Name=\"ContentFormat\">RenderedText</w:Option>"
                + "<w:Option Name=\"IgnoreChannelError\" xsi:nil=\"true\"/></w:OptionSet></s:Header>"
                + "<s:Body><e:Subscribe><e:EndTo>" + reference + "</e:EndTo>"
                + "<e:Delivery Mode=\"http://schemas.dmtf.org/wbem/wsman/1/wsman/Events\"><w:Heartbeats>PT3600.000S</w:Heartbeats>"
                + "<e:NotifyTo>" + reference
                + "<c:Policy xmlns:c=\"http://schemas.xmlsoap.org/ws/2002/12/policy\" xmlns:auth=\"http://schemas.microsoft.com/wbem/wsman/1/authentication\">"
                + "<c:ExactlyOne><c:All><auth:Authentication Profile=\"http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/mutual\">"
                + "<auth:ClientCertificate><auth:Thumbprint Role=\"issuer\">0123456789abcdef0123456789abcdef01234567</auth:Thumbprint>"
                + "</auth:ClientCertificate></auth:Authentication></c:All></c:ExactlyOne></c:Policy></e:NotifyTo>"
                + "<w:ConnectionRetry Total=\"5\">PT60.0S</w:ConnectionRetry><w:MaxTime>PT30.000S</w:MaxTime>"
                + "<w:MaxEnvelopeSize Policy=\"Notify\">512000</w:MaxEnvelopeSize>"
                + "<w:Locale xml:lang=\"en-US\" s:mustUnderstand=\"false\"/><p:DataLocale xml:lang=\"en-US\" s:mustUnderstand=\"false\"/>"
                + "<w:ContentEncoding>UTF-16</w:ContentEncoding></e:Delivery>"
                + "<w:Filter Dialect=\"http://schemas.microsoft.com/win/2004/08/events/eventquery\"><QueryList><Query Id=\"0\">"
                + "<Select Path=\"Microsoft-Windows-WinRM/Operational\">*[System[(Level=1  or Level=2 or Level=3 or Level=4 or Level=0 or Level=5)]]</Select>"
                + "</Query></QueryList></w:Filter>"
                + "<w:Bookmark>" + BOOKMARK + "</w:Bookmark><w:SendBookmarks/>"
                + "</e:Subscribe></s:Body></s:Envelope></m:Subscription></w:Items><w:EndOfSequence/></n:EnumerateResponse></s:Body></s:Envelope>");
    }

    @Test
    void every_optional_parameter_reaches_the_machine() {
        SubscriptionParameters parameters = SubscriptionParameters.defaults("All & <everything>", "<QueryList/>")
                .withHeartbeatInterval(60).withConnectionRetryCount(7).withConnectionRetryInterval(11).withMaxTime(5)
                .withMaxElements(100L).withMaxEnvelopeSize(4096).withReadExistingEvents(true).withIgnoreChannelError(false);
        Subscription subscription = Subscription.create("x", "<QueryList/>").withParameters(parameters).withRevision("2024-01");
        String key = subscription.storedKey();

        List<String> outline = XmlOutline.of(codec.enumerateResponseXml(enumerate, List.of(new Offer(subscription, Bookmark.EARLIEST)),
                new DeliveryEndpoint("[fd00::1]", 5986, new DeliveryEndpoint.Tls("abcd"))));

        String options = SUBSCRIBE + "/s:Header/w:OptionSet/w:Option";
        assertThat(outline).contains(
                SUBSCRIBE + "/s:Header/w:MaxEnvelopeSize [s:mustUnderstand=true] = 4096",
                options + " [Name=SubscriptionName] = All & <everything>",
                options + " [Name=ContentFormat] = Raw",
                options + " [Name=IgnoreChannelError, xsi:nil=false]",
                options + " [Name=ReadExistingEvents, xsi:nil=true]",
                SUBSCRIBE + "/s:Body/e:Subscribe/e:EndTo/a:Address = https://[fd00::1]:5986/wsman/subscriptions/" + key,
                SUBSCRIBE + "/s:Body/e:Subscribe/e:EndTo/a:ReferenceParameters/Revision = 2024-01",
                DELIVERY + "/e:NotifyTo/a:ReferenceParameters/Revision = 2024-01",
                DELIVERY + "/w:Heartbeats = PT60.000S",
                DELIVERY + "/e:NotifyTo/c:Policy/c:ExactlyOne/c:All/auth:Authentication/auth:ClientCertificate/auth:Thumbprint [Role=issuer] = abcd",
                DELIVERY + "/w:ConnectionRetry [Total=7] = PT11.0S",
                DELIVERY + "/w:MaxElements = 100",
                DELIVERY + "/w:MaxTime = PT5.000S",
                DELIVERY + "/w:MaxEnvelopeSize [Policy=Notify] = 4096",
                SUBSCRIBE + "/s:Body/e:Subscribe/w:Filter [Dialect=http://schemas.microsoft.com/win/2004/08/events/eventquery]",
                SUBSCRIBE + "/s:Body/e:Subscribe/w:Filter/QueryList",
                SUBSCRIBE + "/s:Body/e:Subscribe/w:Bookmark = http://schemas.dmtf.org/wbem/wsman/1/wsman/bookmark/earliest",
                SUBSCRIBE + "/s:Body/e:Subscribe/w:SendBookmarks");
        assertThat(outline.stream().filter(line -> line.startsWith(options + " ")).map(line -> line.replaceAll(".*Name=(\\w+).*", "$1")))
                .containsExactly("SubscriptionName", "Compression", "CDATA", "ContentFormat", "IgnoreChannelError", "ReadExistingEvents");
        assertThat(outline).noneMatch(line -> line.contains("/w:Locale") || line.contains("/p:DataLocale"));
        assertThat(outline.stream().map(line -> line.replaceAll(" .*", "")).filter(line -> line.startsWith(DELIVERY + "/w:")))
                .containsExactly(DELIVERY + "/w:Heartbeats", DELIVERY + "/w:ConnectionRetry", DELIVERY + "/w:MaxElements",
                        DELIVERY + "/w:MaxTime", DELIVERY + "/w:MaxEnvelopeSize", DELIVERY + "/w:ContentEncoding");
    }

    @Test
    void without_a_bookmark_the_machine_starts_from_new_events_and_offers_keep_their_order() {
        Subscription first = Subscription.create("b-first", "<QueryList/>");
        Subscription second = Subscription.create("a-second", "<QueryList/>");

        List<String> outline = XmlOutline.of(codec.enumerateResponseXml(enumerate,
                List.of(new Offer(first, null), new Offer(second, null)),
                new DeliveryEndpoint("wec", 5985, new DeliveryEndpoint.Kerberos())));

        assertThat(outline).noneMatch(line -> line.contains("w:Bookmark"));
        assertThat(outline.stream().filter(line -> line.contains("[Name=SubscriptionName]")).map(line -> line.replaceAll(".* = ", "")))
                .containsExactly("b-first", "a-second");
        assertThat(outline.stream().filter(line -> line.endsWith("/w:SendBookmarks"))).hasSize(2);
    }

    @Test
    void no_offer_gives_an_empty_list_of_items() {
        assertThat(XmlOutline.of(codec.enumerateResponseXml(enumerate, List.of(),
                new DeliveryEndpoint("wec", 5985, new DeliveryEndpoint.Kerberos()))))
                .containsSubsequence(ENUMERATE_RESPONSE, ENUMERATE_RESPONSE + "/n:EnumerationContext",
                        ENUMERATE_RESPONSE + "/w:Items", ENUMERATE_RESPONSE + "/w:EndOfSequence")
                .noneMatch(line -> line.contains("m:Subscription"));
    }

    @Test
    void stored_queries_and_bookmarks_are_sent_without_indentation_or_declaration_but_with_their_meaning() {
        String query = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<QueryList>\n  <!-- audit -->\n  <Query Id=\"0\" Path='Security'>\n"
                + "    <Select Path=\"Security\">*[System[(EventID &lt; 5000) and Level&gt;0]]</Select>\n"
                + "    <Suppress Path=\"Security\"><![CDATA[*[System[EventID=4688]]]]></Suppress>\n  </Query>\n</QueryList>\n";
        String bookmark = "<BookmarkList>\r\n  <Bookmark Channel='Security' RecordId=\"1\" IsCurrent='true' />\r\n</BookmarkList>";
        Subscription subscription = Subscription.create("s", query);

        String xml = codec.enumerateResponseXml(enumerate, List.of(new Offer(subscription, bookmark)),
                new DeliveryEndpoint("wec", 5985, new DeliveryEndpoint.Kerberos()));

        assertThat(xml).contains("<w:Filter Dialect=\"http://schemas.microsoft.com/win/2004/08/events/eventquery\"><QueryList>"
                + "<!-- audit --><Query Id=\"0\" Path=\"Security\"><Select Path=\"Security\">*[System[(EventID &lt; 5000) and Level&gt;0]]</Select>"
                + "<Suppress Path=\"Security\">*[System[EventID=4688]]</Suppress></Query></QueryList></w:Filter>");
        assertThat(xml).contains("<w:Bookmark><BookmarkList><Bookmark Channel=\"Security\" RecordId=\"1\" IsCurrent=\"true\"/>"
                + "</BookmarkList></w:Bookmark>");
        // a prefix declared outside the stored slice is copied as written, not refused
        assertThat(codec.enumerateResponseXml(enumerate, List.of(new Offer(subscription, "<b:List><b:Item/></b:List>")),
                new DeliveryEndpoint("wec", 5985, new DeliveryEndpoint.Kerberos())))
                .contains("<w:Bookmark><b:List><b:Item/></b:List></w:Bookmark>");
    }

    @Test
    void the_bookmark_a_machine_sent_goes_back_to_it_unchanged_in_meaning() {
        String sent = "<BookmarkList><Bookmark Channel=\"Microsoft-Windows-WinRM/Operational\" RecordId=\"149161\" IsCurrent=\"true\"/>"
                + "<Bookmark Channel=\"Security\" RecordId=\"72207\"/></BookmarkList>";
        String events = WefCodecParseTest.events(Captures.xml("heartbeat.xml"), "<Version>V</Version>",
                "<w:Bookmark>" + sent + "</w:Bookmark>", "<Event/>");
        String stored = codec.parse(BodyText.encode(events), null, 512_000).header().bookmark();

        String xml = codec.enumerateResponseXml(enumerate, List.of(new Offer(captured(), stored)),
                new DeliveryEndpoint("wec", 5985, new DeliveryEndpoint.Kerberos()));

        assertThat(stored).isEqualTo(sent);
        assertThat(xml).contains("<w:Bookmark>" + sent + "</w:Bookmark>");
    }

    @Test
    void a_query_that_is_not_xml_is_a_bug_named_after_its_subscription() {
        Subscription broken = Subscription.create("broken", "<QueryList><Query>");

        assertThatThrownBy(() -> codec.enumerateResponseXml(enumerate, List.of(new Offer(broken, null)),
                new DeliveryEndpoint("wec", 5985, new DeliveryEndpoint.Kerberos())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The query of subscription broken (" + broken.storedKey()
                        + ") cannot be sent to machines: it is not well-formed XML: ");
    }

    @Test
    void the_ack_relates_to_the_message_it_acknowledges() {
        assertThat(codec.ackXml(heartbeat)).isEqualTo(""
                + "<s:Envelope xml:lang=\"en-US\" xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
                + "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\" "
                + "xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\" xmlns:p=\"http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd\">"
                + "<s:Header><a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>"
                + "<a:Action s:mustUnderstand=\"true\">http://schemas.dmtf.org/wbem/wsman/1/wsman/Ack</a:Action>"
                + "<a:MessageID>uuid:00000000-0000-0000-0000-000000000001</a:MessageID>"
                + "<p:SequenceId s:mustUnderstand=\"false\">1</p:SequenceId>"
                + "<a:RelatesTo>uuid:EEC04F74-A27D-4C3A-AEF5-BC5BF54359BA</a:RelatesTo></s:Header><s:Body/></s:Envelope>");
    }

    @Test
    void the_ack_differs_from_the_windows_collectors_only_where_openwec_chose_to() {
        List<String> ours = XmlOutline.of(codec.ackXml(heartbeat), MASK_IDS);
        List<String> windows = XmlOutline.of(Captures.xml("ack-heartbeat.windows.xml"), MASK_IDS);

        assertThat(minus(windows, ours)).containsExactlyInAnyOrder(
                "/s:Envelope/s:Header/a:Action = http://schemas.dmtf.org/wbem/wsman/1/wsman/Ack",
                "/s:Envelope/s:Header/p:OperationID [s:mustUnderstand=false] = uuid:*",
                "/s:Envelope/s:Header/p:SequenceId = 1");
        assertThat(minus(ours, windows)).containsExactlyInAnyOrder(
                "/s:Envelope/s:Header/a:Action [s:mustUnderstand=true] = http://schemas.dmtf.org/wbem/wsman/1/wsman/Ack",
                "/s:Envelope/s:Header/p:SequenceId [s:mustUnderstand=false] = 1");
    }

    @Test
    void answers_go_to_the_reply_to_address_and_out_as_utf16le_with_its_mark() {
        String custom = Captures.xml("heartbeat.xml").replace(
                "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address>", "http://client.example/back</a:Address>");
        WefMessage message = codec.parse(custom.getBytes(StandardCharsets.UTF_8), null, 512_000);

        byte[] ack = codec.ack(message);

        assertThat(Arrays.copyOf(ack, 2)).containsExactly(0xFF, 0xFE);
        String text = new String(ack, 2, ack.length - 2, StandardCharsets.UTF_16LE);
        assertThat(XmlOutline.of(text)).contains("/s:Envelope/s:Header/a:To = http://client.example/back");
        byte[] response = codec.enumerateResponse(enumerate, List.of(), new DeliveryEndpoint("wec", 5985, new DeliveryEndpoint.Kerberos()));
        assertThat(BodyText.decode(response).text()).startsWith("<s:Envelope xml:lang=\"en-US\"").contains("EnumerateResponse");
    }

    @Test
    void answers_only_answer_the_messages_they_belong_to() {
        DeliveryEndpoint delivery = new DeliveryEndpoint("wec", 5985, new DeliveryEndpoint.Kerberos());

        assertThatThrownBy(() -> codec.ack(enumerate)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An Ack answers an Events or Heartbeat message, not ENUMERATE");
        assertThatThrownBy(() -> codec.enumerateResponse(heartbeat, List.of(), delivery)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An EnumerateResponse answers an Enumerate message, not HEARTBEAT");
        assertThatThrownBy(() -> new DeliveryEndpoint(" ", 5985, new DeliveryEndpoint.Kerberos()))
                .hasMessage("The collector hostname must not be blank");
        assertThatThrownBy(() -> new DeliveryEndpoint("wec", 0, new DeliveryEndpoint.Kerberos()))
                .hasMessage("The advertized port must be between 1 and 65535, got 0");
    }

    private static List<String> minus(List<String> lines, List<String> removed) {
        List<String> rest = new ArrayList<>(lines);
        removed.forEach(rest::remove);
        return rest;
    }

    private static List<String> body(List<String> outline) {
        return outline.stream().filter(line -> line.startsWith(SUBSCRIBE + "/s:Body")).toList();
    }
}
