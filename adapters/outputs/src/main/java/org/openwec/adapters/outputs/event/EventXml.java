package org.openwec.adapters.outputs.event;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses an event's XML into {@link XmlElement}s with the JDK's StAX parser. DTDs are refused (roxmltree,
 * the reference's parser, refuses them too; they would also open the door to entity expansion attacks).
 */
final class EventXml {
    private static final XMLInputFactory FACTORY = newFactory();

    private EventXml() {}

    /** Thrown when the text is not a well-formed XML document; the message reads like the reference's. */
    static final class MalformedXmlException extends Exception {
        MalformedXmlException(String message) {
            super(message);
        }
    }

    static XmlElement parse(String xml) throws MalformedXmlException {
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new StringReader(xml));
            return read(reader);
        } catch (XMLStreamException e) {
            throw new MalformedXmlException(describe(e));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing held but the string
                }
            }
        }
    }

    private static XmlElement read(XMLStreamReader reader) throws XMLStreamException, MalformedXmlException {
        Deque<Builder> open = new ArrayDeque<>();
        XmlElement root = null;
        int elements = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        String namespace = reader.getAttributeNamespace(i);
                        if (namespace == null || namespace.isEmpty()) {
                            attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                        }
                    }
                    open.push(new Builder(reader.getLocalName(), attributes, elements++));
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    Builder done = open.pop();
                    XmlElement element = done.build();
                    if (open.isEmpty()) {
                        root = element;
                    } else {
                        open.peek().children.add(element);
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().addText(reader.getText());
                    }
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    if (!open.isEmpty()) {
                        open.peek().children.add(XmlElement.OTHER);
                    }
                }
                case XMLStreamConstants.DTD -> throw new MalformedXmlException("XML with DTD detected");
                default -> {
                    // start and end of document, entity references (replaced by the parser)
                }
            }
        }
        if (root == null) {
            throw new MalformedXmlException("the document has no root element");
        }
        return root;
    }

    /** "ParseError at [row,col]:[1,22]\nMessage: ..." becomes "... at 1:22", on one line. */
    private static String describe(XMLStreamException e) {
        String message = e.getMessage() == null ? "XML parsing failed" : e.getMessage();
        int marker = message.indexOf("Message: ");
        if (marker >= 0) {
            message = message.substring(marker + "Message: ".length());
        }
        message = message.strip().replaceAll("\\s+", " ");
        if (message.endsWith(".")) {
            message = message.substring(0, message.length() - 1);
        }
        Location location = e.getLocation();
        return location == null || location.getLineNumber() < 0
                ? message
                : message + " at " + location.getLineNumber() + ":" + location.getColumnNumber();
    }

    private static XMLInputFactory newFactory() {
        // The JDK's own implementation, whatever else is on the class path.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    private static final class Builder {
        final String name;
        final Map<String, String> attributes;
        final int index;
        final List<Object> children = new ArrayList<>();

        Builder(String name, Map<String, String> attributes, int index) {
            this.name = name;
            this.attributes = attributes;
            this.index = index;
        }

        void addText(String text) {
            int last = children.size() - 1;
            if (last >= 0 && children.get(last) instanceof String previous) {
                children.set(last, previous + text);
            } else {
                children.add(text);
            }
        }

        XmlElement build() {
            return new XmlElement(name, attributes, List.copyOf(children), index);
        }
    }
}
