package org.openwec.adapters.wef.kerberos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The multipart/encrypted framing alone, as OpenWEC server/src/multipart.rs (a41b95f) reads and writes it. */
class EncryptedBodyTest {

    private static final String WINDOWS_TYPE =
            "multipart/encrypted;protocol=\"application/HTTP-Kerberos-session-encrypted\";boundary=\"Encrypted Boundary\"";

    @Test
    void reads_the_body_windows_sends() {
        byte[] sealed = {60, 0, 0, 0, 5, 4, 6, (byte) 0xff, '-', '-', '\r', '\n'};
        byte[] body = concat(("--Encrypted Boundary\r\n"
                + "\tContent-Type: application/HTTP-Kerberos-session-encrypted\r\n"
                + "\tOriginalContent: type=application/soap+xml;charset=UTF-16;Length=3240\r\n"
                + "--Encrypted Boundary\r\n"
                + "\tContent-Type: application/octet-stream\r\n").getBytes(StandardCharsets.ISO_8859_1), sealed,
                "--Encrypted Boundary--\r\n".getBytes(StandardCharsets.ISO_8859_1));

        EncryptedBody.Part part = EncryptedBody.parse(WINDOWS_TYPE, body, Scheme.KERBEROS);

        assertThat(part.originalLength()).isEqualTo(3240);
        assertThat(part.sealed()).isEqualTo(sealed);
    }

    @Test
    void writes_what_it_reads() {
        byte[] sealed = {1, 2, 3, '\r', '\n'};
        byte[] body = EncryptedBody.format(Scheme.NEGOTIATE, sealed, 42);

        EncryptedBody.Part part = EncryptedBody.parse(EncryptedBody.contentType(Scheme.NEGOTIATE), body, Scheme.NEGOTIATE);

        assertThat(part).usingRecursiveComparison().isEqualTo(new EncryptedBody.Part(42, sealed));
    }

    @Test
    void refuses_what_does_not_fit_the_scheme_or_the_frame() {
        byte[] body = EncryptedBody.format(Scheme.KERBEROS, new byte[] {1}, 1);
        assertThatThrownBy(() -> EncryptedBody.parse(WINDOWS_TYPE, body, Scheme.NEGOTIATE))
                .hasMessageContaining("expected application/HTTP-SPNEGO-session-encrypted");
        assertThatThrownBy(() -> EncryptedBody.parse("application/soap+xml;charset=UTF-16", body, Scheme.KERBEROS))
                .hasMessageContaining("not multipart/encrypted");
        assertThatThrownBy(() -> EncryptedBody.parse(WINDOWS_TYPE, new byte[] {1, 2}, Scheme.KERBEROS))
                .hasMessageContaining("no opening boundary");
        assertThatThrownBy(() -> WrapTokens.join(new byte[] {(byte) 200, 0, 0, 0, 5, 4}))
                .hasMessageContaining("announces a 200-byte token header");
        assertThatThrownBy(() -> WrapTokens.join(new byte[] {16, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))
                .hasMessageContaining("not an RFC 4121 wrap token");
    }

    private static byte[] concat(byte[]... parts) {
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
