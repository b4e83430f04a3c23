package org.openwec.adapters.wef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openwec.adapters.wef.WefMessageException.Reason;

class SldcTest {

    private static final int LIMIT = 512_000;
    private static final int[] SCHEMES = {SldcWriter.SCHEME_1, SldcWriter.SCHEME_2, SldcWriter.RESET_1, SldcWriter.RESET_2};

    @Test
    void the_captured_heartbeat_decompresses_byte_for_byte_to_its_clear_text() {
        byte[] compressed = Captures.hex("heartbeat.sldc.hex");
        byte[] clear = Captures.hex("heartbeat.utf16le.hex");

        byte[] decompressed = Sldc.decompress(compressed, LIMIT);

        assertThat(compressed).hasSize(1006);
        assertThat(decompressed).hasSize(3042).isEqualTo(clear);
        assertThat(new String(decompressed, 2, decompressed.length - 2, StandardCharsets.UTF_16LE))
                .isEqualTo(Captures.xml("heartbeat.xml"));
    }

    @Test
    void the_scheme_2_vector_of_openwec_decompresses_to_its_string() {
        assertThat(Sldc.decompress(Captures.hex("test-string.sldc.hex"), LIMIT))
                .asString(StandardCharsets.US_ASCII).isEqualTo("test string");
    }

