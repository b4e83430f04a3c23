package org.openwec.adapters.wef.kerberos;

import java.util.Optional;

/**
 * The two HTTP authentication schemes a Kerberos collector accepts, and the multipart protocol each one's
 * encrypted bodies name (OpenWEC server/src/kerberos.rs at a41b95f): raw Kerberos ({@code Kerberos}) and
 * SPNEGO ({@code Negotiate}).
 */
public enum Scheme {
    KERBEROS("Kerberos", "application/HTTP-Kerberos-session-encrypted"),
    NEGOTIATE("Negotiate", "application/HTTP-SPNEGO-session-encrypted");

    private final String headerName;
    private final String protocol;

    Scheme(String headerName, String protocol) {
        this.headerName = headerName;
        this.protocol = protocol;
    }

    /** The word in {@code Authorization} and {@code WWW-Authenticate}. */
    public String headerName() {
        return headerName;
    }

    /** The {@code protocol} parameter of {@code multipart/encrypted} and the first part's content type. */
    public String protocol() {
        return protocol;
    }

    /** The scheme an {@code Authorization} value starts with (case-insensitive, as RFC 9110 says), if any. */
    static Optional<Scheme> ofAuthorization(String value) {
        for (Scheme scheme : values()) {
            String prefix = scheme.headerName + " ";
            if (value.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return Optional.of(scheme);
            }
        }
        return Optional.empty();
    }
}
