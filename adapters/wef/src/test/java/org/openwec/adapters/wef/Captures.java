package org.openwec.adapters.wef;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** The captured messages under {@code src/test/resources/captures} (see the README there for their origin). */
final class Captures {

    static String text(String name) {
        try (InputStream in = Captures.class.getResourceAsStream("/captures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No capture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A capture stored as one line of hex. */
    static byte[] hex(String name) {
        return HexFormat.of().parseHex(text(name).strip());
    }

    /** A capture stored as text, without the line feed the file ends with. */
    static String xml(String name) {
        String text = text(name);
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private Captures() {}
}
