package org.openwec.adapters.wef;

import static javax.xml.stream.XMLStreamConstants.CDATA;
import static javax.xml.stream.XMLStreamConstants.CHARACTERS;
import static javax.xml.stream.XMLStreamConstants.COMMENT;
import static javax.xml.stream.XMLStreamConstants.DTD;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.PROCESSING_INSTRUCTION;
import static javax.xml.stream.XMLStreamConstants.SPACE;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Stored XML (a subscription's query, a machine's bookmark) made ready to sit inside an answer: read and
 * written again with the names exactly as stored, text trimmed and indentation dropped. OpenWEC copies them
 * the same way, event by event with trimmed text (server/src/soap.rs at a41b95f), so that what the machine
 * receives does not depend on how the query file was indented. Plain text (the "earliest" bookmark URI) stays
 * text. An XML declaration at the start is left out, since it may not appear inside another document.
 */
final class XmlFragment {

    private static final String WRAPPER = "openwec-fragment";

    private XmlFragment() {}

    /** @throws IllegalArgumentException when {@code xml} is not well-formed content */
    static String normalized(String xml) {
        String content = "<" + WRAPPER + ">" + withoutDeclaration(xml) + "</" + WRAPPER + ">";
        XmlWriter out = new XmlWriter(xml.length());
        StringBuilder pendingText = new StringBuilder();
        try {
            // Not namespace-aware: prefixes and xmlns attributes are copied as written, even a prefix whose
            // declaration was outside the stored fragment.
            XMLStreamReader reader = SafeXml.reader(content, false);
            try {
                reader.nextTag(); // the wrapper
                int depth = 0;
                String copy = null;
                while (copy == null) {
                    int event = reader.next();
                    switch (event) {
                        case START_ELEMENT -> {
                            flush(pendingText, out);
                            out.start(reader.getLocalName());
                            for (int i = 0; i < reader.getAttributeCount(); i++) {
                                String prefix = reader.getAttributePrefix(i);
                                String name = reader.getAttributeLocalName(i);
                                out.attribute(prefix == null || prefix.isEmpty() ? name : prefix + ":" + name,
                                        reader.getAttributeValue(i));
                            }
                            depth++;
                        }
                        case END_ELEMENT -> {
                            flush(pendingText, out);
                            if (depth == 0) {
                                copy = out.toString();
                                break;
                            }
                            out.end();
                            depth--;
                        }
                        case CHARACTERS, CDATA, SPACE ->
                                pendingText.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                        case COMMENT -> {
                            flush(pendingText, out);
                            out.raw("<!--" + reader.getText() + "-->");
                        }
                        case PROCESSING_INSTRUCTION -> {
                            flush(pendingText, out);
                            String data = reader.getPIData();
                            out.raw("<?" + reader.getPITarget() + (data == null || data.isEmpty() ? "" : " " + data) + "?>");
                        }
                        case DTD -> throw new IllegalArgumentException("it carries a DTD");
                        default -> { }
                    }
                }
                while (reader.hasNext()) {
                    reader.next(); // the reader reports what follows the wrapper, if anything does
                }
                return copy;
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("it is not well-formed XML: " + SafeXml.oneLine(e), e);
        }
    }

    private static void flush(StringBuilder pendingText, XmlWriter out) {
        String trimmed = trimXmlSpace(pendingText);
        if (!trimmed.isEmpty()) {
            out.text(trimmed);
        }
        pendingText.setLength(0);
    }

    private static String trimXmlSpace(CharSequence s) {
        int start = 0;
        int end = s.length();
        while (start < end && isXmlSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isXmlSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.subSequence(start, end).toString();
    }

    private static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static String withoutDeclaration(String xml) {
        int start = 0;
        while (start < xml.length() && (isXmlSpace(xml.charAt(start)) || xml.charAt(start) == '\uFEFF')) {
            start++;
        }
        if (xml.startsWith("<?xml", start) && xml.length() > start + 5
                && (isXmlSpace(xml.charAt(start + 5)) || xml.charAt(start + 5) == '?')) {
            int end = xml.indexOf("?>", start);
            if (end >= 0) {
                return xml.substring(end + 2);
            }
        }
        return xml;
    }
}
