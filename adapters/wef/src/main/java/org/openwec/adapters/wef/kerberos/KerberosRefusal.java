package org.openwec.adapters.wef.kerberos;

/**
 * A request a Kerberos connection cannot take: a bad, replayed or expired token, or a body that is not
 * encrypted or does not decrypt. The message says what, for the log line.
 */
public final class KerberosRefusal extends Exception {
    public KerberosRefusal(String message) {
        super(message);
    }

    public KerberosRefusal(String message, Throwable cause) {
        super(message, cause);
    }
}
