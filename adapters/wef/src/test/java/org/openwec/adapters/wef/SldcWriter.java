package org.openwec.adapters.wef;

import java.io.ByteArrayOutputStream;

/**
 * Writes SLDC symbols bit by bit, for tests that need streams no capture has (scheme 2, scheme switches,
 * long copies, bad symbols). Not a compressor: the test chooses every symbol.
 */
final class SldcWriter {
    static final int FLUSH = 0b0000, SCHEME_1 = 0b0001, SCHEME_2 = 0b0010, FILE_MARK = 0b0011,
            END_OF_RECORD = 0b0100, RESET_1 = 0b0101, RESET_2 = 0b0110, END_MARKER = 0b1111;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int used;

    SldcWriter control(int symbol) {
        return bits(0x1FF, 9).bits(symbol, 4);
    }

    /** A scheme 1 literal: a 0-bit, then the byte. */
    SldcWriter literal1(int b) {
        return bits(0, 1).bits(b, 8);
    }

    /** A scheme 1 copy pointer: {@code length} bytes (2 to 271) from history address {@code address}. */
    SldcWriter copy(int length, int address) {
        bits(1, 1);
        if (length < 4) {
            bits(0, 1).bits(length - 2, 1);
        } else if (length < 8) {
            bits(0b10, 2).bits(length - 4, 2);
        } else if (length < 16) {
            bits(0b110, 3).bits(length - 8, 3);
        } else if (length < 32) {
            bits(0b1110, 4).bits(length - 16, 4);
        } else {
            bits(0b1111, 4).bits(length - 32, 8);
        }
        return bits(address, 10);
    }

    /** A scheme 2 literal: the byte, then a 0-bit after 0xFF. */
    SldcWriter literal2(int b) {
        bits(b, 8);
        return b == 0xFF ? bits(0, 1) : this;
    }

    SldcWriter literals2(byte[] bytes) {
        for (byte b : bytes) {
            literal2(b & 0xFF);
        }
        return this;
    }

    SldcWriter bits(int value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            current = (current << 1) | ((value >>> i) & 1);
            if (++used == 8) {
                out.write(current);
                current = 0;
                used = 0;
            }
        }
        return this;
    }

    /** The stream, its last byte padded with 0-bits. */
    byte[] bytes() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        if (used > 0) {
            copy.write(current << (8 - used));
        }
        return copy.toByteArray();
    }

    /** {@code clear} as one record in scheme 2, as a client that does not compress could send it. */
    static byte[] scheme2Record(byte[] clear) {
        return new SldcWriter().control(RESET_2).literals2(clear).control(END_OF_RECORD).bytes();
    }
}
