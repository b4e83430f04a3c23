package org.openwec.adapters.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Typed access to the fields of one JSON object, with the rules serde applies to the reference's
 * structs: a required field must be present and non-null, an optional one may be missing or null,
 * the type must match exactly. Errors name {@code where} (e.g. "output 2: Tcp config").
 */
record ConfigReader(ObjectNode node, String where) {

    ConfigReader {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(where, "where");
    }

    boolean has(String key) {
        return node.has(key);
    }

    String string(String key) {
        return require(key, optionalString(key));
    }

    String optionalString(String key) {
        JsonNode value = present(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(key, "a string", value);
        }
        return value.textValue();
    }

    boolean bool(String key) {
        return require(key, optionalBool(key));
    }

    Boolean optionalBool(String key) {
        JsonNode value = present(key);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(key, "a boolean", value);
        }
        return value.booleanValue();
    }

    /** An unsigned integer no greater than max (255 for a Rust u8, 65535 for a u16). */
    int unsigned(String key, int max) {
        return require(key, optionalUnsigned(key, max));
    }

    Integer optionalUnsigned(String key, int max) {
        JsonNode value = present(key);
        if (value == null) {
            return null;
        }
        String expected = "an integer from 0 to " + max;
        if (!value.isIntegralNumber()) {
            throw wrongType(key, expected, value);
        }
        if (!value.canConvertToInt() || value.intValue() < 0 || value.intValue() > max) {
            throw new IllegalArgumentException(
                    where + ": '" + key + "' must be " + expected + ", found " + value.asText());
        }
        return value.intValue();
    }

    List<String> strings(String key) {
        return require(key, optionalStrings(key));
    }

    List<String> optionalStrings(String key) {
        JsonNode value = present(key);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(key, "an array of strings", value);
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw wrongType(key, "an array of strings", item);
            }
            items.add(item.textValue());
        }
        return items;
    }

    /** A string-to-string object, in document order. */
    Map<String, String> stringMap(String key) {
        JsonNode value = present(key);
        if (value == null) {
            throw missing(key);
        }
        if (!value.isObject()) {
            throw wrongType(key, "an object of strings", value);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException(where + ": '" + key + "." + entry.getKey()
                        + "' must be a string, found " + SerdeJson.describe(entry.getValue()));
            }
            map.put(entry.getKey(), entry.getValue().textValue());
        }
        return map;
    }

    IllegalArgumentException missing(String key) {
        return new IllegalArgumentException(where + " has no '" + key + "'");
    }

    private JsonNode present(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    private <T> T require(String key, T value) {
        if (value != null) {
            return value;
        }
        if (node.has(key)) {
            throw new IllegalArgumentException(where + ": '" + key + "' must not be null");
        }
        throw missing(key);
    }

    private IllegalArgumentException wrongType(String key, String expected, JsonNode found) {
        return new IllegalArgumentException(
                where + ": '" + key + "' must be " + expected + ", found " + SerdeJson.describe(found));
    }
}
