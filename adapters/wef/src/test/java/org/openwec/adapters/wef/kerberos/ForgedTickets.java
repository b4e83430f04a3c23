package org.openwec.adapters.wef.kerberos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Base64;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.common.EncryptionUtil;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.keytab.Keytab;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.ap.ApOption;
import org.apache.kerby.kerberos.kerb.type.ap.ApOptions;
import org.apache.kerby.kerberos.kerb.type.ap.ApReq;
import org.apache.kerby.kerberos.kerb.type.ap.Authenticator;
import org.apache.kerby.kerberos.kerb.type.base.CheckSum;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.base.TransitedEncoding;
import org.apache.kerby.kerberos.kerb.type.base.TransitedEncodingType;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlags;

/**
 * Service tickets made with the service's key but dated by the test, as a KDC would have issued them hours
 * ago: the JDK's acceptor reads its own clock, so an expired ticket cannot be had from the KDC without waiting.
 * The token is what a GSS-API initiator sends (RFC 4121 section 4.1: the krb5 mechanism OID, TOK_ID 01 00, the
 * AP-REQ, whose authenticator carries the 0x8003 checksum with the flags asked for).
 */
final class ForgedTickets {

    private static final byte[] KRB5_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
    /** Mutual, replay and sequence detection, confidentiality, integrity (RFC 4121 section 4.1.1.1). */
    private static final int FLAGS = 2 | 4 | 8 | 16 | 32;

    private ForgedTickets() {}

    /** The {@code Authorization} value of a ticket for {@code service} that expired an hour ago. */
    static String expired(Path serviceKeytab, String service, String client, String realm) {
        return issued(serviceKeytab, service, client, realm, System.currentTimeMillis() - 3_600_000L);
    }

    /**
     * The {@code Authorization} value of a ticket issued three hours ago that ends at {@code endMillis}.
     */
    static String issued(Path serviceKeytab, String service, String client, String realm, long endMillis) {
        try {
            PrincipalName sname = new PrincipalName(service);
            EncryptionKey serviceKey = serviceKey(serviceKeytab, sname);
            EncryptionKey session = EncryptionHandler.random2Key(EncryptionType.AES128_CTS_HMAC_SHA1_96);
            long hour = 3_600_000L;
            KerberosTime issued = new KerberosTime(System.currentTimeMillis() - 3 * hour);
            PrincipalName cname = new PrincipalName(client.substring(0, client.indexOf('@')));

            EncTicketPart part = new EncTicketPart();
            part.setFlags(new TicketFlags(0));
            part.setKey(session);
            part.setCrealm(realm);
            part.setCname(cname);
            TransitedEncoding transited = new TransitedEncoding();
            transited.setTrType(TransitedEncodingType.DOMAIN_X500_COMPRESS);
            transited.setContents(new byte[0]);
            part.setTransited(transited);
            part.setAuthTime(issued);
            part.setStartTime(issued);
            part.setEndTime(new KerberosTime(endMillis));

            Ticket ticket = new Ticket();
            ticket.setTktKvno(5);
            ticket.setSname(new PrincipalName(sname.getNameStrings(), sname.getNameType()));
            ticket.setRealm(realm);
            EncryptedData sealedPart = EncryptionUtil.seal(part, serviceKey, KeyUsage.KDC_REP_TICKET);
            sealedPart.setKvno(serviceKey.getKvno());
            ticket.setEncryptedEncPart(sealedPart);

            Authenticator authenticator = new Authenticator();
            authenticator.setAuthenticatorVno(5);
            authenticator.setCrealm(realm);
            authenticator.setCname(cname);
            authenticator.setCksum(new CheckSum(0x8003, ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(16).put(new byte[16]).putInt(FLAGS).array()));
            authenticator.setCusec(0);
            authenticator.setCtime(KerberosTime.now());
            authenticator.setSeqNumber(1);

            ApOptions options = new ApOptions();
            options.setFlag(ApOption.MUTUAL_REQUIRED);
            ApReq request = new ApReq();
            request.setApOptions(options);
            request.setTicket(ticket);
            request.setEncryptedAuthenticator(EncryptionUtil.seal(authenticator, session, KeyUsage.AP_REQ_AUTH));

            byte[] apReq = request.encode();
            ByteArrayOutputStream inner = new ByteArrayOutputStream();
            inner.writeBytes(KRB5_OID);
            inner.write(0x01);
            inner.write(0x00);
            inner.writeBytes(apReq);
            ByteArrayOutputStream token = new ByteArrayOutputStream();
            token.write(0x60);
            derLength(token, inner.size());
            inner.writeTo(token);
            return "Kerberos " + Base64.getEncoder().encodeToString(token.toByteArray());
        } catch (IOException | KrbException e) {
            throw new IllegalStateException("cannot forge a ticket: " + e.getMessage(), e);
        }
    }

    private static EncryptionKey serviceKey(Path keytab, PrincipalName sname) throws IOException {
        Keytab keys = Keytab.loadKeytab(keytab.toFile());
        for (EncryptionType type : new EncryptionType[] {EncryptionType.AES256_CTS_HMAC_SHA1_96,
                EncryptionType.AES128_CTS_HMAC_SHA1_96}) {
            EncryptionKey key = keys.getKey(sname, type);
            if (key != null) {
                return key;
            }
        }
        throw new IllegalStateException("no AES key for " + sname.getName() + " in " + keytab);
    }

    private static void derLength(ByteArrayOutputStream out, int length) {
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
    }
}
