package org.openwec.adapters.sql.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

/** The one JSON writer of the program against serde_json's {@code to_string}. */
class SerdeJsonTest {

    @Test
    void jsonIsWrittenAsSerdeJsonWritesIt() {
        ObjectNode json = SerdeJson.object()
                .put("s", "quote\" backslash\\ slash/ tab\t nl\n cr\r bs\b ff\f nul\u0000 us\u001f del\u007f é 日本 \u2028")
                .put("n", (Long) null).put("l", 4_294_967_295L).put("b", false);
        ArrayNode a = json.putArray("a");
        a.add("x");
        a.addObject();
        a.addArray();

        assertThat(SerdeJson.write(json)).isEqualTo("{\"s\":\"quote\\\" backslash\\\\ slash/ tab\\t nl\\n cr\\r bs\\b ff\\f nul\\u0000 us\\u001f "
                + "del\u007f é 日本 \u2028\",\"n\":null,\"l\":4294967295,\"b\":false,\"a\":[\"x\",{},[]]}");
    }

    /** Every UTF-16 unit, escaped or not exactly as serde_json's writer decides (serde_json ser.rs, ESCAPE table). */
    @Test
    void everyCharacterIsEscapedAsSerdeJsonEscapesIt() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String text = "a" + c + "b";
            assertThat(SerdeJson.write(TextNode.valueOf(text))).as("U+%04X", (int) c).isEqualTo("\"a" + serde(c) + "b\"");
        }
    }

    @Test
    void integersOfAnySizePrintInFull() {
        assertThat(SerdeJson.write(SerdeJson.array().add(Long.MIN_VALUE).add(new java.math.BigInteger("18446744073709551615"))))
                .isEqualTo("[-9223372036854775808,18446744073709551615]");
    }

    @Test
    void quoteAndDescribe() throws Exception {
        assertThat(SerdeJson.quote("a\"\u0001")).isEqualTo("\"a\\\"\\u0001\"");
        assertThat(SerdeJson.describe(SerdeJson.read(""))).isEqualTo("nothing");
        assertThat(SerdeJson.describe(SerdeJson.read("[1]"))).isEqualTo("array");
        assertThat(SerdeJson.describe(SerdeJson.read("{\"a\":1}").get("a"))).isEqualTo("number");
    }

    /** serde_json's rule, spelled out independently of Jackson. */
    private static String serde(char c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\b' -> "\\b";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\f' -> "\\f";
            case '\r' -> "\\r";
            default -> c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
        };
    }
}
