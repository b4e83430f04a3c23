package org.openwec.core.model;

import java.util.Locale;

/** What a client filter matches: the authenticated client identity or the MachineID header. */
public enum ClientFilterKind {
    Client,
    MachineID;

    /** The reference reads the stored text case-insensitively. */
    public static ClientFilterKind parse(String text) {
        for (ClientFilterKind kind : values()) {
            if (kind.name().toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown client filter kind '" + text + "' (expected Client or MachineID)");
    }
}
