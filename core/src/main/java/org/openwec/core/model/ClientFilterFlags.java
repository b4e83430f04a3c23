package org.openwec.core.model;

/** The stored bit set of a client filter: bit 0 case-insensitive, bit 1 glob patterns. */
public record ClientFilterFlags(boolean caseInsensitive, boolean globPattern) {
    public static final ClientFilterFlags NONE = new ClientFilterFlags(false, false);
    private static final int CASE_INSENSITIVE = 1;
    private static final int GLOB_PATTERN = 2;

    public static ClientFilterFlags fromBits(long bits) {
        if ((bits & ~(long) (CASE_INSENSITIVE | GLOB_PATTERN)) != 0) {
            throw new IllegalArgumentException("Client filter flags " + bits + " contain unknown bits (only 1 and 2 are defined)");
        }
        return new ClientFilterFlags((bits & CASE_INSENSITIVE) != 0, (bits & GLOB_PATTERN) != 0);
    }

    public int bits() {
        return (caseInsensitive ? CASE_INSENSITIVE : 0) | (globPattern ? GLOB_PATTERN : 0);
    }
}
