package org.openwec.adapters.wef;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeXmlTest {

    @Test
    void a_text_xml_allows_is_returned_as_it_is() {
        String text = "<e>tab\t lf\n cr\r é 你好 \uD834\uDD1E \uE000 \uFFFD</e>";

        assertThat(SafeXml.replaceNonXmlChars(text)).isSameAs(text);
    }

    @Test
    void forbidden_characters_and_lone_surrogates_are_written_as_their_code_point() {
        assertThat(SafeXml.replaceNonXmlChars("a\u0005b\u001Fc\uFFFEd\uFFFF"))
                .isEqualTo("a\\u{5}b\\u{1f}c\\u{fffe}d\\u{ffff}");
        assertThat(SafeXml.replaceNonXmlChars("lone high \uD834 x")).isEqualTo("lone high \\u{d834} x");
        assertThat(SafeXml.replaceNonXmlChars("lone low \uDD1E x")).isEqualTo("lone low \\u{dd1e} x");
        assertThat(SafeXml.replaceNonXmlChars("high at the end \uD834")).isEqualTo("high at the end \\u{d834}");
        assertThat(SafeXml.replaceNonXmlChars("pair then bad \uD834\uDD1E\u0001"))
                .isEqualTo("pair then bad \uD834\uDD1E\\u{1}");
    }
}
