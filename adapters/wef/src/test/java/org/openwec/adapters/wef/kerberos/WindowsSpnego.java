package org.openwec.adapters.wef.kerberos;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * SPNEGO tokens as Windows writes them (RFC 4178; MS-SPNG): the NegTokenInit lists Microsoft's Kerberos OID
 * first (1.2.840.48018.1.2.2), then the standard one, NegoEx and NTLM, with the Kerberos AP-REQ as the
 * optimistic mechToken and no mechListMIC. The JDK's initiator writes another list (its own Kerberos OID
 * only), so the tests build Windows' around a raw Kerberos token.
 */
final class WindowsSpnego {

    static final byte[] MS_KRB5 = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x82, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
    private static final byte[] KRB5 = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
    private static final byte[] NEGOEX = {0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, (byte) 0x82, 0x37, 0x02, 0x02, 0x1e};
    private static final byte[] NTLM = {0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, (byte) 0x82, 0x37, 0x02, 0x02, 0x0a};
    private static final byte[] SPNEGO = {0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02};

    private WindowsSpnego() {}

    /** The InitialContextToken Windows sends around a Kerberos AP-REQ token. */
    static byte[] negTokenInit(byte[] krb5Token) {
        byte[] mechTypes = tlv(0xa0, tlv(0x30, concat(MS_KRB5, KRB5, NEGOEX, NTLM)));
        byte[] mechToken = tlv(0xa2, tlv(0x04, krb5Token));
        return tlv(0x60, concat(SPNEGO, tlv(0xa0, tlv(0x30, concat(mechTypes, mechToken)))));
    }

    /** The parts of the acceptor's NegTokenResp: the supportedMech OID (whole TLV) and the responseToken. */
    record Response(byte[] supportedMech, byte[] responseToken) {}

    static Response negTokenResp(byte[] token) {
        int[] outer = header(token, 0); // A1
        int[] sequence = header(token, outer[0]); // 30
        byte[] mech = null;
        byte[] response = null;
        int at = sequence[0];
        int end = sequence[0] + sequence[1];
        while (at < end) {
            int tag = token[at] & 0xff;
            int[] field = header(token, at);
            if (tag == 0xa1) {
                int[] oid = header(token, field[0]);
                mech = Arrays.copyOfRange(token, field[0], oid[0] + oid[1]);
            } else if (tag == 0xa2) {
                int[] octets = header(token, field[0]);
                response = Arrays.copyOfRange(token, octets[0], octets[0] + octets[1]);
            }
            at = field[0] + field[1];
        }
        return new Response(mech, response);
    }

    /** {contents offset, contents length} of the TLV at {@code at}. */
    private static int[] header(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return new int[] {at + 2, first};
        }
        int bytes = first & 0x7f;
        int length = 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        return new int[] {at + 2 + bytes, length};
    }

    private static byte[] tlv(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = contents.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
