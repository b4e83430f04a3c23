package org.openwec.adapters.wef.kerberos;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The tests' own reading of RFC 4121 section 4.2.5 and of the capture in OpenWEC doc/protocol.md (a41b95f),
 * kept apart from {@link WrapTokens} so that the production code is checked against a second writing: a sealed
 * token's data rotated right by EC + 16 + 12 (the encrypted header copy and the HMAC-SHA1-96 checksum, which
 * AES tokens carry), RRC set, and the first 16 + RRC + 16 bytes announced as the header.
 */
final class WindowsWrap {

    private WindowsWrap() {}

    static byte[] rotate(byte[] token, int plainLength) {
        int ec = ((token[4] & 0xff) << 8) | (token[5] & 0xff);
        int rrc = ec + 16 + 12;
        byte[] rotated = token.clone();
        int dataLength = token.length - 16;
        for (int i = 0; i < dataLength; i++) {
            rotated[16 + (i + rrc) % dataLength] = token[16 + i];
        }
        rotated[6] = (byte) (rrc >> 8);
        rotated[7] = (byte) rrc;
        int header = token.length - plainLength;
        return ByteBuffer.allocate(4 + token.length).order(ByteOrder.LITTLE_ENDIAN).putInt(header).put(rotated).array();
    }
}
