package org.openwec.adapters.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.openwec.adapters.sql.json.SerdeJson;
import org.openwec.core.model.fields.FieldReader;

/**
 * One element of the outputs array in the shape used from schema version 9 on:
 * {@code {"format":F,"driver":{D:config},"enabled":B}}. The driver config is kept untyped so that
 * each schema era can read it with its own rules.
 *
 * @param index position in the array, used in error messages (0-based, as the CLI numbers outputs)
 */
record OutputEnvelope(int index, String format, String driver, ObjectNode config, boolean enabled) {

    static final List<String> FORMATS = List.of("Json", "Raw", "RawJson", "Nxlog");
    static final List<String> DRIVERS = List.of("Files", "Kafka", "Tcp", "Redis", "UnixDatagram");

    /** Reads an element as serde reads the reference's struct: unknown top-level keys are ignored. */
    static OutputEnvelope parse(JsonNode element, int index) {
        String where = "output " + index;
        if (!element.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object, found " + SerdeJson.describe(element));
        }
        FieldReader fields = StoredFields.of((ObjectNode) element, where);
        String format = checkFormat(fields.string("format"), FORMATS, where);
        JsonNode driverNode = element.get("driver");
        if (driverNode == null) {
            throw StoredFields.missing(where, "driver");
        }
        // serde's externally tagged enum: an object holding exactly one key, the variant name.
        if (!driverNode.isObject() || driverNode.size() != 1) {
            throw new IllegalArgumentException(where + ": 'driver' must be an object with exactly one key naming the"
                    + " driver, found " + describeShape(driverNode));
        }
        Map.Entry<String, JsonNode> tagged = driverNode.properties().iterator().next();
        String driver = checkDriver(tagged.getKey(), where);
        ObjectNode config = configObject(tagged.getValue(), where, driver);
        return new OutputEnvelope(index, format, driver, config, fields.bool("enabled"));
    }

    static String checkFormat(String format, List<String> accepted, String where) {
        if (!accepted.contains(format)) {
            throw new IllegalArgumentException(where + ": unknown format '" + format + "' (expected one of "
                    + String.join(", ", accepted) + ")");
        }
        return format;
    }

    static String checkDriver(String driver, String where) {
        if (!DRIVERS.contains(driver)) {
            throw new IllegalArgumentException(where + ": unknown driver '" + driver + "' (expected one of "
                    + String.join(", ", DRIVERS) + ")");
        }
        return driver;
    }

    static ObjectNode configObject(JsonNode value, String where, String driver) {
        if (!value.isObject()) {
            throw new IllegalArgumentException(
                    where + ": " + driver + " config must be a JSON object, found " + SerdeJson.describe(value));
        }
        return (ObjectNode) value;
    }

    /** Element in the reference's field order: format, driver, enabled. */
    static ObjectNode toJson(String format, String driver, JsonNode config, boolean enabled) {
        ObjectNode element = SerdeJson.object();
        element.put("format", format);
        element.putObject("driver").set(driver, config);
        element.put("enabled", enabled);
        return element;
    }

    ObjectNode toJson() {
        return toJson(format, driver, config, enabled);
    }

    /** Reader for this element's driver config, naming it in errors as "output 2: Tcp config". */
    FieldReader configReader() {
        return configReader(config, index, driver);
    }

    static FieldReader configReader(ObjectNode config, int index, String driver) {
        return StoredFields.of(config, "output " + index + ": " + driver + " config");
    }

    private static String describeShape(JsonNode node) {
        return node.isObject() ? "an object with " + node.size() + " keys" : SerdeJson.describe(node);
    }
}
