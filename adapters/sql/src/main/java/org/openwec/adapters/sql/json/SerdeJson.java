package org.openwec.adapters.sql.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;

/**
 * Jackson configured to write what the reference's serde_json {@code to_string} writes, byte for byte:
 * compact (no whitespace), object keys in the order they were put, strings escaped as serde_json escapes
 * them. Stored outputs must compare and round-trip with the reference's rows, and scripts compare the
 * CLI's JSON output, so this is the one writer of JSON in the program.
 *
 * <p>serde_json escapes {@code "} and {@code \}, writes the short forms {@code \b \t \n \f \r}, every other
 * character below U+0020 as a backslash-u escape in <em>lower-case</em> hex (backslash-u001f, never 001F),
 * and writes everything else raw: DEL, {@code /}, non-ASCII, U+2028. Jackson does the same with its
 * defaults except the hex case, which {@link JsonWriteFeature#WRITE_HEX_UPPER_CASE} switches: no
 * CharacterEscapes needed. The two features it must keep off are stated below so that a change of
 * Jackson's defaults cannot slip in.
 *
 * <p>Integers print as serde_json prints them. Non-integral numbers never occur in what we write; they would
 * keep Java's spelling (1.0E20 where serde_json writes 1e20).
 */
public final class SerdeJson {

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                    .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
                    .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                    .build())
            // Trailing content after the document is an error for serde_json too.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SerdeJson() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Compact JSON, as serde_json's {@code to_string} writes it. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e); // trees always can
        }
    }

    /** A string as a JSON string literal, quotes included. */
    public static String quote(String text) {
        return write(TextNode.valueOf(text));
    }

    /** Parses one JSON document; trailing content fails, as with serde_json. Empty text gives a missing node. */
    public static JsonNode read(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }

    /** A JSON type name for error messages: string, number, boolean, null, array, object, or nothing. */
    public static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
