package org.openwec.app.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.model.UserError;

/**
 * Typed fields of one JSON object of an import file, with serde's rules for the reference's structs: a
 * required field is present and not null, an optional one may be missing or null, types match exactly,
 * unknown fields are ignored. Errors name the file and the path to the field.
 */
record JsonFields(JsonNode node, String where) {

    static JsonFields of(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new UserError(where + " must be a JSON object, found " + describe(node) + ".");
        }
        return new JsonFields(node, where);
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    String string(String key) {
        return required(key, optionalString(key));
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
        return required(key, optionalBool(key));
    }

    Boolean optionalBool(String key) {
        JsonNode value = present(key);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(key, "true or false", value);
        }
        return value.booleanValue();
    }

    long u32(String key) {
        return required(key, optionalUnsigned(key, SubscriptionParameters.U32_MAX));
    }

    Long optionalU32(String key) {
        return optionalUnsigned(key, SubscriptionParameters.U32_MAX);
    }

    long unsigned(String key, long max) {
        return required(key, optionalUnsigned(key, max));
    }

    Long optionalUnsigned(String key, long max) {
        JsonNode value = present(key);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0 || value.longValue() > max) {
            throw new UserError(where + ": " + key + " must be an integer from 0 to " + max + ", found " + value + ".");
        }
        return value.longValue();
    }

    JsonFields object(String key) {
        return of(required(key, present(key)), where + "." + key);
    }

    /** An object, or null when missing or null. */
    JsonFields optionalObject(String key) {
        JsonNode value = present(key);
        return value == null ? null : of(value, where + "." + key);
    }

    List<JsonNode> array(String key) {
        JsonNode value = required(key, present(key));
        if (!value.isArray()) {
            throw wrongType(key, "an array", value);
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    List<String> strings(String key) {
        List<String> strings = new ArrayList<>();
        for (JsonNode item : array(key)) {
            if (!item.isTextual()) {
                throw new UserError(where + ": " + key + " must be an array of strings, found " + describe(item) + " in it.");
            }
            strings.add(item.textValue());
        }
        return strings;
    }

    Map<String, String> stringMap(String key) {
        JsonFields map = object(key);
        Map<String, String> values = new LinkedHashMap<>();
        map.node().properties().forEach(e -> values.put(e.getKey(), map.string(e.getKey())));
        return values;
    }

    private JsonNode present(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    private <T> T required(String key, T value) {
        if (value == null) {
            throw new UserError(where + ": missing field " + key + ".");
        }
        return value;
    }

    private UserError wrongType(String key, String expected, JsonNode value) {
        return new UserError(where + ": " + key + " must be " + expected + ", found " + describe(value) + ".");
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + node;
    }
}
