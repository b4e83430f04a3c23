package org.openwec.adapters.wef;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * StAX readers that cannot be turned against the collector: the JDK's own implementation (never one a
 * library on the class path brings, whose behaviour the tests did not see), no DTD, no external entity,
 * bounded nesting. Without a DTD no entity can be declared, so "billion laughs" expansions cannot happen;
 * a document that carries a DTD anyway is refused by the readers of this package when they meet it.
 */
final class SafeXml {

    /** Far deeper than any WS-Management message (an event is text inside CDATA, not parsed here). */
    private static final int MAX_ELEMENT_DEPTH = 64;

    private SafeXml() {}

    /**
     * A new factory per use: the JDK does not promise that one factory may be shared between threads, and
     * making one costs little next to reading a message.
     */
    static XMLInputFactory inputFactory(boolean namespaceAware) {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, namespaceAware);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty("jdk.xml.maxElementDepth", MAX_ELEMENT_DEPTH);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("External entity " + systemId + " refused");
        });
        return factory;
    }

    /** A parser's message on one line, for an error a log shows on one line. */
    static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** Whether XML 1.0 allows the code point in a document at all (production [2] Char). */
    static boolean isXmlChar(int codePoint) {
        return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD
                || (codePoint >= 0x20 && codePoint <= 0xD7FF)
                || (codePoint >= 0xE000 && codePoint <= 0xFFFD)
                || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
    }

    /**
     * The text with every character XML forbids written as the literal {@code \\u{hex}}. Windows puts such
     * characters (U+0005...) in events now and then; OpenWEC repairs the message this way rather than
     * refusing it (server/src/soap.rs at a41b95f), and the repaired event text is what the outputs write.
     */
    static String replaceNonXmlChars(String text) {
        int first = 0;
        while (first < text.length()) {
            int cp = text.codePointAt(first);
            if (!isXmlChar(cp)) {
                break;
            }
            first += Character.charCount(cp);
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder repaired = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isXmlChar(cp)) {
                repaired.appendCodePoint(cp);
            } else {
                repaired.append("\\u{").append(Integer.toHexString(cp)).append('}');
            }
            i += Character.charCount(cp);
        }
        return repaired.toString();
    }
}
