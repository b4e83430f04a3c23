package org.openwec.core.model.fields;

import java.math.BigInteger;

/** The values an integer field accepts: its Rust type's range, or a narrower one the field needs. */
public record IntegerRange(long min, long max) {
    public static final IntegerRange U8 = unsigned(0xFF);
    public static final IntegerRange U16 = unsigned(0xFFFF);
    public static final IntegerRange U32 = unsigned(0xFFFF_FFFFL);
    /** A u64 as far as a Java long goes, which is as far as a TOML integer goes. */
    public static final IntegerRange U64 = unsigned(Long.MAX_VALUE);

    public IntegerRange {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
    }

    public static IntegerRange unsigned(long max) {
        return new IntegerRange(0, max);
    }

    public boolean contains(BigInteger value) {
        return value.compareTo(BigInteger.valueOf(min)) >= 0 && value.compareTo(BigInteger.valueOf(max)) <= 0;
    }
}
