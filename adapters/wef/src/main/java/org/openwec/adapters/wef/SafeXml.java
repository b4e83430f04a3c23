package org.openwec.adapters.wef;

import java.io.StringReader;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

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
     * Configured factories, each used by one thread at a time: the JDK does not promise that one factory may be
     * shared between threads, and making one per message cost about 4% of a loaded collector's CPU
     * (docs/benchmarks.md, "Load run"). A reader keeps a copy of its factory's settings, so a factory goes back
     * as soon as its reader is made.
     */
    private static final Queue<XMLInputFactory> NAMESPACE_AWARE = new ConcurrentLinkedQueue<>();
    private static final Queue<XMLInputFactory> PLAIN = new ConcurrentLinkedQueue<>();

    /** A reader of the text with the settings above. */
    static XMLStreamReader reader(String text, boolean namespaceAware) throws XMLStreamException {
        Queue<XMLInputFactory> pool = namespaceAware ? NAMESPACE_AWARE : PLAIN;
        XMLInputFactory factory = pool.poll();
        if (factory == null) {
            factory = inputFactory(namespaceAware);
        }
        try {
            return factory.createXMLStreamReader(new StringReader(text));
        } finally {
            pool.offer(factory);
        }
    }

    private static XMLInputFactory inputFactory(boolean namespaceAware) {
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

    /**
     * Where the first character XML forbids is, or the length: char by char, as nearly every message has no
     * surrogate (a pair is a code point of U+10000 or above, always allowed; a lone one is not).
     */
    private static int firstNonXmlChar(String text) {
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c >= 0x20 ? c <= 0xD7FF || (c >= 0xE000 && c <= 0xFFFD) : c == 0x9 || c == 0xA || c == 0xD) {
                i++;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i += 2;
            } else {
                return i;
            }
        }
        return length;
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
        int first = firstNonXmlChar(text);
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
