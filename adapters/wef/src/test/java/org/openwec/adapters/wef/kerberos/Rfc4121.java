package org.openwec.adapters.wef.kerberos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;

/**
 * A header-separated sealed token opened by the letter of RFC 4121 section 4.2.4 and 4.2.5, with Kerby's
 * RFC 3961 crypto instead of the JDK's GSS-API: rotate the token data left by RRC, decrypt it with the key
 * usage of the sender's side, and find the plain text followed by EC filler bytes and the copy of the token
 * header whose RRC is zero.
 */
final class Rfc4121 {

    private Rfc4121() {}

    static byte[] open(byte[] headerSeparated, javax.security.auth.kerberos.EncryptionKey key, int keyUsage)
            throws KrbException {
        int headerLength = ByteBuffer.wrap(headerSeparated, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] token = Arrays.copyOfRange(headerSeparated, 4, headerSeparated.length);
        byte[] header = Arrays.copyOf(token, 16);
        int ec = ((header[4] & 0xff) << 8) | (header[5] & 0xff);
        int rrc = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
        assertThat(rrc).as("RRC").isEqualTo(28);
        assertThat(headerLength).as("header part: header, RRC bytes, confounder").isEqualTo(16 + rrc + 16);
        int dataLength = token.length - 16;
        byte[] cipher = new byte[dataLength];
        for (int i = 0; i < dataLength; i++) {
            cipher[i] = token[16 + (i + rrc) % dataLength];
        }
        byte[] decrypted = EncryptionHandler.decrypt(cipher,
                new EncryptionKey(EncryptionType.fromValue(key.getKeyType()), key.getEncoded()),
                KeyUsage.fromValue(keyUsage));
        byte[] copy = Arrays.copyOfRange(decrypted, decrypted.length - 16, decrypted.length);
        byte[] expected = header.clone();
        expected[6] = 0;
        expected[7] = 0;
        assertThat(copy).as("the encrypted copy of the header, RRC zero").isEqualTo(expected);
        return Arrays.copyOf(decrypted, decrypted.length - 16 - ec);
    }
}
