package org.openwec.adapters.wef;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes XML with the prefixes and namespace declarations spelled out by the caller, the way OpenWEC writes
 * its answers, and takes XML copied from elsewhere (a query, a bookmark) as already written. An element
 * closed without content is written empty ({@code <w:SendBookmarks/>}); one given an empty text keeps both
 * tags, as OpenWEC's writer does.
 */
final class XmlWriter {

    private final StringBuilder out;
    private final Deque<String> open = new ArrayDeque<>();
    private boolean inStartTag;

    XmlWriter(int capacity) {
        out = new StringBuilder(capacity);
    }

    XmlWriter start(String name) {
        closeStartTag();
        out.append('<').append(name);
        open.push(name);
        inStartTag = true;
        return this;
    }

    XmlWriter attribute(String name, String value) {
        if (!inStartTag) {
            throw new IllegalStateException("Attribute " + name + " written outside a start tag");
        }
        out.append(' ').append(name).append("=\"");
        escape(value, true);
        out.append('"');
        return this;
    }

    XmlWriter text(String value) {
        closeStartTag();
        escape(value, false);
        return this;
    }

    /** XML that is already well-formed content, written as is. */
    XmlWriter raw(String xml) {
        closeStartTag();
        out.append(xml);
        return this;
    }

    XmlWriter end() {
        String name = open.pop();
        if (inStartTag) {
            out.append("/>");
            inStartTag = false;
        } else {
            out.append("</").append(name).append('>');
        }
        return this;
    }

    /** An element holding only text: {@code <name>text</name>}. */
    XmlWriter element(String name, String text) {
        return start(name).text(text).end();
    }

    /** An element without content: {@code <name/>}. */
    XmlWriter empty(String name) {
        return start(name).end();
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("Elements still open: " + open);
        }
        return out.toString();
    }

    private void closeStartTag() {
        if (inStartTag) {
            out.append('>');
            inStartTag = false;
        }
    }

    /**
     * Escapes what XML requires, and in attributes also the white space a parser would normalise away
     * (and carriage returns in text, which a parser turns into line feeds).
     */
    private void escape(String value, boolean attribute) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> out.append(c);
            }
        }
    }
}
