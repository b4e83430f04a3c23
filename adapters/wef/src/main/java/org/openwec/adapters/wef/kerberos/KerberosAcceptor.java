package org.openwec.adapters.wef.kerberos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * The collector's side of Kerberos: the service principal's keys, read from the keytab once at start, and a
 * JDK GSS-API acceptor credential for raw Kerberos and SPNEGO (no native library). Each connection gets its
 * own {@link KerberosSession}.
 *
 * <p>The JDK needs no krb5.conf to accept: the principal carries its realm, and the keys come from the keytab.
 * Replayed authenticators are refused by the JDK's replay cache (in memory by default).
 */
public final class KerberosAcceptor {

    static final Oid KRB5;
    static final Oid SPNEGO;
    private static final Oid KRB5_PRINCIPAL_NAME;

    static {
        try {
            KRB5 = new Oid("1.2.840.113554.1.2.2");
            SPNEGO = new Oid("1.3.6.1.5.5.2");
            KRB5_PRINCIPAL_NAME = new Oid("1.2.840.113554.1.2.2.1");
        } catch (GSSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String servicePrincipal;
    private final GSSCredential credential;

    private KerberosAcceptor(String servicePrincipal, GSSCredential credential) {
        this.servicePrincipal = servicePrincipal;
        this.credential = credential;
    }

    /**
     * Reads the service principal's keys from the keytab.
     *
     * @param servicePrincipal {@code service_principal_name}, with its realm: {@code HTTP/wec.example.com@EXAMPLE.COM}
     * @throws KerberosSetupException when the keytab is missing, unreadable or has no key for the principal
     */
    public static KerberosAcceptor open(Path keytab, String servicePrincipal) {
        if (servicePrincipal == null || servicePrincipal.isBlank()) {
            throw new KerberosSetupException("service_principal_name is empty: set it to the collector's SPN, "
                    + "e.g. HTTP/wec.example.com@EXAMPLE.COM");
        }
        if (!servicePrincipal.contains("@")) {
            throw new KerberosSetupException("service_principal_name " + servicePrincipal
                    + " has no realm: write it whole, e.g. " + servicePrincipal + "@EXAMPLE.COM");
        }
        if (!Files.isRegularFile(keytab)) {
            throw new KerberosSetupException("keytab " + keytab + " does not exist: set [server] keytab to the "
                    + "file exported for " + servicePrincipal);
        }
        if (!Files.isReadable(keytab)) {
            throw new KerberosSetupException("keytab " + keytab + " cannot be read by this user: give it read access");
        }
        KerberosPrincipal principal;
        try {
            principal = new KerberosPrincipal(servicePrincipal, KerberosPrincipal.KRB_NT_PRINCIPAL);
        } catch (IllegalArgumentException e) {
            throw new KerberosSetupException("service_principal_name " + servicePrincipal + " is not a Kerberos "
                    + "principal: " + e.getMessage());
        }
        KeyTab keys = KeyTab.getInstance(principal, keytab.toFile());
        if (keys.getKeys(principal).length == 0) {
            throw new KerberosSetupException("keytab " + keytab + " holds no key for " + servicePrincipal
                    + " (or is not a keytab): export the principal's keys into it (ktpass or ktutil), check with klist -k");
        }
        // Windows machines meet an MIT acceptor at OpenWEC, which sends an acceptor subkey in its AP-REP: their
        // wrap tokens then carry the AcceptorSubkey flag (0x06 in the capture of OpenWEC doc/protocol.md). The
        // JDK does the same only when asked; it reads this property at every accepted context.
        System.setProperty("sun.security.krb5.acceptor.subkey", "true");
        Subject subject = new Subject(true, Set.of(principal), Set.of(), Set.of(keys));
        try {
            GSSCredential credential = Subject.callAs(subject, () -> {
                GSSManager manager = GSSManager.getInstance();
                GSSName name = manager.createName(servicePrincipal, KRB5_PRINCIPAL_NAME);
                return manager.createCredential(name, GSSCredential.INDEFINITE_LIFETIME, new Oid[] {KRB5, SPNEGO},
                        GSSCredential.ACCEPT_ONLY);
            });
            return new KerberosAcceptor(servicePrincipal, credential);
        } catch (java.util.concurrent.CompletionException e) {
            throw new KerberosSetupException("keytab " + keytab + " cannot serve " + servicePrincipal + ": "
                    + e.getCause().getMessage());
        }
    }

    public String servicePrincipal() {
        return servicePrincipal;
    }

    /** The state of one connection: not authenticated until its first token is accepted. */
    public KerberosSession newSession() {
        return new KerberosSession(credential);
    }
}
