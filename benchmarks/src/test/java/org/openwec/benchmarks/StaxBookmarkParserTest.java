package org.openwec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.BookmarkPosition;

/**
 * The StAX candidate gives the core parser's answers, so that {@link BookmarkParsing} compares two parsers
 * that do the same work: on the realistic samples, and on 20,000 mutated variants made as the core's own
 * comparison test makes them (BookmarkPositionTest.agreesWithTheJdkParserOnManyVariants: its corpus, plus a
 * DTD and a prefixed list; same seed and edits).
 */
class StaxBookmarkParserTest {
    /** A colon not followed by a character that may start a local name. */
    private static final Pattern NOT_A_QUALIFIED_NAME = Pattern.compile(":[^A-Za-z_\u00C0-\uFFFF]");

    @Test
    void theSamplesParseTheSame() {
        for (int channels : new int[] {1, 5}) {
            String sample = BookmarkParsing.sample(channels);
            BookmarkPosition stax = StaxBookmarkParser.parse(sample);
            assertThat(stax.recordIds()).hasSize(channels);
            assertThat(stax).isEqualTo(BookmarkPosition.parse(sample));
        }
    }

    @Test
    void agreesWithTheCoreParserOnManyVariants() {
        Random random = new Random(20261125L);
        List<String> corpus = new ArrayList<>(List.of(
                "<BookmarkList><Bookmark Channel=\"Security\" RecordId=\"123456\" IsCurrent=\"true\"/></BookmarkList>",
                "<?xml version=\"1.0\"?>\n<BookmarkList>\r\n <Bookmark Channel=\"Sys\ttem\" RecordId=\"7\"/><!--c--></BookmarkList>\n",
                "<BookmarkList><Bookmark Channel='A&lt;B' RecordId='1'/><Bookmark Channel=\"C\" RecordId=\"2\"><x/></Bookmark></BookmarkList>",
                "<BookmarkList><![CDATA[ <x> ]]><?pi data?><Bookmark Channel=\"&#x10000;\" RecordId=\"3\"/></BookmarkList>",
                "<!DOCTYPE BookmarkList [<!ENTITY a \"aaaa\">]><BookmarkList><Bookmark Channel=\"&a;\" RecordId=\"1\"/></BookmarkList>",
                "<w:BookmarkList xmlns:w='x'><w:Bookmark w:Channel=\"A\" RecordId=\"1\"/></w:BookmarkList>"));
        String alphabet = "<>/=\"'&;#!-?[] \t\nxBookmarkListChannelRecordId0123456789\u00e9\u0001";
        int comparable = 0;
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
            BookmarkPosition core = BookmarkPosition.parse(variant);
            BookmarkPosition stax = StaxBookmarkParser.parse(variant);
            if (NOT_A_QUALIFIED_NAME.matcher(variant).find()) {
                // The JDK's StAX reader holds names to "Namespaces in XML" even with namespace processing off
                // (it refuses an attribute named xmlns:5); the core parser reads them as plain XML 1.0 names.
                assertThat(stax.equals(core) || !stax.isComparable()).as("%s", variant).isTrue();
                continue;
            }
            assertThat(stax).as("%s", variant).isEqualTo(core);
            comparable += core.isComparable() ? 1 : 0;
        }
        assertThat(comparable).as("enough variants stay comparable to compare").isGreaterThan(1000);
    }
}
