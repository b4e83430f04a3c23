package org.openwec.adapters.outputs.event;

import java.util.List;
import java.util.Map;

/**
 * An element of a parsed event, reduced to what the reference's reader looks at: the local name (namespaces
 * are ignored, as roxmltree's {@code tag_name().name()} does), the attributes that have no namespace, the
 * children, and its place among the document's elements (to find its source text, see {@link XmlSource}).
 *
 * @param children {@link XmlElement}, {@link String} for text (adjacent text and CDATA merged), or
 *                 {@link #OTHER} for a comment or processing instruction
 * @param index the element's rank in document order, the root's being 0
 */
record XmlElement(String name, Map<String, String> attributes, List<Object> children, int index) {

    /** A child that is neither text nor an element: it still counts when asking for the first child. */
    static final Object OTHER = new Object();

    String attribute(String attributeName) {
        return attributes.get(attributeName);
    }

    /**
     * The text of the first child when that child is text, else null: roxmltree's {@code Node::text}, on
     * which every field of the reference's reader is built (so {@code <Data></Data>} has no text, and
     * {@code <Data>a<!--c-->b</Data>} has "a").
     */
    String text() {
        return !children.isEmpty() && children.get(0) instanceof String text ? text : null;
    }

    List<XmlElement> elements() {
        return children.stream().filter(XmlElement.class::isInstance).map(XmlElement.class::cast).toList();
    }
}
