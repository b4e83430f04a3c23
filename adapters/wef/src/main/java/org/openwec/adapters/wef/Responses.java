package org.openwec.adapters.wef;

import static org.openwec.adapters.wef.Wsman.ADDRESSING_NS;
import static org.openwec.adapters.wef.Wsman.ANONYMOUS;
import static org.openwec.adapters.wef.Wsman.AUTH_NS;
import static org.openwec.adapters.wef.Wsman.ENUMERATION_NS;
import static org.openwec.adapters.wef.Wsman.EVENTING_NS;
import static org.openwec.adapters.wef.Wsman.MS_WSMAN_NS;
import static org.openwec.adapters.wef.Wsman.POLICY_NS;
import static org.openwec.adapters.wef.Wsman.SOAP_ENVELOPE_NS;
import static org.openwec.adapters.wef.Wsman.SUBSCRIPTION_NS;
import static org.openwec.adapters.wef.Wsman.WSMAN_NS;
import static org.openwec.adapters.wef.Wsman.XSI_NS;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.in.EnumerateSubscriptions.Offer;

/**
 * The answers a collector sends, element for element as OpenWEC writes them (server/src/soap.rs and
 * logic.rs at a41b95f): same prefixes, same order, no XML declaration. Where OpenWEC's order is not fixed
 * (it keeps the subscription options in a hash map) the order of the Windows collector's capture is used.
 */
final class Responses {

    private static final String TRUE = "true";
    private static final String FALSE = "false";

    private final Supplier<UUID> ids;

