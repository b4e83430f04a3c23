package org.openwec.adapters.wef.kerberos;

import java.util.Base64;
import java.util.Optional;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.MessageProp;

/**
 * The Kerberos security context of one connection, as OpenWEC keeps it (server/src/kerberos.rs at a41b95f):
 * established by the first request's {@code Authorization} token in one round, then used for every request of
 * the connection to decrypt bodies and encrypt answers. Requests of one connection come one at a time; the
 * methods are synchronized all the same, since they may run on different request threads.
 */
public final class KerberosSession {

    /**
     * What an accepted token gives.
     *
     * @param client the client principal, e.g. {@code WIN10$@WINDOMAIN.LOCAL}: the machine's name
     * @param wwwAuthenticate the {@code WWW-Authenticate} value carrying the mutual-authentication reply, or null
     */
    public record Accepted(String client, String wwwAuthenticate) {}

    /**
     * An encrypted answer.
     *
     * @param contentType the {@code multipart/encrypted} type naming the scheme's protocol
     */
    public record Sealed(String contentType, byte[] body) {}

    private final GSSCredential credential;
    private GSSContext context;
    private Scheme scheme;
    private String client;

    KerberosSession(GSSCredential credential) {
        this.credential = credential;
    }

    /** The client principal once the context is established. */
    public synchronized Optional<String> client() {
        return Optional.ofNullable(client);
    }

    /**
     * Authenticates the connection. Once established, a later request needs no header, and a header it
     * carries is not looked at (as OpenWEC).
     *
     * @param authorization the request's {@code Authorization} value, null when absent
     * @throws KerberosRefusal when there is no usable token: answer 401 with {@link #challenges()}
     */
    public synchronized Accepted accept(String authorization) throws KerberosRefusal {
        if (client != null) {
            return new Accepted(client, null);
        }
        if (authorization == null) {
            throw new KerberosRefusal("no Authorization header");
        }
        Scheme offered = Scheme.ofAuthorization(authorization)
                .orElseThrow(() -> new KerberosRefusal("the Authorization header is neither Kerberos nor Negotiate"));
        byte[] token;
        try {
            token = Base64.getDecoder().decode(authorization.substring(offered.headerName().length() + 1).strip());
        } catch (IllegalArgumentException e) {
            throw new KerberosRefusal("the " + offered.headerName() + " token is not base64");
        }
        GSSContext candidate = null;
        try {
            candidate = GSSManager.getInstance().createContext(credential);
            byte[] reply = candidate.acceptSecContext(token, 0, token.length);
            if (!candidate.isEstablished()) {
                throw new KerberosRefusal("the " + offered.headerName() + " exchange needs more than one round, "
                        + "which is not supported");
            }
            if (!candidate.getConfState() || !candidate.getIntegState() || !candidate.getMutualAuthState()) {
                throw new KerberosRefusal("the client did not ask for confidentiality, integrity and mutual "
                        + "authentication, which encrypted messages need");
            }
            context = candidate;
            scheme = offered;
            client = candidate.getSrcName().toString();
            String answer = reply == null || reply.length == 0 ? null
                    : offered.headerName() + " " + Base64.getEncoder().encodeToString(reply);
            return new Accepted(client, answer);
        } catch (GSSException e) {
            dispose(candidate);
            throw new KerberosRefusal("the " + offered.headerName() + " token is refused: " + e.getMessage(), e);
        } catch (KerberosRefusal e) {
            dispose(candidate);
            throw e;
        }
    }

    /** Whether an {@code Authorization} value names one of the two schemes (its token not looked at yet). */
    public static boolean offersToken(String authorization) {
        return authorization != null && Scheme.ofAuthorization(authorization).isPresent();
    }

    /** The {@code WWW-Authenticate} values of a 401, one per scheme, as OpenWEC sends them. */
    public static String[] challenges() {
        return new String[] {Scheme.KERBEROS.headerName(), Scheme.NEGOTIATE.headerName()};
    }

    /**
     * The plain text of an encrypted request body.
     *
     * @throws KerberosRefusal when the body is not encrypted, or does not decrypt, or was seen before
     */
    public synchronized byte[] open(String contentType, byte[] body) throws KerberosRefusal {
        requireEstablished();
        EncryptedBody.Part part;
        byte[] token;
        try {
            part = EncryptedBody.parse(contentType, body, scheme);
            token = WrapTokens.join(part.sealed());
        } catch (IllegalArgumentException e) {
            throw new KerberosRefusal(e.getMessage());
        }
        MessageProp prop = new MessageProp(0, true);
        byte[] plain;
        try {
            plain = context.unwrap(token, 0, token.length, prop);
        } catch (GSSException e) {
            throw new KerberosRefusal("the encrypted body does not decrypt: " + e.getMessage(), e);
        }
        if (!prop.getPrivacy()) {
            throw new KerberosRefusal("the body is signed but not encrypted");
        }
        if (prop.isDuplicateToken() || prop.isOldToken()) {
            throw new KerberosRefusal("the encrypted body was received before (a replay)");
        }
        if (plain.length != part.originalLength()) {
            throw new KerberosRefusal("the decrypted body is " + plain.length + " bytes, OriginalContent says "
                    + part.originalLength());
        }
        return plain;
    }

    /** Encrypts an answer as Windows expects it: header separated, RRC 28 with AES. */
    public synchronized Sealed seal(byte[] plain) throws KerberosRefusal {
        requireEstablished();
        try {
            byte[] token = context.wrap(plain, 0, plain.length, new MessageProp(0, true));
            return new Sealed(EncryptedBody.contentType(scheme),
                    EncryptedBody.format(scheme, WrapTokens.separate(token, plain.length), plain.length));
        } catch (GSSException e) {
            throw new KerberosRefusal("the answer cannot be encrypted: " + e.getMessage(), e);
        }
    }

    /** Forgets the context (the connection closed). */
    public synchronized void close() {
        dispose(context);
        context = null;
    }

    private void requireEstablished() throws KerberosRefusal {
        if (context == null) {
            throw new KerberosRefusal("the connection is not authenticated");
        }
    }

    private static void dispose(GSSContext context) {
        if (context != null) {
            try {
                context.dispose();
            } catch (GSSException e) {
                // nothing held outside the JVM
            }
        }
    }
}
