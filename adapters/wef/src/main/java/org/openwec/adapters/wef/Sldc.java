package org.openwec.adapters.wef;

import java.util.Arrays;

/**
 * Decompression of the SLDC bodies Windows sends with {@code Content-Encoding: SLDC}: the Streaming Lossless
 * Data Compression algorithm of ECMA-321, one record per body, a 1024-byte history buffer.
 *
 * <p>The encoded stream is read most significant bit first. Nine 1-bits start a 13-bit control symbol (scheme
 * change, history reset, end of record...). In scheme 1 a 0-bit starts a literal byte and a 1-bit a copy pointer
 * (a match count, then the 10-bit history address where the match starts); in scheme 2 every byte is literal,
 * a 0xFF byte being followed by one 0-bit so that it cannot be mistaken for a control symbol.
 *
 * <p>Where ECMA-321's details could not be checked, this follows what OpenWEC does (server/src/sldc.rs at
 * a41b95f), which decodes real Windows traffic: a Flush is not followed by padding, a reset clears the history
 * but keeps the write position, and bytes never written read as zero. Unlike OpenWEC, a scheme symbol switches
 * the scheme both ways (OpenWEC stays in scheme 1 once it has seen it).
 */
public final class Sldc {

    private static final int HISTORY_SIZE = 1024;
    private static final int CONTROL_PREFIX = 0x1FF;

    private static final int FLUSH = 0b0000;
    private static final int SCHEME_1 = 0b0001;
    private static final int SCHEME_2 = 0b0010;
    private static final int FILE_MARK = 0b0011;
    private static final int END_OF_RECORD = 0b0100;
    private static final int RESET_1 = 0b0101;
    private static final int RESET_2 = 0b0110;
    private static final int END_MARKER = 0b1111;

    private Sldc() {}

    /**
     * The record at the start of {@code compressed}, up to its End of Record symbol.
     *
     * @param maxOutput the most bytes the record may decompress to: the caller's guard against a small body
     *                  that expands without end
     * @throws WefMessageException {@link WefMessageException.Reason#TOO_LARGE} past {@code maxOutput},
     *                             {@link WefMessageException.Reason#CORRUPT_COMPRESSION} when the data is not SLDC
     */
    public static byte[] decompress(byte[] compressed, int maxOutput) {
        if (maxOutput < 0) {
            throw new IllegalArgumentException("maxOutput must not be negative, got " + maxOutput);
        }
        return new Decoder(compressed, maxOutput).run();
    }

    private static final class Decoder {
        private final Bits bits;
        private final int maxOutput;
        private final byte[] history = new byte[HISTORY_SIZE];
        private int historyIndex;
        private byte[] out;
        private int size;
        private int scheme; // 0 until a scheme or reset symbol selects one

        Decoder(byte[] compressed, int maxOutput) {
            this.bits = new Bits(compressed);
            this.maxOutput = maxOutput;
            this.out = new byte[Math.min(maxOutput, Math.max(64, compressed.length * 3))];
        }

        byte[] run() {
            while (bits.remaining() > 0) {
                if (bits.remaining() >= 9 && bits.peek(9) == CONTROL_PREFIX) {
                    int symbol = bits.read(13) & 0xF;
                    switch (symbol) {
                        case FLUSH, FILE_MARK, END_MARKER -> { }
                        case SCHEME_1 -> scheme = 1;
                        case SCHEME_2 -> scheme = 2;
                        case RESET_1 -> reset(1);
                        case RESET_2 -> reset(2);
                        case END_OF_RECORD -> {
                            return Arrays.copyOf(out, size);
                        }
                        default -> throw corrupt("reserved control symbol " + Integer.toBinaryString(symbol)
                                + " at bit " + (bits.position() - 13));
                    }
                } else if (scheme == 1) {
                    if (bits.read(1) == 0) {
                        emit(bits.read(8));
                    } else {
                        int length = matchCount();
                        int address = bits.read(10);
                        for (int k = 0; k < length; k++) {
                            emit(history[(address + k) % HISTORY_SIZE]);
                        }
                    }
                } else if (scheme == 2) {
                    int b = bits.read(8);
                    if (b == 0xFF) {
                        bits.read(1); // the 0-bit that keeps 0xFF from reading as a control symbol
                    }
                    emit(b);
                } else {
                    throw corrupt("data before any scheme or reset symbol");
                }
            }
            throw corrupt("no End of Record symbol before the end of the data");
        }

        /** The Match Count Field after a copy pointer's 1-bit: 2 to 271 bytes to copy. */
        private int matchCount() {
            if (bits.read(1) == 0) {
                return 2 + bits.read(1);                 // 0x
            }
            if (bits.read(1) == 0) {
                return 4 + bits.read(2);                 // 10xx
            }
            if (bits.read(1) == 0) {
                return 8 + bits.read(3);                 // 110xxx
            }
            if (bits.read(1) == 0) {
                return 16 + bits.read(4);                // 1110xxxx
            }
            // 1111xxxxxxxx; xxxxxxxx >= 0xF0 would make nine 1-bits, read above as a control symbol
            return 32 + bits.read(8);
        }

        private void reset(int newScheme) {
            scheme = newScheme;
            Arrays.fill(history, (byte) 0);
        }

        private void emit(int b) {
            if (size == out.length) {
                if (size >= maxOutput) {
                    throw new WefMessageException(WefMessageException.Reason.TOO_LARGE,
                            "The SLDC body decompresses to more than " + maxOutput
                                    + " bytes; raise max_content_length if such messages are expected");
                }
                out = Arrays.copyOf(out, (int) Math.min(maxOutput, Math.max(64L, 2L * out.length)));
            }
            out[size++] = (byte) b;
            history[historyIndex] = (byte) b;
            historyIndex = (historyIndex + 1) % HISTORY_SIZE;
        }

        private WefMessageException corrupt(String what) {
            return new WefMessageException(WefMessageException.Reason.CORRUPT_COMPRESSION,
                    "The body is not valid SLDC data: " + what);
        }

        /** The compressed bytes as a bit stream, most significant bit first. */
        private final class Bits {
            private final byte[] data;
            private long position;

            Bits(byte[] data) {
                this.data = data;
            }

            long position() {
                return position;
            }

            long remaining() {
                return 8L * data.length - position;
            }

            /** The next {@code count} bits (at most 13) as a number, without consuming them. */
            int peek(int count) {
                if (count > remaining()) {
                    throw corrupt("truncated after " + position + " bits");
                }
                int at = (int) (position >>> 3);
                int window = byteAt(at) << 16 | byteAt(at + 1) << 8 | byteAt(at + 2);
                return window >>> (24 - (int) (position & 7) - count) & ((1 << count) - 1);
            }

            private int byteAt(int index) {
                return index < data.length ? data[index] & 0xFF : 0;
            }

            int read(int count) {
                int value = peek(count);
                position += count;
                return value;
            }
        }
    }
}
