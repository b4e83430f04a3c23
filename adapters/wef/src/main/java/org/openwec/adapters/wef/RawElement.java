package org.openwec.adapters.wef;

/**
 * Finds an element in the text of a well-formed document, to cut it out exactly as written. StAX reports
 * no reliable text offsets (the JDK's drift after its buffer refills), so the reader counts start tags and
 * this scanner finds the one it counted. The document must already have been read without error: this
 * scanner only tells markup from text, it checks nothing.
 */
final class RawElement {

    private RawElement() {}

    /**
     * The element whose start tag is the {@code ordinal}-th of the document (from 1), from its {@code <} to
     * the {@code >} of its end tag.
     */
    static String nth(String text, int ordinal) {
        int startTags = 0;
        int start = -1;
        int depth = 0;
        int at = 0;
        while (true) {
            int lt = text.indexOf('<', at);
            if (lt < 0) {
                throw new IllegalStateException("Start tag " + ordinal + " not found in a text of " + text.length()
                        + " characters; " + startTags + " start tags seen");
            }
            if (text.startsWith("<!--", lt)) {
                at = after(text, "-->", lt + 4);
            } else if (text.startsWith("<![CDATA[", lt)) {
                at = after(text, "]]>", lt + 9);
            } else if (text.startsWith("<?", lt)) {
                at = after(text, "?>", lt + 2);
            } else if (text.startsWith("<!", lt)) {
                throw new IllegalStateException("A document with a DTD reached the element scanner");
            } else if (text.startsWith("</", lt)) {
                at = after(text, ">", lt + 2);
                if (start >= 0 && --depth == 0) {
                    return text.substring(start, at);
                }
            } else {
                int gt = endOfStartTag(text, lt);
                boolean empty = text.charAt(gt - 1) == '/';
                at = gt + 1;
                startTags++;
                if (start < 0 && startTags == ordinal) {
                    if (empty) {
                        return text.substring(lt, at);
                    }
                    start = lt;
                    depth = 1;
                } else if (start >= 0 && !empty) {
                    depth++;
                }
            }
        }
    }

    /** The {@code >} closing a start tag; one may stand inside a quoted attribute value. */
    private static int endOfStartTag(String text, int lt) {
        char quote = 0;
        for (int i = lt + 1; i < text.length(); i++) {
            char c = text.charAt(i);
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
        throw new IllegalStateException("Unclosed start tag at character " + lt);
    }

    private static int after(String text, String end, int from) {
        int found = text.indexOf(end, from);
        if (found < 0) {
            throw new IllegalStateException("No " + end + " after character " + from);
        }
        return found + end.length();
    }
}
