package org.openwec.app.format;

import java.util.LinkedHashSet;
import java.util.Set;
import org.openwec.core.model.UserError;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The channels a QueryList selects: the Path of every Select of every Query (docs/reference/cli.md §4.15). The
 * reference checks them before storing a query: Windows clients do not cope with more than 256 channels,
 * and channels added to a query have no bookmark, so their whole history is sent.
 */
public final class QueryChannels {
    /** Beyond this many channels Windows clients reject the subscription, in the reference's experience. */
    public static final int WINDOWS_LIMIT = 256;

    private QueryChannels() {}

    /**
     * @param where names the query in errors, e.g. the file it comes from
     * @throws UserError when the query is not XML, its root is not QueryList, or a Select has no Path
     */
    public static Set<String> of(String query, String where) {
        Document document;
        try {
            document = Xml.parse(query);
        } catch (Xml.XmlException e) {
            throw new UserError("Failed to parse query " + where + ": it is not well-formed XML (" + e.getMessage()
                    + "). Fix the QueryList.");
        }
        Element root = document.getDocumentElement();
        if (!"QueryList".equals(root.getLocalName())) {
            throw new UserError("Failed to parse query " + where + ": expected root element to be QueryList, found "
                    + root.getLocalName() + ".");
        }
        Set<String> channels = new LinkedHashSet<>();
        for (Element q : Xml.children(root, "Query")) {
            for (Element select : Xml.children(q, "Select")) {
                if (!select.hasAttribute("Path")) {
                    throw new UserError("Failed to parse query " + where
                            + ": a Select element has no Path attribute. Name the channel it reads, e.g. Path=\"Security\".");
                }
                channels.add(select.getAttribute("Path"));
            }
        }
        return channels;
    }
}
