package org.openwec.adapters.wef.kerberos;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * RFC 4121 wrap tokens in the "header separated" form Windows uses for WinRM message encryption (MS-WSMV; the
 * capture in OpenWEC doc/protocol.md at a41b95f): a 4-byte little-endian length, then the token header
 * together with the start of the rotated token data (60 bytes for AES: the 16-byte header, RRC = 28 rotated
 * bytes - the encrypted header copy and the 12-byte checksum - and the 16-byte confounder), then the sealed
 * data, as long as the plain text.
 *
 * <p>Put back together (header, then data) this is one whole RFC 4121 token with a right rotation count; the
 * JDK's {@code GSSContext.unwrap} rotates it back by itself (sun.security.jgss.krb5.MessageToken_v2). The JDK
 * never rotates what it wraps, so answers are rotated here: RFC 4121 section 4.2.5 keeps RRC out of the
 * checksum and the encrypted header copy, so rotating after sealing is allowed.
 */
public final class WrapTokens {

    /** RFC 4121 section 4.2.6.2: TOK_ID 05 04 for a wrap token. */
    private static final int TOKEN_HEADER = 16;
    private static final int RRC_OFFSET = 6;
    /** The AES block: the confounder that starts every sealed token's data. */
    private static final int CONFOUNDER = 16;

    private WrapTokens() {}

    /**
     * The whole token carried by a header-separated message: its header part and its data, joined.
     *
     * @throws IllegalArgumentException when the length prefix does not fit the message
     */
    public static byte[] join(byte[] headerSeparated) {
        if (headerSeparated.length < 4) {
            throw new IllegalArgumentException("the encrypted part is " + headerSeparated.length
                    + " bytes, shorter than its 4-byte header length");
        }
        long headerLength = Integer.toUnsignedLong(ByteBuffer.wrap(headerSeparated, 0, 4)
                .order(ByteOrder.LITTLE_ENDIAN).getInt());
        if (headerLength < TOKEN_HEADER || headerLength > headerSeparated.length - 4) {
            throw new IllegalArgumentException("the encrypted part announces a " + headerLength
                    + "-byte token header but holds " + (headerSeparated.length - 4) + " bytes");
        }
        byte[] token = Arrays.copyOfRange(headerSeparated, 4, headerSeparated.length);
        if ((token[0] & 0xff) != 0x05 || (token[1] & 0xff) != 0x04) {
            throw new IllegalArgumentException(String.format(
                    "the encrypted part is not an RFC 4121 wrap token (TOK_ID %02x %02x, expected 05 04)",
                    token[0] & 0xff, token[1] & 0xff));
        }
        return token;
    }

    /**
     * The header-separated form of a sealed token the JDK made (RRC 0): its data rotated right so that the
     * header part ends where the sealed copy of the plain text starts, RRC set to the rotation, and the
     * header part's length in front.
     *
     * @param token a sealed RFC 4121 wrap token, not rotated
     * @param plainLength the length of the plain text it seals: with AES (CTS mode) the sealed copy is as long
     */
    public static byte[] separate(byte[] token, int plainLength) {
        int rotation = token.length - TOKEN_HEADER - CONFOUNDER - plainLength;
        if (token.length < TOKEN_HEADER || (token[0] & 0xff) != 0x05 || (token[1] & 0xff) != 0x04 || rotation < 0
                || rotation > 0xffff) {
            throw new IllegalArgumentException("not a sealed RFC 4121 wrap token of " + plainLength + " bytes");
        }
        if (token[RRC_OFFSET] != 0 || token[RRC_OFFSET + 1] != 0) {
            throw new IllegalArgumentException("the token is already rotated");
        }
        int dataLength = token.length - TOKEN_HEADER;
        int headerLength = TOKEN_HEADER + rotation + CONFOUNDER;
        ByteBuffer out = ByteBuffer.allocate(4 + token.length);
        out.order(ByteOrder.LITTLE_ENDIAN).putInt(headerLength).order(ByteOrder.BIG_ENDIAN);
        out.put(token, 0, RRC_OFFSET).putShort((short) rotation).put(token, RRC_OFFSET + 2, TOKEN_HEADER - RRC_OFFSET - 2);
        // Right rotation by RRC: the last RRC bytes of the data come first.
        out.put(token, TOKEN_HEADER + dataLength - rotation, rotation);
        out.put(token, TOKEN_HEADER, dataLength - rotation);
        return out.array();
    }
}
