package org.openwec.adapters.wef.kerberos;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;

/**
 * The Windows machine of the tests: a JDK GSS-API initiator logged in with the machine principal's keytab, that
 * authenticates to the collector (raw Kerberos or SPNEGO) and seals bodies as WinRM does (header separated,
 * RRC 28).
 */
public final class TestInitiator {

    private final Subject subject;
    private final String principal;

    private TestInitiator(Subject subject, String principal) {
        this.subject = subject;
        this.principal = principal;
    }

    public static TestInitiator login(String principal, Path keytab) {
        Configuration jaas = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(
                        "com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                        Map.of("useKeyTab", "true", "keyTab", keytab.toString(), "principal", principal,
                                "storeKey", "true", "doNotPrompt", "true", "isInitiator", "true",
                                "refreshKrb5Config", "false"))};
            }
        };
        try {
            Subject subject = new Subject();
            LoginContext login = new LoginContext("machine", subject, null, jaas);
            login.login();
            return new TestInitiator(subject, principal);
        } catch (LoginException e) {
            throw new IllegalStateException("the machine " + principal + " cannot log in: " + e.getMessage(), e);
        }
    }

    public String principal() {
        return principal;
    }

    /** The session key of the service ticket for {@code service} the machine got from the KDC. */
    public javax.security.auth.kerberos.EncryptionKey ticketSessionKey(String service) {
        for (javax.security.auth.kerberos.KerberosTicket ticket
                : subject.getPrivateCredentials(javax.security.auth.kerberos.KerberosTicket.class)) {
            if (ticket.getServer().getName().equals(service)) {
                return new javax.security.auth.kerberos.EncryptionKey(ticket.getSessionKey().getEncoded(),
                        ticket.getSessionKeyType());
            }
        }
        throw new IllegalStateException("no ticket for " + service);
    }

    /** A new security context with the collector, its first token not made yet. */
    public Context connect(String servicePrincipal, Scheme scheme) {
        return Subject.callAs(subject, () -> {
            GSSManager manager = GSSManager.getInstance();
            Oid mech = scheme == Scheme.KERBEROS ? KerberosAcceptor.KRB5 : KerberosAcceptor.SPNEGO;
            GSSName service = manager.createName(servicePrincipal, new Oid("1.2.840.113554.1.2.2.1"));
            GSSCredential credential = manager.createCredential(null, GSSCredential.DEFAULT_LIFETIME, mech,
                    GSSCredential.INITIATE_ONLY);
            GSSContext context = manager.createContext(service, mech, credential, GSSContext.DEFAULT_LIFETIME);
            context.requestMutualAuth(true);
            context.requestConf(true);
            context.requestInteg(true);
            context.requestReplayDet(true);
            context.requestSequenceDet(true);
            return new Context(context, scheme, subject);
        });
    }

    /** The initiator's half of one connection's security context. */
    public static final class Context {
        private final GSSContext context;
        private final Scheme scheme;
        private final Subject subject;

        Context(GSSContext context, Scheme scheme, Subject subject) {
            this.context = context;
            this.scheme = scheme;
            this.subject = subject;
        }

        /** The first token, made as the machine (the JDK keeps the service ticket in its Subject then). */
        private byte[] first() throws GSSException {
            try {
                return Subject.callAs(subject, () -> context.initSecContext(new byte[0], 0, 0));
            } catch (java.util.concurrent.CompletionException e) {
                throw (GSSException) e.getCause();
            }
        }

        public Scheme scheme() {
            return scheme;
        }

        /** The {@code Authorization} value of the first request. */
        public String authorization() throws GSSException {
            byte[] token = first();
            return scheme.headerName() + " " + Base64.getEncoder().encodeToString(token);
        }

        /** Takes the collector's {@code WWW-Authenticate} reply; the context is established after it. */
        public void reply(String wwwAuthenticate) throws GSSException {
            String prefix = scheme.headerName() + " ";
            if (wwwAuthenticate == null || !wwwAuthenticate.startsWith(prefix)) {
                throw new IllegalArgumentException("no " + scheme.headerName() + " reply: " + wwwAuthenticate);
            }
            byte[] token = Base64.getDecoder().decode(wwwAuthenticate.substring(prefix.length()));
            context.initSecContext(token, 0, token.length);
        }

        /** Takes the collector's reply token as such (unwrapped from SPNEGO by the caller). */
        public void reply(byte[] token) throws GSSException {
            context.initSecContext(token, 0, token.length);
        }

        /** The first token, not wrapped in a header. */
        public byte[] firstToken() throws GSSException {
            return first();
        }

        /** The context's key (the acceptor's subkey when it sent one), for decrypting tokens without the JDK. */
        public javax.security.auth.kerberos.EncryptionKey key() throws GSSException {
            return (javax.security.auth.kerberos.EncryptionKey) ((com.sun.security.jgss.ExtendedGSSContext) context)
                    .inquireSecContext(com.sun.security.jgss.InquireType.KRB5_GET_SESSION_KEY_EX);
        }

        public boolean established() {
            return context.isEstablished();
        }

        /** A whole RFC 4121 wrap token as the JDK makes it (RRC 0). */
        public byte[] wrap(byte[] plain) throws GSSException {
            return context.wrap(plain, 0, plain.length, new MessageProp(0, true));
        }

        /** A request body as Windows sends it. */
        public byte[] seal(byte[] plain) throws GSSException {
            return EncryptedBody.format(scheme, WindowsWrap.rotate(wrap(plain), plain.length), plain.length);
        }

        public String contentType() {
            return EncryptedBody.contentType(scheme);
        }

        /** The plain text of an encrypted answer. */
        public byte[] open(String contentType, byte[] body) throws GSSException {
            EncryptedBody.Part part = EncryptedBody.parse(contentType, body, scheme);
            byte[] token = WrapTokens.join(part.sealed());
            MessageProp prop = new MessageProp(0, true);
            byte[] plain = context.unwrap(token, 0, token.length, prop);
            if (!prop.getPrivacy()) {
                throw new IllegalStateException("the answer is not encrypted");
            }
            return plain;
        }
    }
}
