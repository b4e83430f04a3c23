package org.openwec.app.format;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.openwec.core.model.UserError;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * One table of a subscription file, read as strictly as the reference reads it (serde with
 * deny_unknown_fields): every key known, of its type and in range. Errors name the file, the position
 * and the dotted key.
 */
final class TomlFields {
    private final String file;
    private final String name;
    private final TomlTable table;
    private final Set<String> read = new HashSet<>();

    TomlFields(String file, String name, TomlTable table) {
        this.file = file;
        this.name = name;
        this.table = table;
    }

    String where() {
        return file + (name.isEmpty() ? "" : " [" + name + "]");
    }

    String string(String key) {
        return required(key, optionalString(key));
    }

    String optionalString(String key) {
        Object value = value(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw wrongType(key, "a string", value);
        }
        return s;
    }

    Long optionalUnsigned(String key, long max) {
        Object value = value(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Long l)) {
            throw wrongType(key, "an integer", value);
        }
        if (l < 0 || l > max) {
            throw at(key, dotted(key) + " must be from 0 to " + max + ", got " + l);
        }
        return l;
    }

    long unsigned(String key, long max) {
        return required(key, optionalUnsigned(key, max));
    }

    Boolean optionalBool(String key) {
        Object value = value(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Boolean b)) {
            throw wrongType(key, "true or false", value);
        }
        return b;
    }

    TomlFields optionalTable(String key) {
        Object value = value(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof TomlTable t)) {
            throw wrongType(key, "a table", value);
        }
        return new TomlFields(file, dotted(key), t);
    }

    TomlFields table(String key) {
        return required(key, optionalTable(key));
    }

    /** {@code [[key]]}: null when absent. */
    List<TomlFields> optionalTables(String key) {
        Object value = value(key);
        if (value == null) {
            return null;
        }
        // Not TomlArray.containsTables(): tomlj 1.1 throws on non-empty arrays there.
        if (!(value instanceof TomlArray array) || array.toList().stream().anyMatch(e -> !(e instanceof TomlTable))) {
            throw wrongType(key, "an array of tables ([[" + dotted(key) + "]])", value);
        }
        List<TomlFields> tables = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            tables.add(new TomlFields(file, dotted(key) + "[" + i + "]", array.getTable(i)));
        }
        return tables;
    }

    List<String> strings(String key) {
        return required(key, optionalStrings(key, false));
    }

    /** An array of strings; with {@code orOne}, a single string too (the reference's StringOrVecString). */
    List<String> optionalStrings(String key, boolean orOne) {
        Object value = value(key);
        if (value == null) {
            return null;
        }
        if (orOne && value instanceof String s) {
            return List.of(s);
        }
        if (!(value instanceof TomlArray array) || array.toList().stream().anyMatch(e -> !(e instanceof String))) {
            throw wrongType(key, "an array of strings", value);
        }
        return array.toList().stream().map(String.class::cast).toList();
    }

    /** A table of strings (Kafka options), empty when absent. */
    Map<String, String> stringMap(String key) {
        TomlFields t = optionalTable(key);
        Map<String, String> values = new LinkedHashMap<>();
        if (t != null) {
            for (String k : t.table.keySet()) {
                values.put(k, t.string(k));
            }
        }
        return values;
    }

    boolean has(String key) {
        return table.get(List.of(key)) != null;
    }

    /** Call once every known key was read: any other key is an error, as in the reference. */
    void rejectUnknownKeys() {
        Set<String> unknown = new TreeSet<>(table.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw at(key, "unknown key " + dotted(key) + ". Remove it or fix its spelling");
        }
    }

    UserError invalid(String key, String problem) {
        return at(key, problem);
    }

    UserError problem(String problem) {
        return new UserError("Failed to parse file " + where() + ": " + problem + ".");
    }

    private Object value(String key) {
        read.add(key);
        return table.get(List.of(key));
    }

    private String dotted(String key) {
        return name.isEmpty() ? key : name + "." + key;
    }

    private <T> T required(String key, T value) {
        if (value == null) {
            throw problem("missing key " + dotted(key));
        }
        return value;
    }

    private UserError wrongType(String key, String expected, Object value) {
        return at(key, dotted(key) + " must be " + expected + ", got " + describe(value));
    }

    private UserError at(String key, String problem) {
        TomlPosition position = table.inputPositionOf(List.of(key));
        String line = position == null ? "" : ", line " + position.line() + ", column " + position.column();
        return new UserError("Failed to parse file " + file + line + ": " + problem + ".");
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "the string \"" + s + "\"";
        }
        if (value instanceof TomlTable) {
            return "a table";
        }
        if (value instanceof TomlArray) {
            return "an array";
        }
        return value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }
}
