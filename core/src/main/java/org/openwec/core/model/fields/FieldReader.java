package org.openwec.core.model.fields;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.openwec.core.model.fields.FieldProblem.Expected;
import org.openwec.core.model.fields.FieldProblem.Location;

/**
 * Typed fields of one table, read as serde reads the reference's structs: a required field must be written
 * and not null, an optional one may be missing or null ({@code Option}, or {@code #[serde(default)]} with
 * the {@code ...Or} methods), the kind must match exactly, an integer must fit its range. Every key read is
 * remembered, so that {@link #rejectUnknownKeys()} can refuse the others where the reference's struct is
 * {@code deny_unknown_fields}. Problems go to the caller's {@link FieldErrors}, which throws.
 */
public final class FieldReader {
    private final FieldSource source;
    private final String origin;
    private final String table;
    private final FieldErrors errors;
    private final Set<String> read;

    private FieldReader(FieldSource source, String origin, String table, FieldErrors errors, Set<String> read) {
        this.source = source;
        this.origin = origin;
        this.table = table;
        this.errors = errors;
        this.read = read;
    }

    /** The root table of a document; {@code origin} names the document in errors. */
    public static FieldReader of(FieldSource source, String origin, FieldErrors errors) {
        return new FieldReader(source, origin, "", errors, new HashSet<>());
    }

    /** A document whose root must be a table (a JSON text may hold any value; null when it holds none). */
    public static FieldReader of(FieldValue document, String origin, FieldErrors errors) {
        if (document instanceof FieldValue.Table t) {
            return of(t.fields(), origin, errors);
        }
        throw errors.error(new FieldProblem.WrongType(
                new Location(origin, "", null, Optional.empty()), Expected.TABLE, document, null));
    }

    /** The same table, named in messages as a document of its own (an element of a list, say). */
    public FieldReader renamed(String newOrigin) {
        return new FieldReader(source, newOrigin, "", errors, read);
    }

    public String origin() {
        return origin;
    }

    /** The dotted path of this table in its document, "" for the root. */
    public String table() {
        return table;
    }

    /** This table as the caller's messages name it. */
    public String where() {
        return errors.where(origin, table);
    }

    public String dotted(String key) {
        return table.isEmpty() ? key : table + "." + key;
    }

    /** The keys written in this table, in document order when the format keeps one. */
    public Set<String> keys() {
        return source.keys();
    }

    /** Whether the key is written, even as null. */
    public boolean contains(String key) {
        return value(key) != null;
    }

    /** Whether the key is written with a value other than null. */
    public boolean has(String key) {
        return present(key) != null;
    }

    // ------------------------------------------------------------------ strings

    public String string(String key) {
        return string(key, null);
    }

    /** @param hint how to add the key when it is missing (may be null) */
    public String string(String key, String hint) {
        return required(key, hint, optionalString(key));
    }

    public String optionalString(String key) {
        FieldValue value = present(key);
        if (value == null) {
            return null;
        }
        if (value instanceof FieldValue.Text text) {
            return text.value();
        }
        throw wrongType(key, Expected.STRING, value, null);
    }

    public String stringOr(String key, String fallback) {
        String value = optionalString(key);
        return value == null ? fallback : value;
    }

    // ------------------------------------------------------------------ booleans

    public boolean bool(String key) {
        return required(key, null, optionalBool(key));
    }

    public Boolean optionalBool(String key) {
        FieldValue value = present(key);
        if (value == null) {
            return null;
        }
        if (value instanceof FieldValue.Bool bool) {
            return bool.value();
        }
        throw wrongType(key, Expected.BOOLEAN, value, null);
    }

    public boolean boolOr(String key, boolean fallback) {
        Boolean value = optionalBool(key);
        return value == null ? fallback : value;
    }

    // ------------------------------------------------------------------ integers

    public long integer(String key, IntegerRange range) {
        return integer(key, range, null);
    }

    public long integer(String key, IntegerRange range, String hint) {
        return required(key, hint, optionalInteger(key, range));
    }

