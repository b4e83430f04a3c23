package org.openwec.adapters.wef.kerberos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The collector's Kerberos acceptor against a real KDC (Kerby) and a JDK initiator playing the Windows machine:
 * context establishment (raw Kerberos and SPNEGO), WinRM's header-separated wrap tokens both ways, and the
 * refusals (replay, tampering, wrong service key, bad keytabs).
 */
class KerberosSessionTest {

    private static TestKdc kdc;
    private static KerberosAcceptor acceptor;
    private static TestInitiator machine;

    @BeforeAll
    static void realm() {
        kdc = TestKdc.get();
        acceptor = KerberosAcceptor.open(kdc.serviceKeytab(), TestKdc.SERVICE);
        machine = kdc.machine(TestKdc.MACHINE);
    }

    private record Pair(KerberosSession server, TestInitiator.Context client) {}

    private static Pair establish(Scheme scheme) throws Exception {
        KerberosSession server = acceptor.newSession();
        TestInitiator.Context client = machine.connect(TestKdc.SERVICE, scheme);
        KerberosSession.Accepted accepted = server.accept(client.authorization());
        client.reply(accepted.wwwAuthenticate());
        return new Pair(server, client);
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void a_machine_authenticates_with_mutual_authentication(Scheme scheme) throws Exception {
        KerberosSession server = acceptor.newSession();
        TestInitiator.Context client = machine.connect(TestKdc.SERVICE, scheme);

        KerberosSession.Accepted accepted = server.accept(client.authorization());

        assertThat(accepted.client()).isEqualTo("WIN10$@WINDOMAIN.LOCAL");
        assertThat(accepted.wwwAuthenticate()).startsWith(scheme.headerName() + " ");
        client.reply(accepted.wwwAuthenticate());
        assertThat(client.established()).isTrue();
        // Later requests of the connection carry no token.
        assertThat(server.accept(null)).isEqualTo(new KerberosSession.Accepted("WIN10$@WINDOMAIN.LOCAL", null));
    }

    @Test
    void the_reply_is_an_ap_rep_with_an_acceptor_subkey_and_a_sequence_number_as_in_the_capture() throws Exception {
        KerberosSession server = acceptor.newSession();
        TestInitiator.Context client = machine.connect(TestKdc.SERVICE, Scheme.KERBEROS);
        KerberosSession.Accepted accepted = server.accept(client.authorization());
        client.reply(accepted.wwwAuthenticate());

        // GSS framing (RFC 4121 4.1): 60, the krb5 OID, TOK_ID 02 00 (KRB5_AP_REP), then the AP-REP ([APPLICATION 15]).
        byte[] token = Base64.getDecoder().decode(accepted.wwwAuthenticate().substring("Kerberos ".length()));
        int oid = indexOf(token, new byte[] {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02});
        assertThat(token[0]).isEqualTo((byte) 0x60);
        assertThat(java.util.Arrays.copyOfRange(token, oid + 11, oid + 14)).containsExactly(0x02, 0x00, 0x6f);
        org.apache.kerby.kerberos.kerb.type.ap.ApRep apRep = new org.apache.kerby.kerberos.kerb.type.ap.ApRep();
        apRep.decode(java.util.Arrays.copyOfRange(token, oid + 13, token.length));
        javax.security.auth.kerberos.EncryptionKey key = machine.ticketSessionKey(TestKdc.SERVICE);
        org.apache.kerby.kerberos.kerb.type.ap.EncAPRepPart part = org.apache.kerby.kerberos.kerb.common.EncryptionUtil
                .unseal(apRep.getEncryptedEncPart(), new org.apache.kerby.kerberos.kerb.type.base.EncryptionKey(
                        key.getKeyType(), key.getEncoded()),
                        org.apache.kerby.kerberos.kerb.type.base.KeyUsage.AP_REP_ENCPART,
                        org.apache.kerby.kerberos.kerb.type.ap.EncAPRepPart.class);
        assertThat(apRep.getEncryptedEncPart().getEType().getValue()).as("AES, as Windows uses").isIn(17, 18);
        assertThat(part.getSubkey()).as("subkey").isNotNull();
        assertThat(part.getSeqNumber()).as("seq-number").isNotZero();
    }

    private static int indexOf(byte[] data, byte[] needle) {
        for (int i = 0; i <= data.length - needle.length; i++) {
            if (java.util.Arrays.equals(data, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void a_wrap_token_with_the_header_separated_and_rrc_28_decrypts(Scheme scheme) throws Exception {
        Pair pair = establish(scheme);
        byte[] plain = utf16("<s:Envelope>enumerate</s:Envelope>");

        byte[] body = pair.client().seal(plain);

        // The fields the capture in OpenWEC doc/protocol.md decodes: a 60-byte security token, TOK_ID 05 04,
        // AcceptorSubkey and Sealed (not SendByAcceptor), filler ff, EC 0, RRC 28, then the sealed data as long as
        // the plain text.
        byte[] sealed = EncryptedBody.parse(pair.client().contentType(), body, scheme).sealed();
        assertThat(ByteBuffer.wrap(sealed).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(60);
        assertThat(sealed[4]).isEqualTo((byte) 0x05);
        assertThat(sealed[5]).isEqualTo((byte) 0x04);
        assertThat(sealed[6]).isEqualTo((byte) 0x06);
        assertThat(sealed[7] & 0xff).isEqualTo(0xff);
        assertThat(sealed[8] << 8 | sealed[9]).isZero();
        assertThat(sealed[10] << 8 | sealed[11]).isEqualTo(28);
        assertThat(sealed.length - 4 - 60).isEqualTo(plain.length);

        assertThat(pair.server().open(pair.client().contentType(), body)).isEqualTo(plain);
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void answers_are_sealed_in_the_same_form(Scheme scheme) throws Exception {
        Pair pair = establish(scheme);
        byte[] plain = utf16("<s:Envelope>response</s:Envelope>");

        KerberosSession.Sealed answer = pair.server().seal(plain);

        assertThat(answer.contentType()).isEqualTo("multipart/encrypted;protocol=\"" + scheme.protocol()
                + "\";boundary=\"Encrypted Boundary\"");
        String text = new String(answer.body(), StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("--Encrypted Boundary\r\nContent-Type: " + scheme.protocol() + "\r\n"
                + "OriginalContent: type=application/soap+xml;charset=UTF-16;Length=" + plain.length + "\r\n"
                + "--Encrypted Boundary\r\nContent-Type: application/octet-stream\r\n");
        assertThat(text).endsWith("--Encrypted Boundary--\r\n");
        byte[] sealed = EncryptedBody.parse(answer.contentType(), answer.body(), scheme).sealed();
        assertThat(ByteBuffer.wrap(sealed).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(60);
        assertThat(sealed[6]).as("AcceptorSubkey, Sealed, SendByAcceptor").isEqualTo((byte) 0x07);
        assertThat(sealed[10] << 8 | sealed[11]).isEqualTo(28);
        // The rotation the tests write themselves (RFC 4121 4.2.5) gives the same header part.
        assertThat(pair.client().open(answer.contentType(), answer.body())).isEqualTo(plain);
    }

    @Test
    void a_negotiate_token_as_windows_writes_it_is_accepted() throws Exception {
        KerberosSession server = acceptor.newSession();
        TestInitiator.Context client = machine.connect(TestKdc.SERVICE, Scheme.KERBEROS);
        byte[] init = WindowsSpnego.negTokenInit(client.firstToken());

        KerberosSession.Accepted accepted = server.accept("Negotiate " + Base64.getEncoder().encodeToString(init));

        assertThat(accepted.client()).isEqualTo(TestKdc.MACHINE);
        WindowsSpnego.Response response = WindowsSpnego.negTokenResp(
                Base64.getDecoder().decode(accepted.wwwAuthenticate().substring("Negotiate ".length())));
        assertThat(response.supportedMech()).as("the mechanism Windows listed first").isEqualTo(WindowsSpnego.MS_KRB5);
        client.reply(response.responseToken());
        assertThat(client.established()).isTrue();
        // Sealed by the Kerberos context, framed as SPNEGO-session-encrypted.
        byte[] plain = utf16("<s:Envelope>spnego</s:Envelope>");
        byte[] body = EncryptedBody.format(Scheme.NEGOTIATE, WindowsWrap.rotate(client.wrap(plain), plain.length),
                plain.length);
        assertThat(server.open(EncryptedBody.contentType(Scheme.NEGOTIATE), body)).isEqualTo(plain);
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void both_directions_decrypt_by_rfc_4121_without_the_jdk(Scheme scheme) throws Exception {
        Pair pair = establish(scheme);
        byte[] question = utf16("<s:Envelope>from the machine</s:Envelope>");
        byte[] answer = utf16("<s:Envelope>from the collector</s:Envelope>");
        javax.security.auth.kerberos.EncryptionKey key = pair.client().key();
        byte[] request = pair.client().seal(question);
        KerberosSession.Sealed response = pair.server().seal(answer);

        // Key usage 24 (KG-USAGE-INITIATOR-SEAL) as the capture's decoding says, 22 for the acceptor's answer.
        assertThat(Rfc4121.open(EncryptedBody.parse(pair.client().contentType(), request, scheme).sealed(), key, 24))
                .isEqualTo(question);
        assertThat(Rfc4121.open(EncryptedBody.parse(response.contentType(), response.body(), scheme).sealed(), key, 22))
                .isEqualTo(answer);
        pair.server().open(pair.client().contentType(), request);
    }

    @Test
    void the_rotation_matches_an_independent_writing_of_rfc_4121() throws Exception {
        Pair pair = establish(Scheme.KERBEROS);
        byte[] plain = utf16("same bytes either way");
        byte[] token = pair.client().wrap(plain);

        assertThat(WrapTokens.separate(token, plain.length)).isEqualTo(WindowsWrap.rotate(token, plain.length));
        assertThat(WrapTokens.join(WrapTokens.separate(token, plain.length))).hasSize(token.length);
    }

    @Test
    void a_tampered_ciphertext_is_refused() throws Exception {
        Pair pair = establish(Scheme.KERBEROS);
        byte[] body = pair.client().seal(utf16("<s:Envelope/>"));
        int end = new String(body, StandardCharsets.ISO_8859_1).lastIndexOf("--Encrypted Boundary--");
        body[end - 3] ^= 0x01;

        assertThatThrownBy(() -> pair.server().open(pair.client().contentType(), body))
                .isInstanceOf(KerberosRefusal.class).hasMessageContaining("does not decrypt");
    }

    @Test
    void a_replayed_body_is_refused() throws Exception {
        Pair pair = establish(Scheme.KERBEROS);
        byte[] body = pair.client().seal(utf16("<s:Envelope/>"));
        pair.server().open(pair.client().contentType(), body);

        assertThatThrownBy(() -> pair.server().open(pair.client().contentType(), body))
                .isInstanceOf(KerberosRefusal.class).hasMessageContaining("replay");
    }

    @Test
    void a_replayed_authenticator_is_refused_on_another_connection() throws Exception {
        TestInitiator.Context client = machine.connect(TestKdc.SERVICE, Scheme.KERBEROS);
        String authorization = client.authorization();
        acceptor.newSession().accept(authorization);

        assertThatThrownBy(() -> acceptor.newSession().accept(authorization))
                .isInstanceOf(KerberosRefusal.class).hasMessageContaining("Request is a replay");
    }

    @Test
    void a_ticket_for_another_key_of_the_service_is_refused() throws Exception {
        KerberosAcceptor stale = KerberosAcceptor.open(kdc.staleServiceKeytab(), TestKdc.SERVICE);
        TestInitiator.Context client = machine.connect(TestKdc.SERVICE, Scheme.KERBEROS);

        assertThatThrownBy(() -> stale.newSession().accept(client.authorization()))
                .isInstanceOf(KerberosRefusal.class).hasMessageContaining("Checksum failed");
    }

    @Test
    void an_expired_ticket_is_refused() throws Exception {
        assertThatThrownBy(() -> acceptor.newSession().accept(kdc.expiredTicket(TestKdc.MACHINE)))
                .isInstanceOf(KerberosRefusal.class).hasMessageContaining("Ticket expired");
        // The same ticket made the same way but still valid is accepted: expiry is what was refused.
        String valid = ForgedTickets.issued(kdc.serviceKeytab(), TestKdc.SERVICE, TestKdc.MACHINE, TestKdc.REALM,
                System.currentTimeMillis() + 3_600_000L);
        assertThat(acceptor.newSession().accept(valid).client()).isEqualTo(TestKdc.MACHINE);
    }

    @Test
    void an_unencrypted_body_is_refused() throws Exception {
        Pair pair = establish(Scheme.KERBEROS);

        assertThatThrownBy(() -> pair.server().open("application/soap+xml;charset=UTF-16", utf16("<s:Envelope/>")))
                .isInstanceOf(KerberosRefusal.class).hasMessageContaining("not multipart/encrypted");
    }

    @Test
    void a_missing_or_bad_authorization_is_refused() {
        assertThatThrownBy(() -> acceptor.newSession().accept(null)).isInstanceOf(KerberosRefusal.class);
        assertThatThrownBy(() -> acceptor.newSession().accept("Basic dXNlcjpwYXNz")).isInstanceOf(KerberosRefusal.class);
        assertThatThrownBy(() -> acceptor.newSession().accept("Kerberos !!!")).isInstanceOf(KerberosRefusal.class);
        assertThatThrownBy(() -> acceptor.newSession().accept("Negotiate YWJj")).isInstanceOf(KerberosRefusal.class);
    }

    @Test
    void a_missing_keytab_is_one_clear_line(@TempDir Path dir) {
        Path missing = dir.resolve("wec.keytab");
        assertThatThrownBy(() -> KerberosAcceptor.open(missing, TestKdc.SERVICE))
                .isInstanceOf(KerberosSetupException.class)
                .hasMessage("keytab " + missing + " does not exist: set [server] keytab to the file exported for "
                        + TestKdc.SERVICE);
    }

    @Test
    void a_keytab_without_the_principal_is_one_clear_line(@TempDir Path dir) throws Exception {
        Path garbage = Files.write(dir.resolve("garbage.keytab"), new byte[] {1, 2, 3});
        for (Path keytab : new Path[] {kdc.machineKeytab(TestKdc.MACHINE), garbage}) {
            assertThatThrownBy(() -> KerberosAcceptor.open(keytab, TestKdc.SERVICE))
                    .isInstanceOf(KerberosSetupException.class)
                    .hasMessageStartingWith("keytab " + keytab + " holds no key for " + TestKdc.SERVICE);
        }
        assertThatThrownBy(() -> KerberosAcceptor.open(kdc.serviceKeytab(), "HTTP/wec.windomain.local"))
                .isInstanceOf(KerberosSetupException.class).hasMessageContaining("has no realm");
    }

    private static byte[] utf16(String text) {
        byte[] bom = {(byte) 0xff, (byte) 0xfe};
        byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] all = new byte[2 + body.length];
        System.arraycopy(bom, 0, all, 0, 2);
        System.arraycopy(body, 0, all, 2, body.length);
        return all;
    }
}
