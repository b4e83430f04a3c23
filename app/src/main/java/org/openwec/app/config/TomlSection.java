package org.openwec.app.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * One table of the configuration file, read strictly as the reference does: every key must be known,
 * of the right type and in range, and errors name the file, line, column and dotted key.
 */
final class TomlSection {
    private final Path file;
    private final String name;
    private final TomlTable table;
    private final Set<String> read = new HashSet<>();

    TomlSection(Path file, String name, TomlTable table) {
        this.file = file;
        this.name = name;
        this.table = table;
    }

    String requiredString(String key, String fix) {
        return optionalString(key).orElseThrow(() -> missing(key, fix));
    }

    Optional<String> optionalString(String key) {
        Object value = value(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw wrongType(key, "a string", value);
        }
        return Optional.of(s);
    }

    long requiredInteger(String key, long min, long max, String fix) {
        return optionalInteger(key, min, max).orElseThrow(() -> missing(key, fix));
    }

    Optional<Long> optionalInteger(String key, long min, long max) {
        Object value = value(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Long l)) {
            throw wrongType(key, "an integer", value);
        }
        if (l < min || l > max) {
            throw at(key, "key " + dotted(key) + " must be from " + min + " to " + max + ", got " + l + ". Fix that value.");
        }
        return Optional.of(l);
    }

    Optional<Boolean> optionalBoolean(String key) {
        Object value = value(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean b)) {
            throw wrongType(key, "true or false", value);
        }
        return Optional.of(b);
    }

    Optional<TomlSection> optionalTable(String key) {
        Object value = value(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof TomlTable t)) {
            throw wrongType(key, "a table", value);
        }
        return Optional.of(new TomlSection(file, dotted(key), t));
    }

    TomlSection requiredTable(String key, String fix) {
        return optionalTable(key).orElseThrow(() -> missing(key, fix));
    }

    /** An array of tables ({@code [[key]]}), possibly empty. */
    List<TomlSection> requiredTables(String key, String fix) {
        Object value = value(key);
        if (value == null) {
            throw missing(key, fix);
        }
        // Not TomlArray.containsTables(): tomlj 1.1 throws UnsupportedOperationException from it for any
        // non-empty array (heterogeneous arrays), so every file with a [[collectors]] entry failed to load.
        if (!(value instanceof TomlArray array) || array.toList().stream().anyMatch(e -> !(e instanceof TomlTable))) {
            throw wrongType(key, "an array of tables", value);
        }
        List<TomlSection> sections = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            sections.add(new TomlSection(file, dotted(key) + "[" + i + "]", array.getTable(i)));
        }
        return sections;
    }

    /** An array whose every element is of {@code type}. */
    void optionalArrayOf(String key, Class<?> type, String typeName) {
        Object value = value(key);
        if (value == null) {
            return;
        }
        if (!(value instanceof TomlArray array) || array.toList().stream().anyMatch(e -> !type.isInstance(e))) {
            throw wrongType(key, "an array of " + typeName, value);
        }
    }

    /** A table whose every value is a string, e.g. Kafka options. */
    void optionalStringMap(String key) {
        optionalTable(key).ifPresent(t -> {
            for (String k : t.table.keySet()) {
                t.optionalString(k);
            }
        });
    }

    /** Call once every known key was read: any other key is an error, as in the reference. */
    void rejectUnknownKeys() {
        Set<String> unknown = new TreeSet<>(table.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw at(key, "unknown key " + dotted(key) + ". Remove it or fix its spelling.");
        }
    }

    String dotted(String key) {
        return name.isEmpty() ? key : name + "." + key;
    }

    ConfigError invalid(String key, String problem) {
        return at(key, problem);
    }

    private Object value(String key) {
        read.add(key);
        return table.get(List.of(key));
    }

    private ConfigError missing(String key, String fix) {
        String where = name.isEmpty() ? "the file" : "[" + name + "]";
        return new ConfigError("Configuration file " + file + ": " + where + " has no key \"" + key + "\". " + fix);
    }

    private ConfigError wrongType(String key, String expected, Object value) {
        return at(key, "key " + dotted(key) + " must be " + expected + ", got " + describe(value) + ". Fix that value.");
    }

    private ConfigError at(String key, String problem) {
        TomlPosition position = table.inputPositionOf(List.of(key));
        String where = position == null ? "" : ", line " + position.line() + ", column " + position.column();
        return new ConfigError("Configuration file " + file + where + ": " + problem);
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
