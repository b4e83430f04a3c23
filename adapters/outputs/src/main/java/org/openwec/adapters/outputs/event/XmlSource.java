package org.openwec.adapters.outputs.event;

/**
 * Finds an element's content in the source text of a well-formed document. The reference keeps UserData
 * verbatim (roxmltree gives the source range of each node); StAX gives no reliable offsets (the JDK's
 * parser counts them wrongly once its first 64-character buffer is refilled), so the source is scanned
 * here. The document has already been parsed, so a light scan suffices: '<' only ever opens markup, and
 * only an attribute value (quoted) may hold a '>'.
 */
final class XmlSource {
    private XmlSource() {}

    /**
     * @param index the element's rank in document order, the root's being 0
     * @return the text between the element's start tag and its end tag; empty for {@code <Name/>}
     */
    static String content(String xml, int index) {
        int elements = -1;
        int depth = 0;
        int targetDepth = -1;
        int contentStart = -1;
        int i = 0;
        while ((i = xml.indexOf('<', i)) >= 0) {
            if (xml.startsWith("<!--", i)) {
                i = xml.indexOf("-->", i + 4) + 3;
            } else if (xml.startsWith("<![CDATA[", i)) {
                i = xml.indexOf("]]>", i + 9) + 3;
            } else if (xml.startsWith("<?", i)) {
                i = xml.indexOf("?>", i + 2) + 2;
            } else if (xml.startsWith("<!", i)) {
                i = xml.indexOf('>', i) + 1;
            } else if (xml.startsWith("</", i)) {
                depth--;
                if (depth == targetDepth) {
                    return xml.substring(contentStart, i);
                }
                i = xml.indexOf('>', i) + 1;
            } else {
                int end = endOfStartTag(xml, i);
                elements++;
                boolean empty = xml.charAt(end - 1) == '/';
                if (elements == index) {
                    if (empty) {
                        return "";
                    }
                    contentStart = end + 1;
                    targetDepth = depth;
                }
                if (!empty) {
                    depth++;
                }
                i = end + 1;
            }
        }
        throw new IllegalArgumentException("no element " + index + " in the document");
    }

    /** @return the position of the '>' closing the start tag that begins at {@code from} */
    private static int endOfStartTag(String xml, int from) {
        char quote = 0;
        for (int i = from + 1; i < xml.length(); i++) {
            char c = xml.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        throw new IllegalArgumentException("unterminated start tag at " + from);
    }
}
