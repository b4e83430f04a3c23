package org.openwec.adapters.sql.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.fields.FieldValue;

/** JSON values as the field rules see them: numbers told apart as serde_json tells them apart. */
class JsonFieldSourceTest {

    @Test
    void valuesKeepTheirJsonKind() throws Exception {
        ObjectNode node = (ObjectNode) SerdeJson.read(
                "{\"z\":\"t\",\"i\":5,\"f\":5.0,\"e\":1e2,\"big\":18446744073709551616,\"b\":true,\"n\":null,\"a\":[1,\"x\"],\"o\":{}}");
        JsonFieldSource source = new JsonFieldSource(node);

        assertThat(source.keys()).containsExactly("z", "i", "f", "e", "big", "b", "n", "a", "o");
        assertThat(source.get("z")).isEqualTo(new FieldValue.Text("t"));
        assertThat(source.get("i")).isEqualTo(FieldValue.Int.of(5));
        assertThat(source.get("f")).isEqualTo(new FieldValue.Decimal(5.0));
        assertThat(source.get("e")).isEqualTo(new FieldValue.Decimal(100.0));
        assertThat(source.get("big")).isEqualTo(new FieldValue.Int(new BigInteger("18446744073709551616")));
        assertThat(source.get("b")).isEqualTo(new FieldValue.Bool(true));
        assertThat(source.get("n")).isEqualTo(FieldValue.Null.INSTANCE);
        assertThat(source.get("a")).isEqualTo(new FieldValue.Array(List.of(FieldValue.Int.of(1), new FieldValue.Text("x"))));
        assertThat(source.get("o")).isInstanceOf(FieldValue.Table.class);
        assertThat(source.get("absent")).isNull();
        assertThat(source.position("z")).isEmpty();
        assertThat(JsonFieldSource.value(SerdeJson.read(""))).isNull();
    }
}