    Responses(Supplier<UUID> ids) {
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** The EnumerateResponse: one {@code m:Subscription} (a Subscribe envelope) per offer, in order. */
    String enumerateResponse(WefHeader request, List<Offer> offers, DeliveryEndpoint delivery) {
        XmlWriter xml = new XmlWriter(2048 + 4096 * offers.size());
        envelopeStart(xml, request, Wsman.ACTION_ENUMERATE_RESPONSE);
        xml.start("s:Body").start("n:EnumerateResponse").empty("n:EnumerationContext").start("w:Items");
        for (Offer offer : offers) {
            subscription(xml, offer, delivery);
        }
        xml.end().empty("w:EndOfSequence").end().end();
        return xml.end().toString();
    }

    /** The Ack to an Events or Heartbeat message: a header that relates to it, an empty body. */
    String ack(WefHeader request) {
        XmlWriter xml = new XmlWriter(1024);
        envelopeStart(xml, request, Wsman.ACTION_ACK);
        xml.empty("s:Body");
        return xml.end().toString();
    }

    private void envelopeStart(XmlWriter xml, WefHeader request, String action) {
        xml.start("s:Envelope")
                .attribute("xml:lang", "en-US")
                .attribute("xmlns:s", SOAP_ENVELOPE_NS)
                .attribute("xmlns:a", ADDRESSING_NS)
                .attribute("xmlns:n", ENUMERATION_NS)
                .attribute("xmlns:w", WSMAN_NS)
                .attribute("xmlns:p", MS_WSMAN_NS);
        xml.start("s:Header")
                .element("a:To", request.replyToOrAnonymous())
                .start("a:Action").attribute("s:mustUnderstand", TRUE).text(action).end()
                .element("a:MessageID", newMessageId())
                .start("p:SequenceId").attribute("s:mustUnderstand", FALSE).text("1").end()
                .element("a:RelatesTo", request.messageId())
                .end();
    }

    private void subscription(XmlWriter xml, Offer offer, DeliveryEndpoint delivery) {
        Subscription subscription = offer.subscription();
        SubscriptionParameters parameters = subscription.parameters();
        String publicVersion = upper(subscription.publicVersion());
        xml.start("m:Subscription").attribute("xmlns:m", SUBSCRIPTION_NS)
                .element("m:Version", "uuid:" + publicVersion);
        xml.start("s:Envelope")
                .attribute("xmlns:s", SOAP_ENVELOPE_NS)
                .attribute("xmlns:a", ADDRESSING_NS)
                .attribute("xmlns:e", EVENTING_NS)
                .attribute("xmlns:n", ENUMERATION_NS)
                .attribute("xmlns:w", WSMAN_NS)
                .attribute("xmlns:p", MS_WSMAN_NS);
        subscribeHeader(xml, parameters);
        xml.start("s:Body").start("e:Subscribe");
        String address = delivery.address(subscription.uuid());
        xml.start("e:EndTo");
        endpointReference(xml, address, subscription, publicVersion);
        xml.end();
        delivery(xml, parameters, address, subscription, publicVersion, delivery.authentication());
        xml.start("w:Filter").attribute("Dialect", Wsman.EVENT_QUERY_DIALECT)
                .raw(copied(parameters.query(), "query", subscription))
                .end();
        if (offer.bookmark() != null) {
            xml.start("w:Bookmark").raw(copied(offer.bookmark(), "bookmark", subscription)).end();
        }
        xml.empty("w:SendBookmarks");
        xml.end().end(); // e:Subscribe, s:Body
        xml.end().end(); // s:Envelope, m:Subscription
    }

    private void subscribeHeader(XmlWriter xml, SubscriptionParameters parameters) {
        xml.start("s:Header")
                .element("a:To", ANONYMOUS)
                .start("w:ResourceURI").attribute("s:mustUnderstand", TRUE).text(Wsman.RESOURCE_EVENT_LOG).end()
                .start("a:ReplyTo")
                .start("a:Address").attribute("s:mustUnderstand", TRUE).text(ANONYMOUS).end()
                .end()
                .start("a:Action").attribute("s:mustUnderstand", TRUE).text(Wsman.ACTION_SUBSCRIBE).end()
                .start("w:MaxEnvelopeSize").attribute("s:mustUnderstand", TRUE)
                .text(Long.toString(parameters.maxEnvelopeSize())).end()
                .element("a:MessageID", newMessageId())
                .start("p:OperationID").attribute("s:mustUnderstand", FALSE).text(newMessageId()).end()
                .start("p:SequenceId").attribute("s:mustUnderstand", FALSE).text("1").end();
        xml.start("w:OptionSet").attribute("xmlns:xsi", XSI_NS);
        option(xml, "SubscriptionName").text(parameters.name()).end();
        option(xml, "Compression").text("SLDC").end();
        option(xml, "CDATA").attribute("xsi:nil", TRUE).end();
        option(xml, "ContentFormat").text(parameters.contentFormat().name()).end();
        option(xml, "IgnoreChannelError").attribute("xsi:nil", parameters.ignoreChannelError() ? TRUE : FALSE).end();
        if (parameters.readExistingEvents()) {
            option(xml, "ReadExistingEvents").attribute("xsi:nil", TRUE).end();
        }
        xml.end().end(); // w:OptionSet, s:Header
    }

    private static XmlWriter option(XmlWriter xml, String name) {
        return xml.start("w:Option").attribute("Name", name);
    }

    private void delivery(XmlWriter xml, SubscriptionParameters parameters, String address,
                          Subscription subscription, String publicVersion, DeliveryEndpoint.Authentication authentication) {
        xml.start("e:Delivery").attribute("Mode", Wsman.ACTION_EVENTS)
                .element("w:Heartbeats", "PT" + parameters.heartbeatInterval() + ".000S");
        xml.start("e:NotifyTo");
        endpointReference(xml, address, subscription, publicVersion);
        policy(xml, authentication);
        xml.end();
        xml.start("w:ConnectionRetry").attribute("Total", Integer.toString(parameters.connectionRetryCount()))
                .text("PT" + parameters.connectionRetryInterval() + ".0S").end();
        if (parameters.maxElements() != null) {
            xml.element("w:MaxElements", Long.toString(parameters.maxElements()));
        }
        xml.element("w:MaxTime", "PT" + parameters.maxTime() + ".000S")
                .start("w:MaxEnvelopeSize").attribute("Policy", "Notify")
                .text(Long.toString(parameters.maxEnvelopeSize())).end();
        if (parameters.locale() != null) {
            xml.start("w:Locale").attribute("xml:lang", parameters.locale()).attribute("s:mustUnderstand", FALSE).end();
        }
        if (parameters.dataLocale() != null) {
            xml.start("p:DataLocale").attribute("xml:lang", parameters.dataLocale())
                    .attribute("s:mustUnderstand", FALSE).end();
        }
        xml.element("w:ContentEncoding", "UTF-16");
        xml.end();
    }

    /**
     * The address and the reference parameters the machine echoes as headers of every message it sends there:
     * the subscription, and the public version (and revision) it runs, which the outputs record.
     */
    private static void endpointReference(XmlWriter xml, String address, Subscription subscription, String publicVersion) {
        xml.element("a:Address", address)
                .start("a:ReferenceParameters")
                .element("e:Identifier", subscription.storedKey())
                .element("Version", publicVersion);
        if (subscription.revision() != null) {
            xml.element("Revision", subscription.revision());
        }
        xml.end();
    }

    private static void policy(XmlWriter xml, DeliveryEndpoint.Authentication authentication) {
        xml.start("c:Policy").attribute("xmlns:c", POLICY_NS).attribute("xmlns:auth", AUTH_NS)
                .start("c:ExactlyOne").start("c:All");
        switch (authentication) {
            case DeliveryEndpoint.Tls tls -> xml
                    .start("auth:Authentication").attribute("Profile", Wsman.PROFILE_HTTPS_MUTUAL)
                    .start("auth:ClientCertificate")
                    .start("auth:Thumbprint").attribute("Role", "issuer").text(tls.issuerThumbprint()).end()
                    .end()
                    .end();
            case DeliveryEndpoint.Kerberos kerberos -> xml
                    .start("auth:Authentication").attribute("Profile", Wsman.PROFILE_SPNEGO_KERBEROS).end();
        }
        xml.end().end().end();
    }

    private static String copied(String xml, String what, Subscription subscription) {
        try {
            return XmlFragment.normalized(xml);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The " + what + " of subscription " + subscription.name() + " ("
                    + subscription.storedKey() + ") cannot be sent to machines: " + e.getMessage(), e);
        }
    }

    private String newMessageId() {
        return "uuid:" + upper(ids.get());
    }

    private static String upper(UUID uuid) {
        return uuid.toString().toUpperCase(Locale.ROOT);
    }
}
