package org.openwec.app.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openwec.core.model.ContentFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.model.UserError;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code subscriptions import --format windows}: a subscription exported on a Windows collector with
 * {@code wecutil gs <name> /f:xml} (UTF-16LE with a byte order mark), as docs/reference/cli.md §10.3 reads it.
 *
 * <p>One deliberate difference: Windows gives MaxLatencyTime and the heartbeat interval in milliseconds,
 * OpenWEC in seconds. The reference stored the milliseconds as seconds (a 15-minute heartbeat became
 * 10 days); they are converted here, rounding up so that no interval becomes 0.
 */
public final class WindowsSubscription {
    static final String NAMESPACE = "http://schemas.microsoft.com/2006/03/windows/events/subscription";
    static final String EVENT_LOG_URI = "http://schemas.microsoft.com/wbem/wsman/1/windows/EventLog";

    private WindowsSubscription() {}

    /** A new, disabled subscription without outputs, with a random UUID. */
    public static Subscription parse(byte[] file, String where) {
        String text = decode(file, where);
        Document document;
        try {
            document = Xml.parse(text);
        } catch (Xml.XmlException e) {
            throw invalid(where, "it is not well-formed XML (" + e.getMessage() + ")");
        }
        Element root = document.getDocumentElement();
        if (!"Subscription".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
            throw invalid(where, "Invalid subscription format: the root element must be Subscription in namespace " + NAMESPACE);
        }
        String name = text(root, "SubscriptionId");
        String type = text(root, "SubscriptionType");
        if (type != null && !type.equals("SourceInitiated")) {
            throw invalid(where, "Invalid subscription format: SubscriptionType must be SourceInitiated, found " + type);
        }
        String uri = text(root, "Uri");
        if (uri != null && !uri.equals(EVENT_LOG_URI)) {
            throw invalid(where, "Invalid subscription Uri " + uri + " (expected " + EVENT_LOG_URI + ")");
        }
        String query = text(root, "Query");
        if (name == null || name.isBlank()) {
            throw invalid(where, "it has no SubscriptionId, the subscription's name");
        }
        if (query == null || query.isBlank()) {
            throw invalid(where, "it has no Query");
        }
        SubscriptionParameters parameters = SubscriptionParameters.defaults(name, query);
        for (Element delivery : Xml.children(root, "Delivery")) {
            if (!delivery.getAttribute("Mode").equals("Push")) {
                throw invalid(where, "Invalid delivery mode \"" + delivery.getAttribute("Mode") + "\" (should be Push)");
            }
            for (Element batching : Xml.children(delivery, "Batching")) {
                for (Element latency : Xml.children(batching, "MaxLatencyTime")) {
                    parameters = parameters.withMaxTime(seconds(latency.getTextContent(), "MaxLatencyTime", where));
                }
            }
            for (Element push : Xml.children(delivery, "PushSettings")) {
                for (Element heartbeat : Xml.children(push, "Heartbeat")) {
                    if (heartbeat.hasAttribute("Interval")) {
                        parameters = parameters.withHeartbeatInterval(
                                seconds(heartbeat.getAttribute("Interval"), "Heartbeat Interval", where));
                    }
                }
            }
        }
        String readExisting = text(root, "ReadExistingEvents");
        if (readExisting != null) {
            parameters = parameters.withReadExistingEvents(bool(readExisting, "ReadExistingEvents", where));
        }
        String contentFormat = text(root, "ContentFormat");
        if (contentFormat != null) {
            parameters = parameters.withContentFormat(contentFormat(contentFormat, where));
        }
        return Subscription.create(name, query).withParameters(parameters).withEnabled(false);
    }

    /** UTF-16 as Windows writes it (BOM or not); UTF-8 too, for files converted on the way. */
    private static String decode(byte[] bytes, String where) {
        Charset charset;
        int skip = 0;
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            charset = StandardCharsets.UTF_8;
            skip = 3;
        } else if (bytes.length >= 2 && bytes[1] == 0) {
            charset = StandardCharsets.UTF_16LE;
        } else {
            charset = StandardCharsets.UTF_8;
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
        } catch (CharacterCodingException e) {
            throw invalid(where, "it is not UTF-16 text (export it with wecutil gs <name> /f:xml)");
        }
    }

    /** The text of the first child element with this name, or null. */
    private static String text(Element parent, String name) {
        List<Element> found = Xml.children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent();
    }

    private static long seconds(String milliseconds, String what, String where) {
        long ms;
        try {
            ms = Long.parseLong(milliseconds.strip());
        } catch (NumberFormatException e) {
            throw invalid(where, what + " must be a number of milliseconds, found \"" + milliseconds + "\"");
        }
        if (ms < 0 || ms > SubscriptionParameters.U32_MAX) {
            throw invalid(where, what + " must be from 0 to " + SubscriptionParameters.U32_MAX + " milliseconds, found " + ms);
        }
        return (ms + 999) / 1000;
    }

    private static boolean bool(String text, String what, String where) {
        return switch (text.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(where, what + " must be true or false, found \"" + text + "\"");
        };
    }

    private static ContentFormat contentFormat(String text, String where) {
        return switch (text.strip()) {
            case "Raw" -> ContentFormat.Raw;
            case "RenderedText" -> ContentFormat.RenderedText;
            default -> throw invalid(where, "ContentFormat must be Raw or RenderedText, found \"" + text + "\"");
        };
    }

    private static UserError invalid(String where, String problem) {
        return new UserError("Failed to import subscriptions using Windows format from " + where + ": " + problem + ".");
    }
}
