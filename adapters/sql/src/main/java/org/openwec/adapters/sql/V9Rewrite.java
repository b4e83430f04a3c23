package org.openwec.adapters.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.openwec.adapters.sql.json.SerdeJson;
import org.openwec.core.model.fields.FieldReader;
import org.openwec.core.model.fields.IntegerRange;

/**
 * Migration 9 ("alter outputs format"): {@code {"Driver":[format,config,enabled]}} to and from
 * {@code {"format":..,"driver":{"Driver":config},"enabled":..}}. Both directions read the configs
 * with the typed v9-era structs, so unknown keys are dropped and a missing field fails the row.
 */
final class V9Rewrite {

    // The reference's v9 migration only knows these two formats, in both directions.
    private static final List<String> FORMATS = List.of("Json", "Raw");

    private V9Rewrite() {
    }

    static String up(String json) {
        ArrayNode old = OutputsJson.parseArray(json);
        ArrayNode rewritten = SerdeJson.array();
        for (int i = 0; i < old.size(); i++) {
            String where = "output " + i;
            Map.Entry<String, JsonNode> tagged = oldElement(old.get(i), where);
            String driver = OutputEnvelope.checkDriver(tagged.getKey(), where);
            JsonNode tuple = tagged.getValue();
            if (!tuple.isArray() || tuple.size() != 3) {
                throw new IllegalArgumentException(where + ": '" + driver
                        + "' must hold an array [format, config, enabled], found " + describeTuple(tuple));
            }
            String format = formatOf(tuple.get(0), where);
            ObjectNode config = OutputEnvelope.configObject(tuple.get(1), where, driver);
            if (!tuple.get(2).isBoolean()) {
                throw new IllegalArgumentException(
                        where + ": the enabled flag must be a boolean, found " + SerdeJson.describe(tuple.get(2)));
            }
            ObjectNode typed = config(driver, OutputEnvelope.configReader(config, i, driver));
            rewritten.add(OutputEnvelope.toJson(format, driver, typed, tuple.get(2).booleanValue()));
        }
        return SerdeJson.write(rewritten);
    }

    static String down(String json) {
        ArrayNode current = OutputsJson.parseArray(json);
        ArrayNode rewritten = SerdeJson.array();
        for (int i = 0; i < current.size(); i++) {
            OutputEnvelope element = OutputEnvelope.parse(current.get(i), i);
            if (!FORMATS.contains(element.format())) {
                throw new IllegalArgumentException("output " + i + ": format '" + element.format()
                        + "' cannot be stored before schema version 9, which only knows Json and Raw");
            }
            ArrayNode tuple = SerdeJson.array();
            tuple.add(element.format());
            tuple.add(config(element.driver(), element.configReader()));
            tuple.add(element.enabled());
            ObjectNode old = SerdeJson.object();
            old.set(element.driver(), tuple);
            rewritten.add(old);
        }
        return SerdeJson.write(rewritten);
    }

    private static Map.Entry<String, JsonNode> oldElement(JsonNode element, String where) {
        if (!element.isObject() || element.size() != 1) {
            throw new IllegalArgumentException(where + " must be an object with exactly one key naming the driver"
                    + " (the shape before schema version 9), found " + describeShape(element));
        }
        return element.properties().iterator().next();
    }

    private static String formatOf(JsonNode format, String where) {
        if (!format.isTextual()) {
            throw new IllegalArgumentException(where + ": the format must be a string, found "
                    + SerdeJson.describe(format));
        }
        return OutputEnvelope.checkFormat(format.textValue(), FORMATS, where);
    }

    /** The config as the v9-era struct of this driver, fields in struct order. */
    private static ObjectNode config(String driver, FieldReader in) {
        ObjectNode out = SerdeJson.object();
        switch (driver) {
            case "Files" -> {
                out.put("base", in.string("base"));
                out.put("split_on_addr_index", in.optionalInteger("split_on_addr_index", IntegerRange.U8));
                out.put("append_node_name", in.bool("append_node_name"));
                out.put("filename", in.string("filename"));
            }
            case "Kafka" -> {
                out.put("topic", in.string("topic"));
                ObjectNode options = out.putObject("options");
                // Document order is kept (the reference's HashMap order is random) so up/down round-trips.
                in.stringMap("options").forEach(options::put);
            }
            case "Tcp" -> {
                if (!in.contains("addr") && in.contains("host")) {
                    throw new IllegalArgumentException(in.where() + " has no 'addr': it uses 'host', written by"
                            + " versions newer than v0.3.0, which schema versions before 9 cannot store");
                }
                out.put("addr", in.string("addr"));
                out.put("port", in.integer("port", IntegerRange.U16));
            }
            case "Redis" -> {
                out.put("addr", in.string("addr"));
                out.put("list", in.string("list"));
            }
            case "UnixDatagram" -> out.put("path", in.string("path"));
            default -> throw new IllegalStateException("unhandled driver " + driver);
        }
        return out;
    }

    private static String describeTuple(JsonNode tuple) {
        return tuple.isArray() ? "an array of " + tuple.size() + " elements" : SerdeJson.describe(tuple);
    }

    private static String describeShape(JsonNode node) {
        return node.isObject() ? "an object with " + node.size() + " keys" : SerdeJson.describe(node);
    }
}