    @Test
    void every_cut_of_the_captured_heartbeat_is_refused_as_corrupt_or_still_holds_the_whole_record() {
        byte[] compressed = Captures.hex("heartbeat.sldc.hex");
        byte[] clear = Captures.hex("heartbeat.utf16le.hex");
        int refused = 0;
        for (int length = 0; length < compressed.length; length++) {
            byte[] cut = Arrays.copyOf(compressed, length);
            WefMessageException e = catchThrowableOfType(WefMessageException.class, () -> {
                assertThat(Sldc.decompress(cut, LIMIT)).isEqualTo(clear); // the End of Record was kept
            });
            if (e != null) {
                assertThat(e.reason()).isEqualTo(Reason.CORRUPT_COMPRESSION);
                assertThat(e.getMessage()).startsWith("The body is not valid SLDC data: ").doesNotContain("\n");
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(990); // only the cuts after the End of Record decode
    }

    @Test
    void the_output_limit_is_exact() {
        byte[] compressed = Captures.hex("heartbeat.sldc.hex");

        assertThat(Sldc.decompress(compressed, 3042)).hasSize(3042);
        assertThatThrownBy(() -> Sldc.decompress(compressed, 3041))
                .isInstanceOfSatisfying(WefMessageException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("more than 3041 bytes", "max_content_length");
                });
    }

    @Test
    void a_small_body_that_expands_without_end_stops_at_the_limit() {
        SldcWriter bomb = new SldcWriter().control(SldcWriter.RESET_1).literal1('A').literal1('A');
        for (int i = 0; i < 10_000; i++) {
            bomb.copy(271, 0); // 2.7 MB from 28 kB
        }
        byte[] compressed = bomb.control(SldcWriter.END_OF_RECORD).bytes();
        assertThat(compressed.length).isLessThan(30_000);

        assertThatThrownBy(() -> Sldc.decompress(compressed, 1_000_000))
                .isInstanceOfSatisfying(WefMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        assertThat(Sldc.decompress(compressed, 3_000_000)).hasSize(2 + 271 * 10_000).containsOnly('A');
    }

    @Test
    void copy_pointers_of_every_length_class_read_the_history_at_their_address() {
        byte[] alphabet = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
        SldcWriter stream = new SldcWriter().control(SldcWriter.RESET_1);
        for (byte b : alphabet) {
            stream.literal1(b);
        }
        StringBuilder expected = new StringBuilder("abcdefghijklmnopqrstuvwxyz");
        for (int length : new int[] {2, 3, 4, 7, 8, 15, 16, 31, 32, 271}) {
            stream.copy(length, 3); // from 'd'; overlapping copies repeat what they just wrote
            int start = expected.length();
            for (int k = 0; k < length; k++) {
                expected.append(expected.charAt(3 + k));
            }
            assertThat(expected.length()).isEqualTo(start + length);
        }
        byte[] out = Sldc.decompress(stream.control(SldcWriter.END_OF_RECORD).bytes(), LIMIT);

        assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
    }

    @Test
    void the_history_wraps_after_1024_bytes() {
        SldcWriter stream = new SldcWriter().control(SldcWriter.RESET_1);
        byte[] expected = new byte[1030 + 4];
        for (int i = 0; i < 1030; i++) {
            stream.literal1(i & 0xFF);
            expected[i] = (byte) i;
        }
        stream.copy(4, 1022); // 1022, 1023, then 0 and 1 (overwritten by bytes 1024 and 1025)
        expected[1030] = (byte) 1022;
        expected[1031] = (byte) 1023;
        expected[1032] = (byte) 1024;
        expected[1033] = (byte) 1025;

        assertThat(Sldc.decompress(stream.control(SldcWriter.END_OF_RECORD).bytes(), LIMIT)).isEqualTo(expected);
    }

    @Test
    void scheme_2_escapes_0xff_and_scheme_symbols_switch_both_ways() {
        byte[] out = Sldc.decompress(new SldcWriter()
                .control(SldcWriter.RESET_2).literal2(0xFF).literal2('x').literal2(0xFF)
                .control(SldcWriter.SCHEME_1).literal1(0xFF).copy(2, 0)
                .control(SldcWriter.FLUSH).control(SldcWriter.FILE_MARK).control(SldcWriter.END_MARKER)
                .control(SldcWriter.SCHEME_2).literal2('y')
                .control(SldcWriter.END_OF_RECORD).bytes(), LIMIT);

        assertThat(out).containsExactly(0xFF, 'x', 0xFF, 0xFF, 0xFF, 'x', 'y');
    }

    @Test
    void a_reset_forgets_the_history() {
        byte[] out = Sldc.decompress(new SldcWriter()
                .control(SldcWriter.RESET_1).literal1('a').literal1('b')
                .control(SldcWriter.RESET_1).copy(2, 0)
                .control(SldcWriter.END_OF_RECORD).bytes(), LIMIT);

        assertThat(out).containsExactly('a', 'b', 0, 0);
    }

    @Test
    void what_follows_the_end_of_record_is_ignored() {
        byte[] record = SldcWriter.scheme2Record("ok".getBytes(StandardCharsets.US_ASCII));
        byte[] withTrailer = Arrays.copyOf(record, record.length + 7);
        Arrays.fill(withTrailer, record.length, withTrailer.length, (byte) 0x5A);

        assertThat(Sldc.decompress(withTrailer, LIMIT)).containsExactly('o', 'k');
    }

    @Test
    void corrupt_streams_are_refused_with_what_is_wrong() {
        assertCorrupt(new SldcWriter().control(0b0111).bytes(), "reserved control symbol 111 at bit 0");
        assertCorrupt(new SldcWriter().control(SldcWriter.RESET_2).control(0b1000).bytes(), "reserved control symbol 1000 at bit 13");
        assertCorrupt("plain text".getBytes(StandardCharsets.US_ASCII), "data before any scheme or reset symbol");
        assertCorrupt(new SldcWriter().control(SldcWriter.RESET_2).literal2('a').bytes(), "truncated");
        assertCorrupt(new byte[] {(byte) 0xFF, (byte) 0xFE, '<', 0}, "data before any scheme or reset symbol");
        // 13 + 3 x 9 bits: the data ends on a byte boundary, with no End of Record
        assertCorrupt(new SldcWriter().control(SldcWriter.RESET_1).literal1('a').literal1('b').literal1('c').bytes(),
                "no End of Record symbol");
    }

    @Test
    void random_bytes_never_escape_as_anything_but_the_typed_exception() {
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);
            if (random.nextBoolean() && noise.length > 2) {
                // start with a scheme or reset symbol half of the time, so that the data is decoded at all
                noise[0] = (byte) 0xFF;
                noise[1] = (byte) (0x80 | SCHEMES[random.nextInt(SCHEMES.length)] << 3 | random.nextInt(8));
            }
            try {
                assertThat(Sldc.decompress(noise, 4096)).hasSizeLessThanOrEqualTo(4096);
            } catch (WefMessageException e) {
                assertThat(e.reason()).isIn(Reason.CORRUPT_COMPRESSION, Reason.TOO_LARGE);
            }
        }
    }

    private static void assertCorrupt(byte[] data, String what) {
        assertThatThrownBy(() -> Sldc.decompress(data, LIMIT))
                .isInstanceOfSatisfying(WefMessageException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CORRUPT_COMPRESSION);
                    assertThat(e.getMessage()).contains(what);
                });
    }
}
