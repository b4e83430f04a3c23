package org.openwec.core.model;

import java.util.Locale;

/** Whether a client filter keeps only its targets or everyone but them. Names are the stored values. */
public enum ClientFilterOperation {
    Only,
    Except;

    /** The reference reads the stored text case-insensitively. */
    public static ClientFilterOperation parse(String text) {
        for (ClientFilterOperation op : values()) {
            if (op.name().toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
                return op;
            }
        }
        throw new IllegalArgumentException("Unknown client filter operation '" + text + "' (expected Only or Except)");
    }
}
