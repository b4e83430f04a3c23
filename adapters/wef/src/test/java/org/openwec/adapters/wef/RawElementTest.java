package org.openwec.adapters.wef;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawElementTest {

    @Test
    void finds_the_nth_start_tag_and_its_matching_end_tag_past_what_only_looks_like_markup() {
        String text = "<?xml version='1.0'?><!-- <fake> --><r a='>' b=\"<\"><![CDATA[<x><y>]]><?pi <z>?>"
                + "<t k=\"v>w\">a<t>b</t><t/>c</t><u/></r>";

        assertThat(RawElement.nth(text, 1)).isEqualTo(text.substring(text.indexOf("<r ")));
        assertThat(RawElement.nth(text, 2)).isEqualTo("<t k=\"v>w\">a<t>b</t><t/>c</t>");
        assertThat(RawElement.nth(text, 3)).isEqualTo("<t>b</t>");
        assertThat(RawElement.nth(text, 4)).isEqualTo("<t/>");
        assertThat(RawElement.nth(text, 5)).isEqualTo("<u/>");
    }

    @Test
    void keeps_line_ends_and_spacing_as_written() {
        String element = "<BookmarkList>\r\n  <Bookmark Channel = 'Security'\tRecordId=\"1\" />\r\n</BookmarkList >";

        assertThat(RawElement.nth("<w:Bookmark>" + element + "</w:Bookmark>", 2)).isEqualTo(element);
    }
}
