package org.openwec.adapters.wef;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A message body as text. Windows sends UTF-16LE with a byte order mark; the other UTF-16 and UTF-8 forms are
 * read too, so that tools and tests need not mimic Windows. Answers go out the way Windows expects them:
 * {@code FF FE} then UTF-16LE, labelled {@link #CONTENT_TYPE}.
 *
 * @param text the body without its byte order mark
 * @param charset what the body was decoded from
 * @param replacedMalformed whether sequences that were not valid in {@code charset} were replaced by U+FFFD:
 *                          Windows sends event data with broken UTF-16 now and then, and OpenWEC keeps such
 *                          events rather than refusing the whole batch forever (common/src/encoding.rs at a41b95f)
 */
public record BodyText(String text, Charset charset, boolean replacedMalformed) {

    public static final String CONTENT_TYPE = "application/soap+xml;charset=UTF-16";

    private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};

    /** @throws WefMessageException {@link WefMessageException.Reason#UNREADABLE_TEXT} or {@link WefMessageException.Reason#EMPTY_BODY} */
    public static BodyText decode(byte[] body) {
        int n = body.length;
        if (n == 0) {
            throw new WefMessageException(WefMessageException.Reason.EMPTY_BODY, "The request body is empty");
        }
        if (n >= 4 && (startsWith(body, 0xFF, 0xFE, 0x00, 0x00) || startsWith(body, 0x00, 0x00, 0xFE, 0xFF))) {
            throw unreadable("starts with a UTF-32 byte order mark; send UTF-16 (as Windows does) or UTF-8");
        }
        if (startsWith(body, 0xFF, 0xFE)) {
            return utf16(body, 2, StandardCharsets.UTF_16LE);
        }
        if (startsWith(body, 0xFE, 0xFF)) {
            return utf16(body, 2, StandardCharsets.UTF_16BE);
        }
        if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
            return decode(body, 3, StandardCharsets.UTF_8);
        }
        if (body[0] == 0) {
            throw unreadable("starts with a zero byte: UTF-16BE without a byte order mark is not supported");
        }
        // No mark: XML text starts with an ASCII character, whose second UTF-16LE byte is zero.
        if (n >= 2 && body[1] == 0) {
            return utf16(body, 0, StandardCharsets.UTF_16LE);
        }
        return decode(body, 0, StandardCharsets.UTF_8);
    }

    /** The answer body: byte order mark {@code FF FE}, then the text in UTF-16LE. */
    public static byte[] encode(String text) {
        ByteBuffer encoded = StandardCharsets.UTF_16LE.encode(text);
        byte[] bytes = new byte[UTF16LE_BOM.length + encoded.remaining()];
        System.arraycopy(UTF16LE_BOM, 0, bytes, 0, UTF16LE_BOM.length);
        encoded.get(bytes, UTF16LE_BOM.length, encoded.remaining());
        return bytes;
    }

    /**
     * UTF-16 by hand: the JDK's decoder, told to replace, also swallows the code unit after a lone surrogate,
     * which may be the {@code <} or {@code ]} the XML around the broken event needs. Here only the lone
     * surrogate becomes U+FFFD, as the WHATWG decoder OpenWEC uses does.
     */
    private static BodyText utf16(byte[] body, int offset, Charset charset) {
        if ((body.length - offset) % 2 != 0) {
            throw unreadable("is UTF-16 with an odd number of bytes (" + body.length + "): it was cut short");
        }
        boolean littleEndian = charset.equals(StandardCharsets.UTF_16LE);
        int units = (body.length - offset) / 2;
        String latin1 = latin1(body, offset, units, littleEndian);
        if (latin1 != null) {
            return new BodyText(latin1, charset, false);
        }
        char[] chars = new char[units];
        boolean replaced = false;
        for (int i = 0; i < units; i++) {
            chars[i] = unit(body, offset + 2 * i, littleEndian);
        }
        for (int i = 0; i < units; i++) {
            char c = chars[i];
            if (Character.isHighSurrogate(c) && i + 1 < units && Character.isLowSurrogate(chars[i + 1])) {
                i++;
            } else if (Character.isSurrogate(c)) {
                chars[i] = '\uFFFD';
                replaced = true;
            }
        }
        return new BodyText(new String(chars), charset, replaced);
    }

    /**
     * The text when every code unit is below U+0100, null otherwise. Nearly every message Windows sends is such
     * text: one pass then keeps it as the one-byte-per-character string the JDK would make of it anyway, where the
     * general path fills a char array, looks for surrogates, and compacts the array again (a third of the CPU time
     * of reading an Events message, docs/benchmarks.md "Load run"). No such unit can be a surrogate.
     */
    private static String latin1(byte[] body, int offset, int units, boolean littleEndian) {
        int low = littleEndian ? 0 : 1;
        int high = 1 - low;
        byte[] chars = new byte[units];
        for (int i = 0, at = offset; i < units; i++, at += 2) {
            if (body[at + high] != 0) {
                return null;
            }
            chars[i] = body[at + low];
        }
        return new String(chars, StandardCharsets.ISO_8859_1);
    }

    private static char unit(byte[] body, int at, boolean littleEndian) {
        int first = body[at] & 0xFF;
        int second = body[at + 1] & 0xFF;
        return (char) (littleEndian ? first | second << 8 : first << 8 | second);
    }

    private static BodyText decode(byte[] body, int offset, Charset charset) {
        ByteBuffer bytes = ByteBuffer.wrap(body, offset, body.length - offset);
        try {
            String strict = newDecoder(charset, CodingErrorAction.REPORT).decode(bytes.duplicate()).toString();
            return new BodyText(strict, charset, false);
        } catch (CharacterCodingException malformed) {
            try {
                CharBuffer lenient = newDecoder(charset, CodingErrorAction.REPLACE).decode(bytes);
                return new BodyText(lenient.toString(), charset, true);
            } catch (CharacterCodingException impossible) {
                throw new IllegalStateException("A replacing decoder reported a coding error", impossible);
            }
        }
    }

    private static CharsetDecoder newDecoder(Charset charset, CodingErrorAction onError) {
        return charset.newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError);
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static WefMessageException unreadable(String what) {
        return new WefMessageException(WefMessageException.Reason.UNREADABLE_TEXT, "The request body " + what);
    }
}
