package org.openwec.adapters.wef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.openwec.adapters.wef.WefMessageException.Reason;

class BodyTextTest {

    private static final String XML = "<s:Envelope>é 你好 \uD834\uDD1E</s:Envelope>";

    @Test
    void the_captured_enumerate_body_is_utf16le_with_a_byte_order_mark() {
        byte[] body = Captures.hex("enumerate-request.utf16le.hex");

        BodyText text = BodyText.decode(body);

        assertThat(body).hasSize(3240);
        assertThat(text.charset()).isEqualTo(StandardCharsets.UTF_16LE);
        assertThat(text.replacedMalformed()).isFalse();
        assertThat(text.text()).startsWith("<s:Envelope xmlns:s=").endsWith("</s:Envelope>").hasSize(1619);
    }

    @Test
    void every_supported_form_decodes_to_the_same_text_without_its_mark() {
        assertDecodes(concat(bytes(0xFF, 0xFE), XML.getBytes(StandardCharsets.UTF_16LE)), StandardCharsets.UTF_16LE);
        assertDecodes(concat(bytes(0xFE, 0xFF), XML.getBytes(StandardCharsets.UTF_16BE)), StandardCharsets.UTF_16BE);
        assertDecodes(XML.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE);
        assertDecodes(concat(bytes(0xEF, 0xBB, 0xBF), XML.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertDecodes(XML.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    @Test
    void text_of_single_byte_characters_reads_the_same_as_any_other() {
        String latin1 = "<s:Envelope>caf\u00e9 \u00ff\u0001 \u0000]]></s:Envelope>";

        assertThat(BodyText.decode(concat(bytes(0xFF, 0xFE), latin1.getBytes(StandardCharsets.UTF_16LE))).text())
                .isEqualTo(latin1);
        assertThat(BodyText.decode(concat(bytes(0xFE, 0xFF), latin1.getBytes(StandardCharsets.UTF_16BE))).text())
                .isEqualTo(latin1);
        assertThat(BodyText.decode(latin1.getBytes(StandardCharsets.UTF_16LE)).text()).isEqualTo(latin1);
        // one character above U+00FF at the very end still takes the general path, whole
        assertThat(BodyText.decode(utf16le(latin1 + "\u0100")).text()).isEqualTo(latin1 + "\u0100");
        assertThat(BodyText.decode(utf16le(latin1 + "\uD800")).text()).isEqualTo(latin1 + "\uFFFD");
    }

    @Test
    void answers_are_utf16le_after_the_mark_ff_fe() {
        byte[] encoded = BodyText.encode("<a>é\uD834\uDD1E</a>");

        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo("fffe" + "3c0061003e00" + "e900" + "34d81edd" + "3c002f0061003e00");
        assertThat(BodyText.decode(encoded).text()).isEqualTo("<a>é\uD834\uDD1E</a>");
        assertThat(BodyText.CONTENT_TYPE).isEqualTo("application/soap+xml;charset=UTF-16");
    }

    @Test
    void broken_utf16_inside_an_event_is_replaced_and_reported_not_refused() {
        // "<a>" then a lone high surrogate then "</a>": Windows sends such event data now and then.
        byte[] body = concat(bytes(0xFF, 0xFE), "<a>".getBytes(StandardCharsets.UTF_16LE), bytes(0x00, 0xD8),
                "</a>".getBytes(StandardCharsets.UTF_16LE));

        BodyText text = BodyText.decode(body);

        assertThat(text.text()).isEqualTo("<a>\uFFFD</a>");
        assertThat(text.replacedMalformed()).isTrue();
        // only the lone surrogate goes: the JDK's own replacing decoder also eats the unit after it
        assertThat(BodyText.decode(utf16le("x\uDC00]]>\uD834\uDD1E\uD800")).text()).isEqualTo("x\uFFFD]]>\uD834\uDD1E\uFFFD");
        assertThat(BodyText.decode(utf16be("<a>\uDD1E\uD834</a>")).text()).isEqualTo("<a>\uFFFD\uFFFD</a>");
        assertThat(BodyText.decode(utf16le("<a>\uD834\uDD1E</a>")).replacedMalformed()).isFalse();
    }

    /** Code units as they are, lone surrogates included (String.getBytes would replace them with '?'). */
    private static byte[] utf16le(String units) {
        return utf16(units, true);
    }

    private static byte[] utf16be(String units) {
        return utf16(units, false);
    }

    private static byte[] utf16(String units, boolean littleEndian) {
        byte[] bytes = new byte[2 + 2 * units.length()];
        for (int i = -1; i < units.length(); i++) {
            char unit = i < 0 ? '\uFEFF' : units.charAt(i);
            bytes[2 + 2 * i + (littleEndian ? 0 : 1)] = (byte) unit;
            bytes[3 + 2 * i - (littleEndian ? 0 : 1)] = (byte) (unit >>> 8);
        }
        return bytes;
    }

    @Test
    void broken_utf8_is_replaced_and_reported() {
        BodyText text = BodyText.decode(concat("<a>".getBytes(StandardCharsets.UTF_8), bytes(0xC3), "</a>".getBytes(StandardCharsets.UTF_8)));

        assertThat(text.text()).isEqualTo("<a>\uFFFD</a>");
        assertThat(text.replacedMalformed()).isTrue();
    }

    @Test
    void unreadable_bodies_are_refused_with_what_is_wrong() {
        assertRefused(new byte[0], Reason.EMPTY_BODY, "The request body is empty");
        assertRefused(concat(bytes(0xFF, 0xFE), "<a/>".getBytes(StandardCharsets.UTF_16LE), bytes(0x3C)),
                Reason.UNREADABLE_TEXT, "is UTF-16 with an odd number of bytes (11): it was cut short");
        assertRefused(concat(bytes(0xFF, 0xFE, 0, 0), "<a/>".getBytes(Charset.forName("UTF-32LE"))),
                Reason.UNREADABLE_TEXT, "starts with a UTF-32 byte order mark");
        assertRefused(concat(bytes(0, 0, 0xFE, 0xFF), "<a/>".getBytes(Charset.forName("UTF-32BE"))),
                Reason.UNREADABLE_TEXT, "starts with a UTF-32 byte order mark");
        assertRefused("<a/>".getBytes(StandardCharsets.UTF_16BE), Reason.UNREADABLE_TEXT, "UTF-16BE without a byte order mark");
    }

    private static void assertDecodes(byte[] body, Charset charset) {
        BodyText text = BodyText.decode(body);
        assertThat(text.text()).isEqualTo(XML);
        assertThat(text.charset()).isEqualTo(charset);
        assertThat(text.replacedMalformed()).isFalse();
    }

    private static void assertRefused(byte[] body, Reason reason, String message) {
        assertThatThrownBy(() -> BodyText.decode(body)).isInstanceOfSatisfying(WefMessageException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(message);
        });
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
