package org.openwec.adapters.wef.kerberos;

/** The keytab or the service principal cannot serve: one line for the user, naming the file and the fix. */
public final class KerberosSetupException extends RuntimeException {
    public KerberosSetupException(String message) {
        super(message);
    }
}
