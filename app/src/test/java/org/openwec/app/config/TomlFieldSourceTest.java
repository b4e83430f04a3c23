package org.openwec.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.fields.FieldPosition;
import org.openwec.core.model.fields.FieldValue;
import org.tomlj.Toml;

/** TOML values as the field rules see them, with the position of each key. */
class TomlFieldSourceTest {

    @Test
    void valuesAndPositions() {
        TomlFieldSource source = new TomlFieldSource(Toml.parse("""
                s = "t"
                i = 5
                f = 5.0
                b = false
                a = [1, "x"]
                d = 1979-05-27
                [t]
                k = 1
                """));

        assertThat(source.keys()).containsExactly("s", "i", "f", "b", "a", "d", "t");
        assertThat(source.get("s")).isEqualTo(new FieldValue.Text("t"));
        assertThat(source.get("i")).isEqualTo(FieldValue.Int.of(5));
        assertThat(source.get("f")).isEqualTo(new FieldValue.Decimal(5.0));
        assertThat(source.get("b")).isEqualTo(new FieldValue.Bool(false));
        assertThat(source.get("a")).isEqualTo(new FieldValue.Array(List.of(FieldValue.Int.of(1), new FieldValue.Text("x"))));
        assertThat(source.get("d")).isEqualTo(new FieldValue.Other("local date", "1979-05-27"));
        assertThat(source.get("t")).isInstanceOf(FieldValue.Table.class);
        assertThat(source.get("absent")).isNull();
        assertThat(source.position("i")).contains(new FieldPosition(2, 1));
        assertThat(source.position("absent")).isEmpty();
        assertThat(TomlFieldSource.describe(source.get("s"))).isEqualTo("the string \"t\"");
        assertThat(TomlFieldSource.describe(source.get("i"))).isEqualTo("integer 5");
        assertThat(TomlFieldSource.describe(source.get("t"))).isEqualTo("a table");
    }
}
