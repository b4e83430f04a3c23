package org.openwec.adapters.sql.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.openwec.core.model.fields.FieldReader;
import org.openwec.core.model.fields.FieldSource;
import org.openwec.core.model.fields.FieldValue;

/**
 * A JSON object seen by the core's field rules ({@link FieldReader}). Numbers are told apart as serde_json
 * tells them apart: written without fraction or exponent they are integers (of any size), otherwise floats,
 * so {@code 5.0} is not a valid u16.
 */
public final class JsonFieldSource implements FieldSource {
    private final ObjectNode node;

    public JsonFieldSource(ObjectNode node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            keys.add(property.getKey());
        }
        return Collections.unmodifiableSet(keys);
    }

    @Override
    public FieldValue get(String key) {
        return value(node.get(key));
    }

    /** A JSON value as a field value; null for no value at all (an absent key, an empty document). */
    public static FieldValue value(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        return switch (node.getNodeType()) {
            case NULL -> FieldValue.Null.INSTANCE;
            case STRING -> new FieldValue.Text(node.textValue());
            case BOOLEAN -> new FieldValue.Bool(node.booleanValue());
            case NUMBER -> node.isIntegralNumber()
                    ? new FieldValue.Int(node.bigIntegerValue())
                    : new FieldValue.Decimal(node.doubleValue());
            case ARRAY -> {
                List<FieldValue> items = new ArrayList<>(node.size());
                node.forEach(item -> items.add(value(item)));
                yield new FieldValue.Array(items);
            }
            case OBJECT -> new FieldValue.Table(new JsonFieldSource((ObjectNode) node));
            default -> new FieldValue.Other(node.getNodeType().name().toLowerCase(java.util.Locale.ROOT), node.asText());
        };
    }
}
