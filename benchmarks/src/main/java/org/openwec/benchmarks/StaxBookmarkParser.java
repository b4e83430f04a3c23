package org.openwec.benchmarks;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.openwec.core.model.BookmarkPosition;

/**
 * {@link BookmarkPosition#parse} written on the JDK's StAX parser instead of the core's own small parser:
 * the candidate that {@link BookmarkParsing} measures against it. Same answers ({@code StaxBookmarkParserTest}
 * checks them on 20,000 variants): only direct {@code Bookmark} children of a {@code BookmarkList} root count,
 * namespace prefixes are ignored, a bookmark without a channel or with a record id that is not an unsigned
 * 64-bit decimal number, a channel named twice (any case), a DTD, or any well-formedness error makes the text
 * not comparable.
 */
public final class StaxBookmarkParser {
    private static final XMLInputFactory FACTORY = factory();

    private StaxBookmarkParser() {}

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory(); // the JDK's own, no service lookup
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Prefixes are ignored, declared or not, as the core parser ignores them.
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return factory;
    }

    public static BookmarkPosition parse(String bookmark) {
        if (bookmark == null) {
            return BookmarkPosition.NOT_COMPARABLE;
        }
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new StringReader(bookmark));
            try {
                return read(reader);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            return BookmarkPosition.NOT_COMPARABLE;
        }
    }

    private static BookmarkPosition read(XMLStreamReader reader) throws XMLStreamException {
        if (reader.getVersion() != null && !reader.getVersion().equals("1.0")) {
            return BookmarkPosition.NOT_COMPARABLE; // 1.1 has other rules: not for bookmarks
        }
        Map<String, Long> recordIds = new LinkedHashMap<>();
        boolean isList = false;
        boolean usable = true;
        int depth = 0;
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    String name = localName(reader.getLocalName());
                    if (depth == 1) {
                        isList = name.equals("BookmarkList");
                    } else if (depth == 2 && isList && name.equals("Bookmark")) {
                        usable &= bookmark(reader, recordIds);
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE -> {
                    return BookmarkPosition.NOT_COMPARABLE;
                }
                default -> {
                }
            }
        }
        // of() also refuses two channels that differ only in case.
        return isList && usable && !recordIds.isEmpty() ? BookmarkPosition.of(recordIds) : BookmarkPosition.NOT_COMPARABLE;
    }

    /** Adds the bookmark at the reader; false when it is not usable. */
    private static boolean bookmark(XMLStreamReader reader, Map<String, Long> recordIds) {
        String channel = attribute(reader, "Channel");
        String recordId = attribute(reader, "RecordId");
        if (channel == null || !isRecordId(recordId) || recordIds.containsKey(channel)) {
            return false;
        }
        recordIds.put(channel, Long.parseUnsignedLong(recordId));
        return true;
    }

    /** The value of the one attribute with that local name (any prefix), or null when there is none or several. */
    private static String attribute(XMLStreamReader reader, String localName) {
        String found = null;
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            if (localName(reader.getAttributeLocalName(i)).equals(localName)) {
                if (found != null) {
                    return null;
                }
                found = reader.getAttributeValue(i);
            }
        }
        return found;
    }

    /** ASCII decimal digits only (no sign, no space), at most an unsigned 64-bit value. */
    private static boolean isRecordId(String text) {
        if (text == null || text.isEmpty() || text.length() > 20) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        try {
            Long.parseUnsignedLong(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Without namespace processing the reader gives qualified names. */
    private static String localName(String qualified) {
        int colon = qualified.indexOf(':');
        return colon < 0 ? qualified : qualified.substring(colon + 1);
    }
}
