package org.openwec.app.config;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.openwec.core.model.fields.FieldPosition;
import org.openwec.core.model.fields.FieldReader;
import org.openwec.core.model.fields.FieldSource;
import org.openwec.core.model.fields.FieldValue;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/** A tomlj table seen by the core's field rules ({@link FieldReader}), with the position of every key. */
public final class TomlFieldSource implements FieldSource {
    private final TomlTable table;

    public TomlFieldSource(TomlTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public Set<String> keys() {
        return table.keySet();
    }

    @Override
    public FieldValue get(String key) {
        Object value = table.get(List.of(key));
        return value == null ? null : value(value);
    }

    @Override
    public Optional<FieldPosition> position(String key) {
        TomlPosition position = table.inputPositionOf(List.of(key));
        return position == null ? Optional.empty() : Optional.of(new FieldPosition(position.line(), position.column()));
    }

    private static FieldValue value(Object value) {
        return switch (value) {
            case String s -> new FieldValue.Text(s);
            case Long l -> FieldValue.Int.of(l);
            case Double d -> new FieldValue.Decimal(d);
            case Boolean b -> new FieldValue.Bool(b);
            case TomlTable t -> new FieldValue.Table(new TomlFieldSource(t));
            case TomlArray a -> {
                List<FieldValue> items = new ArrayList<>(a.size());
                a.toList().forEach(item -> items.add(value(item)));
                yield new FieldValue.Array(items);
            }
            case OffsetDateTime t -> new FieldValue.Other("offset date-time", t.toString());
            case LocalDateTime t -> new FieldValue.Other("local date-time", t.toString());
            case LocalDate d -> new FieldValue.Other("local date", d.toString());
            case LocalTime t -> new FieldValue.Other("local time", t.toString());
            default -> new FieldValue.Other(value.getClass().getSimpleName().toLowerCase(Locale.ROOT), value.toString());
        };
    }

    /** A value as TOML users name it, for "got ..." in messages: {@code the string "x"}, {@code integer 3}, {@code a table}. */
    public static String describe(FieldValue value) {
        return switch (value) {
            case null -> "nothing";
            case FieldValue.Text t -> "the string \"" + t.value() + "\"";
            case FieldValue.Int i -> "integer " + i.value();
            case FieldValue.Decimal d -> "float " + d.value();
            case FieldValue.Bool b -> "boolean " + b.value();
            case FieldValue.Table t -> "a table";
            case FieldValue.Array a -> "an array";
            case FieldValue.Other o -> o.type() + " " + o.text();
            case FieldValue.Null n -> "nothing"; // TOML has no null
        };
    }
}
