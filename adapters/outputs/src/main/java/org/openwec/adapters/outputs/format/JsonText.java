package org.openwec.adapters.outputs.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * JSON as the reference's serde_json writes it: compact, non-ASCII characters as they are, control characters
 * as {@code \n}-style escapes or {@code \}{@code u00xx} in lower-case hexadecimal; and the few values every
 * format shares.
 */
final class JsonText {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private JsonText() {}

    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    static String write(Body body) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string failed", e);
        }
        return out.toString();
    }

    static void optional(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    static void optional(JsonGenerator json, String name, Long value) throws IOException {
        if (value != null) {
            json.writeNumberField(name, value);
        }
    }

    /** A u64 kept in a long. */
    static void optionalUnsigned(JsonGenerator json, String name, Long value) throws IOException {
        if (value != null) {
            json.writeFieldName(name);
            json.writeNumber(Long.toUnsignedString(value));
        }
    }

    /**
     * chrono's {@code to_rfc3339()} of a UTC time: as many fraction digits as needed among 0, 3, 6 and 9,
     * and {@code +00:00} (never {@code Z}).
     */
    static String rfc3339(Instant time) {
        int nanos = time.getNano();
        String fraction;
        if (nanos == 0) {
            fraction = "";
        } else if (nanos % 1_000_000 == 0) {
            fraction = String.format(".%03d", nanos / 1_000_000);
        } else if (nanos % 1_000 == 0) {
            fraction = String.format(".%06d", nanos / 1_000);
        } else {
            fraction = String.format(".%09d", nanos);
        }
        return SECONDS.format(time) + fraction + "+00:00";
    }
}