    public Long optionalInteger(String key, IntegerRange range) {
        FieldValue value = present(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof FieldValue.Int integer)) {
            throw wrongType(key, Expected.INTEGER, value, range);
        }
        if (!range.contains(integer.value())) {
            throw errors.error(new FieldProblem.OutOfRange(at(key), range, integer.value()));
        }
        return integer.value().longValueExact();
    }

    public long integerOr(String key, IntegerRange range, long fallback) {
        Long value = optionalInteger(key, range);
        return value == null ? fallback : value;
    }

    // ------------------------------------------------------------------ arrays

    public List<String> strings(String key) {
        return required(key, null, optionalStrings(key));
    }

    public List<String> optionalStrings(String key) {
        List<FieldValue> items = optionalArray(key, Expected.ARRAY_OF_STRINGS);
        if (items == null) {
            return null;
        }
        List<String> strings = new ArrayList<>(items.size());
        for (FieldValue item : items) {
            if (!(item instanceof FieldValue.Text text)) {
                throw wrongType(key, Expected.ARRAY_OF_STRINGS, item, null);
            }
            strings.add(text.value());
        }
        return List.copyOf(strings);
    }

    /** An array of strings, or one string standing for an array of one (the reference's StringOrVecString). */
    public List<String> optionalStringOrStrings(String key) {
        return present(key) instanceof FieldValue.Text text ? List.of(text.value()) : optionalStrings(key);
    }

    /** An array of numbers, integers and floats alike (serde reads an integer into an f64). */
    public List<Double> optionalNumbers(String key) {
        List<FieldValue> items = optionalArray(key, Expected.ARRAY_OF_NUMBERS);
        if (items == null) {
            return null;
        }
        List<Double> numbers = new ArrayList<>(items.size());
        for (FieldValue item : items) {
            switch (item) {
                case FieldValue.Int i -> numbers.add(i.value().doubleValue());
                case FieldValue.Decimal d -> numbers.add(d.value());
                default -> throw wrongType(key, Expected.ARRAY_OF_NUMBERS, item, null);
            }
        }
        return List.copyOf(numbers);
    }

    // ------------------------------------------------------------------ tables

    public FieldReader table(String key) {
        return table(key, null);
    }

    public FieldReader table(String key, String hint) {
        return required(key, hint, optionalTable(key));
    }

    public FieldReader optionalTable(String key) {
        FieldValue value = present(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof FieldValue.Table t)) {
            throw wrongType(key, Expected.TABLE, value, null);
        }
        return new FieldReader(t.fields(), origin, dotted(key), errors, new HashSet<>());
    }

    /** An array of tables (TOML's {@code [[key]]}), each named {@code key[i]}. */
    public List<FieldReader> tables(String key) {
        return tables(key, null);
    }

    public List<FieldReader> tables(String key, String hint) {
        return required(key, hint, optionalTables(key));
    }

    public List<FieldReader> optionalTables(String key) {
        List<FieldValue> items = optionalArray(key, Expected.ARRAY_OF_TABLES);
        if (items == null) {
            return null;
        }
        List<FieldReader> tables = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof FieldValue.Table t)) {
                throw wrongType(key, Expected.ARRAY_OF_TABLES, items.get(i), null);
            }
            tables.add(new FieldReader(t.fields(), origin, dotted(key) + "[" + i + "]", errors, new HashSet<>()));
        }
        return List.copyOf(tables);
    }

    /** A table of strings (a {@code HashMap<String, String>}), in document order. */
    public Map<String, String> stringMap(String key) {
        return required(key, null, optionalStringMap(key));
    }

    public Map<String, String> optionalStringMap(String key) {
        FieldReader map = optionalTable(key);
        if (map == null) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String k : map.keys()) {
            values.put(k, map.string(k));
        }
        return values;
    }

    // ------------------------------------------------------------------ the table as a whole

    /** Call once every known key was read: any other key is an error, as in a {@code deny_unknown_fields} struct. */
    public void rejectUnknownKeys() {
        Set<String> unknown = new TreeSet<>(source.keys());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw errors.error(new FieldProblem.UnknownKey(at(unknown.iterator().next())));
        }
    }

    /** The caller's own check refused the value at {@code key}. */
    public RuntimeException invalid(String key, String problem) {
        return errors.error(new FieldProblem.Invalid(at(key), problem));
    }

    /** The caller's own check refused this table. */
    public RuntimeException problem(String problem) {
        return errors.error(new FieldProblem.Invalid(new Location(origin, table, null, Optional.empty()), problem));
    }

    // ------------------------------------------------------------------ rules

    private FieldValue value(String key) {
        read.add(key);
        return source.get(key);
    }

    /** The value, or null when it is missing or null: serde's None. */
    private FieldValue present(String key) {
        FieldValue value = value(key);
        return value instanceof FieldValue.Null ? null : value;
    }

    private List<FieldValue> optionalArray(String key, Expected expected) {
        FieldValue value = present(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof FieldValue.Array array)) {
            throw wrongType(key, expected, value, null);
        }
        return array.items();
    }

    private <T> T required(String key, String hint, T value) {
        if (value != null) {
            return value;
        }
        if (source.get(key) instanceof FieldValue.Null) {
            throw errors.error(new FieldProblem.Null(at(key)));
        }
        throw errors.error(new FieldProblem.Missing(at(key), hint));
    }

    private RuntimeException wrongType(String key, Expected expected, FieldValue found, IntegerRange range) {
        return errors.error(new FieldProblem.WrongType(at(key), expected, found, range));
    }

    private Location at(String key) {
        return new Location(origin, table, key, source.position(key));
    }
}
