package org.openwec.adapters.wef;

import static javax.xml.stream.XMLStreamConstants.CDATA;
import static javax.xml.stream.XMLStreamConstants.CHARACTERS;
import static javax.xml.stream.XMLStreamConstants.DTD;
import static javax.xml.stream.XMLStreamConstants.END_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.SPACE;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.openwec.adapters.wef.WefMessageException.Reason;
import org.openwec.core.model.Uuids;

/**
 * Reads a request envelope in one pass with StAX. Like OpenWEC (server/src/soap.rs at a41b95f) it looks at
 * the direct children of {@code s:Header} by namespace and name, the last occurrence winning, and for an
 * Events message at the children of the first element of {@code s:Body}. Unlike OpenWEC it takes only
 * elements as events and as the bookmark, so that indentation between them is not mistaken for either.
 */
final class SoapReader {

    private static final QName ENVELOPE = new QName(Wsman.SOAP_ENVELOPE_NS, "Envelope");
    private static final QName HEADER = new QName(Wsman.SOAP_ENVELOPE_NS, "Header");
    private static final QName BODY = new QName(Wsman.SOAP_ENVELOPE_NS, "Body");
    private static final QName TO = new QName(Wsman.ADDRESSING_NS, "To");
    private static final QName ACTION = new QName(Wsman.ADDRESSING_NS, "Action");
    private static final QName MESSAGE_ID = new QName(Wsman.ADDRESSING_NS, "MessageID");
    private static final QName REPLY_TO = new QName(Wsman.ADDRESSING_NS, "ReplyTo");
    private static final QName ADDRESS = new QName(Wsman.ADDRESSING_NS, "Address");
    private static final QName RESOURCE_URI = new QName(Wsman.WSMAN_NS, "ResourceURI");
    private static final QName ACK_REQUESTED = new QName(Wsman.WSMAN_NS, "AckRequested");
    private static final QName BOOKMARK = new QName(Wsman.WSMAN_NS, "Bookmark");
    private static final QName MACHINE_ID = new QName(Wsman.MACHINE_ID_NS, "MachineID");
    private static final QName OPERATION_ID = new QName(Wsman.MS_WSMAN_NS, "OperationID");
    private static final QName IDENTIFIER = new QName(Wsman.EVENTING_NS, "Identifier");
    /** OpenWEC's own reference parameters, in no namespace: Windows echoes them as headers. */
    private static final QName VERSION = new QName("Version");
    private static final QName REVISION = new QName("Revision");

    private final XMLStreamReader xml;
    private final String text;

    private String to;
    private String action;
    private String messageId;
    private String replyTo;
    private String resourceUri;
    private String machineId;
    private String operationId;
    private String identifier;
    private String version;
    private String revision;
    /** Which start tag of the document begins the bookmark (from 1); 0 for none. */
    private int bookmarkOrdinal;
    /** How many start tags the reader has passed. */
    private int startTags;
    private boolean ackRequested;
    private boolean headerSeen;
    private boolean bodySeen;
    /** The texts of the children of the body's first element; null until one is seen. */
    private List<String> bodyItems;

    private SoapReader(XMLStreamReader xml, String text) {
        this.xml = xml;
        this.text = text;
    }

