package org.openwec.core.model;

import java.util.Locale;

/** What a client filter matches: the authenticated client identity or the MachineID header. */
public enum ClientFilterKind {
    Client,
    MachineID;

    /**
     * The reference reads the stored text case-insensitively. Databases migrated by pre-release builds
     * may hold {@code KerberosPrinc} or {@code TLSCertSubject}, which the reference can no longer read;
     * both named the authenticated client, so they read as {@code Client}.
     */
    public static ClientFilterKind parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("kerberosprinc") || lower.equals("tlscertsubject")) {
            return Client;
        }
        for (ClientFilterKind kind : values()) {
            if (kind.name().toLowerCase(Locale.ROOT).equals(lower)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown client filter kind '" + text + "' (expected Client or MachineID)");
    }
}
