package org.openwec.adapters.wef;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * A document as one line per element, in document order: its path, its attributes (namespace declarations
 * left out) and its text, trimmed. Names are spelled with fixed prefixes per namespace, whatever prefixes the
 * document used, so that two documents compare by structure, not by spelling or indentation.
 */
final class XmlOutline {

    private static final Map<String, String> PREFIXES = Map.ofEntries(
            Map.entry(Wsman.SOAP_ENVELOPE_NS, "s"), Map.entry(Wsman.ADDRESSING_NS, "a"),
            Map.entry(Wsman.ENUMERATION_NS, "n"), Map.entry(Wsman.WSMAN_NS, "w"), Map.entry(Wsman.MS_WSMAN_NS, "p"),
            Map.entry(Wsman.EVENTING_NS, "e"), Map.entry(Wsman.SUBSCRIPTION_NS, "m"), Map.entry(Wsman.POLICY_NS, "c"),
            Map.entry(Wsman.AUTH_NS, "auth"), Map.entry(Wsman.XSI_NS, "xsi"), Map.entry(Wsman.MACHINE_ID_NS, "mid"),
            Map.entry(XMLConstants.XML_NS_URI, "xml"));

    private XmlOutline() {}

    static List<String> of(String xml) {
        return of(xml, UnaryOperator.identity());
    }

    /** @param masking rewrites each line, e.g. to hide fresh message IDs */
    static List<String> of(String xml, UnaryOperator<String> masking) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            Element root = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
            List<String> lines = new ArrayList<>();
            walk(root, "", lines, masking);
            return lines;
        } catch (Exception e) {
            throw new IllegalArgumentException("Not XML: " + e.getMessage(), e);
        }
    }

    private static void walk(Element element, String parent, List<String> lines, UnaryOperator<String> masking) {
        String path = parent + "/" + name(element.getNamespaceURI(), element.getLocalName());
        TreeSet<String> attributes = new TreeSet<>();
        NamedNodeMap map = element.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Attr attribute = (Attr) map.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                attributes.add(name(attribute.getNamespaceURI(), attribute.getLocalName()) + "=" + attribute.getValue());
            }
        }
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        String trimmed = text.toString().strip();
        lines.add(masking.apply(path + (attributes.isEmpty() ? "" : " " + attributes)
                + (trimmed.isEmpty() ? "" : " = " + trimmed)));
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                walk(childElement, path, lines, masking);
            }
        }
    }

    private static String name(String namespace, String local) {
        if (namespace == null || namespace.isEmpty()) {
            return local;
        }
        String prefix = PREFIXES.get(namespace);
        return (prefix == null ? "{" + namespace + "}" : prefix + ":") + local;
    }
}