    /** @throws WefMessageException when the text is not a request this collector serves */
    static WefMessage read(String body) {
        String text = SafeXml.replaceNonXmlChars(body);
        try {
            XMLStreamReader xml = SafeXml.reader(text, true);
            try {
                SoapReader reader = new SoapReader(xml, text);
                reader.document();
                return reader.message();
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new WefMessageException(Reason.MALFORMED_XML,
                    "The request body cannot be read as XML: " + SafeXml.oneLine(e), e);
        }
    }

    private void document() throws XMLStreamException {
        int event = next();
        while (event != START_ELEMENT) {
            refuseDtd(event);
            event = next();
        }
        if (!ENVELOPE.equals(xml.getName())) {
            throw new WefMessageException(Reason.NOT_SOAP,
                    "The request body is not a SOAP 1.2 envelope: its root element is " + xml.getName());
        }
        envelope();
        while (next() != END_DOCUMENT) {
            refuseDtd(xml.getEventType());
        }
    }

    private void envelope() throws XMLStreamException {
        while (nextChild()) {
            QName name = xml.getName();
            if (HEADER.equals(name)) {
                headerSeen = true;
                header();
            } else if (BODY.equals(name)) {
                bodySeen = true;
                body();
            } else {
                skipElement();
            }
        }
    }

    private void header() throws XMLStreamException {
        while (nextChild()) {
            QName name = xml.getName();
            if (TO.equals(name)) {
                to = elementText();
            } else if (ACTION.equals(name)) {
                action = elementText();
            } else if (MESSAGE_ID.equals(name)) {
                messageId = elementText();
            } else if (REPLY_TO.equals(name)) {
                replyTo = replyToAddress();
            } else if (RESOURCE_URI.equals(name)) {
                resourceUri = elementText();
            } else if (MACHINE_ID.equals(name)) {
                machineId = elementText();
            } else if (OPERATION_ID.equals(name)) {
                operationId = elementText();
            } else if (IDENTIFIER.equals(name)) {
                identifier = elementText();
            } else if (VERSION.equals(name)) {
                version = elementText();
            } else if (REVISION.equals(name)) {
                revision = elementText();
            } else if (BOOKMARK.equals(name)) {
                bookmarkOrdinal = firstChildElementOrdinal();
            } else if (ACK_REQUESTED.equals(name)) {
                ackRequested = true;
                skipElement();
            } else {
                skipElement();
            }
        }
    }

    /** The first {@code a:Address} inside {@code a:ReplyTo}. */
    private String replyToAddress() throws XMLStreamException {
        String address = null;
        boolean found = false;
        while (nextChild()) {
            if (!found && ADDRESS.equals(xml.getName())) {
                address = elementText();
                found = true;
            } else {
                skipElement();
            }
        }
        return address;
    }

    /**
     * Notes which start tag of the document is the first element inside {@code w:Bookmark}, to cut it out of
     * the text exactly as the message spells it (prefixes, quotes, spacing) once the whole document has read
     * well: the bookmark is opaque to the collector, and OpenWEC stores this same slice.
     */
    private int firstChildElementOrdinal() throws XMLStreamException {
        int ordinal = 0;
        while (nextChild()) {
            if (ordinal == 0) {
                ordinal = startTags;
            }
            skipElement();
        }
        return ordinal;
    }

    private void body() throws XMLStreamException {
        while (nextChild()) {
            if (bodyItems == null) {
                bodyItems = new ArrayList<>();
                while (nextChild()) {
                    bodyItems.add(elementText());
                }
            } else {
                skipElement();
            }
        }
    }

    /**
     * Moves to the next child element of the current element and returns true, or to the current element's
     * end and returns false. Text and comments between children are passed over.
     */
    private boolean nextChild() throws XMLStreamException {
        while (true) {
            int event = next();
            if (event == START_ELEMENT) {
                return true;
            }
            if (event == END_ELEMENT) {
                return false;
            }
        }
    }

    /** The character data directly inside the current element (children skipped); null when there is none. */
    private String elementText() throws XMLStreamException {
        // Nearly always one piece (an event's CDATA): a string of it; a builder only from the second piece on.
        String first = null;
        StringBuilder content = null;
        int depth = 0;
        while (true) {
            int event = next();
            if (event == START_ELEMENT) {
                depth++;
            } else if (event == END_ELEMENT) {
                if (depth == 0) {
                    String text = content != null ? content.toString() : first;
                    return text == null || text.isEmpty() ? null : text;
                }
                depth--;
            } else if (depth == 0 && (event == CHARACTERS || event == CDATA || event == SPACE)) {
                if (first == null) {
                    first = new String(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                } else {
                    if (content == null) {
                        content = new StringBuilder(first.length() + xml.getTextLength() + 256).append(first);
                    }
                    content.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                }
            }
        }
    }

    /** Moves to the end of the current element. */
    private void skipElement() throws XMLStreamException {
        int depth = 0;
        while (true) {
            int event = next();
            if (event == START_ELEMENT) {
                depth++;
            } else if (event == END_ELEMENT) {
                if (depth == 0) {
                    return;
                }
                depth--;
            }
        }
    }

    private int next() throws XMLStreamException {
        int event = xml.next();
        if (event == START_ELEMENT) {
            startTags++;
        }
        return event;
    }

    private static void refuseDtd(int event) {
        if (event == DTD) {
            throw new WefMessageException(Reason.MALFORMED_XML,
                    "The request body carries a DTD, which SOAP messages must not; it was not read");
        }
    }

    private WefMessage message() {
        if (!headerSeen) {
            throw new WefMessageException(Reason.NOT_SOAP, "The SOAP envelope has no s:Header");
        }
        if (action == null) {
            throw new WefMessageException(Reason.MISSING_ACTION, "The SOAP header has no a:Action");
        }
        WefAction known = WefAction.ofUri(action).orElseThrow(() -> new WefMessageException(Reason.UNKNOWN_ACTION,
                "The action " + action + " is not one a collector serves (Enumerate, Events, Heartbeat, End, SubscriptionEnd)"));
        if (messageId == null) {
            throw new WefMessageException(Reason.MISSING_MESSAGE_ID,
                    "The " + known + " message has no a:MessageID, which the answer must echo");
        }
        UUID subscription = identifier == null ? null : Uuids.parse(identifier).orElseThrow(() ->
                new WefMessageException(Reason.MALFORMED_IDENTIFIER,
                        "The e:Identifier of the " + known + " message is not a UUID: '" + identifier.strip() + "'"));
        String bookmark = bookmarkOrdinal == 0 ? null : RawElement.nth(text, bookmarkOrdinal);
        WefHeader header = new WefHeader(messageId, to, replyTo, resourceUri, machineId, operationId, subscription,
                version, revision, bookmark, ackRequested);
        return new WefMessage(known, header, known == WefAction.EVENTS ? events() : List.of());
    }

    private List<String> events() {
        if (!bodySeen) {
            throw new WefMessageException(Reason.MALFORMED_EVENTS, "The Events message has no s:Body");
        }
        if (bodyItems == null) {
            throw new WefMessageException(Reason.MALFORMED_EVENTS, "The body of the Events message holds no w:Events");
        }
        for (int i = 0; i < bodyItems.size(); i++) {
            if (bodyItems.get(i) == null) {
                throw new WefMessageException(Reason.MALFORMED_EVENTS,
                        "Event " + (i + 1) + " of " + bodyItems.size() + " in the Events message is empty");
            }
        }
        return bodyItems;
    }
}
