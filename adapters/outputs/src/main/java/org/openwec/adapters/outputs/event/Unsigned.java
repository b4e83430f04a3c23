package org.openwec.adapters.outputs.event;

/**
 * Unsigned integers read as Rust's {@code str::parse} reads them: an optional '+', then ASCII digits only (no
 * sign, no spaces), within the type's range. Anything else is "not a number" and the field is left out.
 */
final class Unsigned {
    static final long U8 = 0xFFL;
    static final long U16 = 0xFFFFL;
    static final long U32 = 0xFFFF_FFFFL;
    /** Marks u64: the result is a long to be read as unsigned. */
    static final long U64 = -1L;

    private Unsigned() {}

    /** @return null when text is null or not a number of that width */
    static Long parse(String text, long max) {
        if (text == null) {
            return null;
        }
        String digits = text.startsWith("+") ? text.substring(1) : text;
        if (digits.isEmpty()) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            long value = Long.parseUnsignedLong(digits);
            return max == U64 || Long.compareUnsigned(value, max) <= 0 ? value : null;
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }
}
