package org.openwec.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

class BookmarkPositionTest {

    private static Map<String, Long> ids(String bookmark) {
        return BookmarkPosition.parse(bookmark).recordIds();
    }

    @Test
    void readsTheBookmarkAWindowsClientSends() {
        assertThat(ids("<BookmarkList><Bookmark Channel=\"Security\" RecordId=\"123456\" IsCurrent=\"true\"/></BookmarkList>"))
                .containsExactly(Map.entry("Security", 123456L));
    }

    @Test
    void readsSeveralChannelsWithWhitespaceCommentsAndADeclaration() {
        String text = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- sent by WIN10 -->
                <BookmarkList Direction='backward'>
                  <Bookmark Channel='Microsoft-Windows-Sysmon/Operational' RecordId='42'/>
                  <Bookmark Channel="System" RecordId="7" IsCurrent="true"></Bookmark>
                  <Other><Bookmark Channel="Ignored" RecordId="1"/></Other>
                </BookmarkList>
                """;
        assertThat(ids(text)).containsExactly(
                Map.entry("Microsoft-Windows-Sysmon/Operational", 42L), Map.entry("System", 7L));
    }

    @Test
    void decodesReferencesInAttributesAndIgnoresPrefixes() {
        assertThat(ids("<w:BookmarkList xmlns:w='x'><w:Bookmark Channel=\"A&amp;B&#32;&#x43;\" RecordId=\"1\"/></w:BookmarkList>"))
                .containsExactly(Map.entry("A&B C", 1L));
    }

    @Test
    void recordIdsAreUnsigned64BitNumbers() {
        BookmarkPosition max = BookmarkPosition.parse(Fixture.bookmark("S", "18446744073709551615"));
        BookmarkPosition big = BookmarkPosition.parse(Fixture.bookmark("S", "9223372036854775808"));
        assertThat(max.isComparable()).isTrue();
        assertThat(big.isBehind(max)).isTrue();
        assertThat(max.isBehind(big)).isFalse();
        assertThat(max.toString()).isEqualTo("S=18446744073709551615");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "http://schemas.dmtf.org/wbem/wsman/1/wsman/bookmark/earliest",
            "<BookmarkList/>",
            "<BookmarkList></BookmarkList>",
            "<Bookmarks><Bookmark Channel=\"S\" RecordId=\"1\"/></Bookmarks>",
            "<BookmarkList><Bookmark Channel=\"S\" RecordId=\"1\"/>",
            "<BookmarkList><Bookmark Channel=\"S\" RecordId=\"1\"></BookmarkList>",
            "<BookmarkList><Bookmark Channel=\"S\" RecordId=\"1\"/></bookmarklist>",
            "<BookmarkList><Bookmark Channel=\"S\" RecordId=\"1\"/></BookmarkList>trailing",
            "<BookmarkList><Bookmark Channel=\"S\" RecordId=\"1\"/></BookmarkList><BookmarkList/>",
            "<BookmarkList><Bookmark Channel=\"S\"/></BookmarkList>",
            "<BookmarkList><Bookmark RecordId=\"1\"/></BookmarkList>",
            "<BookmarkList><Bookmark Channel=\"S\" RecordId=\"-1\"/></BookmarkList>",
            "<BookmarkList><Bookmark Channel=\"S\" RecordId=\"+1\"/></BookmarkList>",
            "<BookmarkList><Bookmark Channel=\"S\" RecordId=\" 1\"/></BookmarkList>",
            "<BookmarkList><Bookmark Channel=\"S\" RecordId=\"0x10\"/></BookmarkList>",
            "<BookmarkList><Bookmark Channel=\"S\" RecordId=\"18446744073709551616\"/></BookmarkList>",
            "<BookmarkList><Bookmark Channel=\"S\" RecordId=\"\u0663\"/></BookmarkList>",
            "<BookmarkList><Bookmark Channel=\"S\" RecordId=\"1\"/><Bookmark Channel=\"s\" RecordId=\"2\"/></BookmarkList>",
            "<BookmarkList><Bookmark Channel=\"S\" Channel=\"T\" RecordId=\"1\"/></BookmarkList>",
            "<BookmarkList><Bookmark Channel=\"S\"RecordId=\"1\"/></BookmarkList>",
            "<BookmarkList><Bookmark Channel=S RecordId=\"1\"/></BookmarkList>",
            "<BookmarkList><Bookmark Channel=\"S&undefined;\" RecordId=\"1\"/></BookmarkList>",
            "<BookmarkList><Bookmark Channel=\"S&#0;\" RecordId=\"1\"/></BookmarkList>",
            "<BookmarkList><Bookmark Channel=\"<S\" RecordId=\"1\"/></BookmarkList>",
            "<BookmarkList><Bookmark Channel=\"S\" RecordId=\"1\"/> & </BookmarkList>",
            "<BookmarkList><!-- a -- b --><Bookmark Channel=\"S\" RecordId=\"1\"/></BookmarkList>",
            "<BookmarkList><Bookmark Channel=\"S\u0001\" RecordId=\"1\"/></BookmarkList>",
            "<?xml version=\"1.0\"?><?xml version=\"1.0\"?><BookmarkList><Bookmark Channel=\"S\" RecordId=\"1\"/></BookmarkList>",
            // No DTD: neither external entities (XXE) nor entity expansion ("billion laughs") can be reached.
            "<!DOCTYPE BookmarkList [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><BookmarkList><Bookmark Channel=\"&x;\" RecordId=\"1\"/></BookmarkList>",
            "<!DOCTYPE BookmarkList [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><BookmarkList><Bookmark Channel=\"&b;\" RecordId=\"1\"/></BookmarkList>",
            "<BookmarkList><!DOCTYPE x><Bookmark Channel=\"S\" RecordId=\"1\"/></BookmarkList>",
    })
    void anythingElseIsNotComparable(String text) {
        assertThat(BookmarkPosition.parse(text)).isSameAs(BookmarkPosition.NOT_COMPARABLE);
        assertThat(BookmarkPosition.parse(text).isComparable()).isFalse();
    }

    @Test
    void nullIsNotComparable() {
        assertThat(BookmarkPosition.parse(null).isComparable()).isFalse();
    }

    @Test
    void behindMeansBehindOnEveryChannelBothName() {
        BookmarkPosition stored = BookmarkPosition.of(Map.of("Security", 100L, "System", 50L));
        assertThat(BookmarkPosition.of(Map.of("Security", 99L, "System", 49L)).isBehind(stored)).isTrue();
        assertThat(BookmarkPosition.of(Map.of("Security", 99L)).isBehind(stored)).isTrue();
        assertThat(BookmarkPosition.of(Map.of("security", 99L, "Application", 5L)).isBehind(stored))
                .as("channel names compare case-insensitively; a channel only one names proves nothing").isTrue();
        assertThat(BookmarkPosition.of(Map.of("Security", 99L, "System", 50L)).isBehind(stored))
                .as("equal on one channel").isFalse();
        assertThat(BookmarkPosition.of(Map.of("Security", 99L, "System", 51L)).isBehind(stored))
                .as("ahead on one channel").isFalse();
        assertThat(BookmarkPosition.of(Map.of("Security", 100L, "System", 50L)).isBehind(stored)).isFalse();
        assertThat(BookmarkPosition.of(Map.of("Application", 1L)).isBehind(stored)).as("no common channel").isFalse();
        assertThat(BookmarkPosition.NOT_COMPARABLE.isBehind(stored)).isFalse();
        assertThat(stored.isBehind(BookmarkPosition.NOT_COMPARABLE)).isFalse();
    }

    /**
     * The parser against the JDK's (with DTDs refused): on well-formed and broken variants of bookmarks, ours
     * finds a position exactly when the JDK parses the text into a usable bookmark list, and the same one.
     */
    @Test
    void agreesWithTheJdkParserOnManyVariants() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        Random random = new Random(20261125L);
        List<String> corpus = new ArrayList<>(List.of(
                Fixture.bookmark("Security", "123456"),
                "<?xml version=\"1.0\"?>\n<BookmarkList>\r\n <Bookmark Channel=\"Sys\ttem\" RecordId=\"7\"/><!--c--></BookmarkList>\n",
                "<BookmarkList><Bookmark Channel='A&lt;B' RecordId='1'/><Bookmark Channel=\"C\" RecordId=\"2\"><x/></Bookmark></BookmarkList>",
                "<BookmarkList><![CDATA[ <x> ]]><?pi data?><Bookmark Channel=\"&#x10000;\" RecordId=\"3\"/></BookmarkList>"));
        String alphabet = "<>/=\"'&;#!-?[] \t\nxBookmarkListChannelRecordId0123456789\u00e9\u0001";
        int agreedComparable = 0;
        for (int round = 0; round < 20_000; round++) {
            String base = corpus.get(random.nextInt(corpus.size()));
            StringBuilder text = new StringBuilder(base);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && text.length() > 0; e++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String variant = random.nextInt(10) == 0 ? base : text.toString();
            Map<String, Long> expected = viaJdk(builder, variant);
            BookmarkPosition ours = BookmarkPosition.parse(variant);
            if (expected == null) {
                assertThat(ours.isComparable()).as("JDK refuses %s", variant).isFalse();
            } else {
                assertThat(ours.recordIds()).as("JDK reads %s", variant).isEqualTo(expected);
                agreedComparable++;
            }
        }
        assertThat(agreedComparable).as("enough variants stay comparable to compare").isGreaterThan(1000);
    }

    /** The position the JDK parser sees, or null when it fails or the list is not usable. */
    private static Map<String, Long> viaJdk(DocumentBuilder builder, String text) {
        Element root;
        try {
            root = builder.parse(new InputSource(new StringReader(text))).getDocumentElement();
        } catch (Exception e) {
            return null;
        }
        if (!localName(root.getTagName()).equals("BookmarkList")) {
            return null;
        }
        Map<String, Long> ids = new LinkedHashMap<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e) || !localName(e.getTagName()).equals("Bookmark")) {
                continue;
            }
            String channel = attribute(e, "Channel");
            String id = attribute(e, "RecordId");
            if (channel == null || id == null || !id.matches("[0-9]{1,20}")) {
                return null;
            }
            long value;
            try {
                value = Long.parseUnsignedLong(id);
            } catch (NumberFormatException ex) {
                return null;
            }
            if (ids.keySet().stream().anyMatch(channel::equalsIgnoreCase)) {
                return null;
            }
            ids.put(channel, value);
        }
        return ids.isEmpty() ? null : ids;
    }

    private static String attribute(Element e, String localName) {
        String found = null;
        for (int i = 0; i < e.getAttributes().getLength(); i++) {
            Node a = e.getAttributes().item(i);
            if (localName(a.getNodeName()).equals(localName)) {
                if (found != null) {
                    return null;
                }
                found = a.getNodeValue();
            }
        }
        return found;
    }

    private static String localName(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    private static final class Fixture {
        static String bookmark(String channel, String recordId) {
            return "<BookmarkList><Bookmark Channel=\"" + channel + "\" RecordId=\"" + recordId
                    + "\" IsCurrent=\"true\"/></BookmarkList>";
        }
    }
}
