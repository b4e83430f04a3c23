package org.openwec.adapters.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.openwec.adapters.sql.json.SerdeJson;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.fields.FieldReader;
import org.openwec.core.model.fields.IntegerRange;

/**
 * Codec for the {@code subscriptions.outputs} column at the latest schema: writes exactly the bytes
 * the reference writes (so rows compare and round-trip byte-for-byte) and reads what the reference
 * reads, plus the pre-TLS Tcp shape that the reference rejects.
 */
public final class OutputsJson {

    private OutputsJson() {
    }

    /** Compact JSON in the reference's key order; Kafka options sorted by key so writes are stable. */
    public static String write(List<Output> outputs) {
        ArrayNode array = SerdeJson.array();
        for (Output output : outputs) {
            OutputDriver driver = output.driver();
            array.add(OutputEnvelope.toJson(output.format().name(), driver.storedName(), config(driver),
                    output.enabled()));
        }
        return SerdeJson.write(array);
    }

    /**
     * Parses a column value. Unknown keys are ignored; a missing required key, a wrong type or an
     * unknown format or driver throws IllegalArgumentException naming the output and the field.
     */
    public static List<Output> read(String json) {
        ArrayNode array = parseArray(json);
        List<Output> outputs = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            OutputEnvelope element = OutputEnvelope.parse(array.get(i), i);
            outputs.add(new Output(OutputFormat.valueOf(element.format()), driver(element), element.enabled()));
        }
        return List.copyOf(outputs);
    }

    /** The column as a JSON array, or an IllegalArgumentException saying why it is not one. */
    static ArrayNode parseArray(String json) {
        JsonNode root;
        try {
            root = SerdeJson.read(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("outputs is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("outputs must be a JSON array, found " + SerdeJson.describe(root));
        }
        return (ArrayNode) root;
    }

    private static ObjectNode config(OutputDriver driver) {
        ObjectNode config = SerdeJson.object();
        switch (driver) {
            case OutputDriver.Files files -> config.put("path", files.path());
            case OutputDriver.Kafka kafka -> {
                config.put("topic", kafka.topic());
                ObjectNode options = config.putObject("options");
                // The reference writes a HashMap in random order; any order reads back the same.
                new TreeMap<>(kafka.options()).forEach(options::put);
            }
            case OutputDriver.Tcp tcp -> {
                config.put("host", tcp.host());
                config.put("port", tcp.port());
                config.put("tls_enabled", tcp.tlsEnabled());
                ArrayNode authorities = config.putArray("tls_certificate_authorities");
                tcp.tlsCertificateAuthorities().forEach(authorities::add);
                config.put("tls_certificate", tcp.tlsCertificate());
                config.put("tls_key", tcp.tlsKey());
            }
            case OutputDriver.Redis redis -> {
                config.put("addr", redis.addr());
                config.put("list", redis.list());
            }
            case OutputDriver.UnixDatagram unix -> config.put("path", unix.path());
        }
        return config;
    }

    private static OutputDriver driver(OutputEnvelope element) {
        FieldReader config = element.configReader();
        return switch (element.driver()) {
            case "Files" -> new OutputDriver.Files(config.string("path"));
            case "Kafka" -> new OutputDriver.Kafka(config.string("topic"), config.stringMap("options"));
            case "Tcp" -> tcp(config);
            case "Redis" -> new OutputDriver.Redis(config.string("addr"), config.string("list"));
            case "UnixDatagram" -> new OutputDriver.UnixDatagram(config.string("path"));
            default -> throw new IllegalStateException("unhandled driver " + element.driver());
        };
    }

    /**
     * Tcp as the reference reads it ('addr' is a serde alias of 'host'), except that the TLS fields
     * get defaults: rows written by v0.3.0 and earlier have none and the reference cannot read them.
     */
    private static OutputDriver.Tcp tcp(FieldReader config) {
        // serde refuses a field given under both its name and its alias, even as null.
        if (config.contains("host") && config.contains("addr")) {
            throw new IllegalArgumentException(config.where() + " has both 'host' and its legacy alias 'addr'");
        }
        String host = config.string(config.contains("addr") ? "addr" : "host");
        int port = (int) config.integer("port", IntegerRange.U16);
        boolean tlsEnabled = config.boolOr("tls_enabled", false);
        List<String> authorities = config.optionalStrings("tls_certificate_authorities");
        return new OutputDriver.Tcp(host, port, tlsEnabled,
                authorities == null ? List.of() : authorities,
                config.optionalString("tls_certificate"),
                config.optionalString("tls_key"));
    }
}
