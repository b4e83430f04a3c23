package org.openwec.app.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.openwec.adapters.sql.LegacyOutputs;
import org.openwec.adapters.sql.json.SerdeJson;
import org.openwec.core.model.ClientFilter;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.ClientFilterKind;
import org.openwec.core.model.ClientFilterOperation;
import org.openwec.core.model.ContentFormat;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.model.fields.FieldReader;
import org.openwec.core.model.fields.IntegerRange;

/**
 * {@code subscriptions export} / {@code import}: the reference's JSON envelope
 * {@code {"schema":"V3","data":{"subscriptions":[...]}}} (docs/reference/cli.md §10). Export always writes V3;
 * import reads V1, V2 and V3. The internal version is neither exported nor imported.
 */
public final class SubscriptionExport {
    // serde_json fails on trailing content and on a field given twice; so does this reader.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private enum Schema { V1, V2, V3 }

    private SubscriptionExport() {}

    // ------------------------------------------------------------------ export

    public static String write(List<Subscription> subscriptions) {
        ObjectNode export = SerdeJson.object();
        export.put("schema", "V3");
        ArrayNode items = export.putObject("data").putArray("subscriptions");
        subscriptions.forEach(s -> subscription(items.addObject(), s));
        return SerdeJson.write(export);
    }

    /** The fields in the order of the reference's V3 struct. */
    private static void subscription(ObjectNode json, Subscription s) {
        SubscriptionParameters p = s.parameters();
        json.put("uuid", Uuids.lowerCase(s.uuid()))
                .put("revision", s.revision())
                .put("name", p.name())
                .put("uri", s.uri())
                .put("query", p.query())
                .put("heartbeat_interval", p.heartbeatInterval())
                .put("connection_retry_count", p.connectionRetryCount())
                .put("connection_retry_interval", p.connectionRetryInterval())
                .put("max_time", p.maxTime())
                .put("max_elements", p.maxElements())
                .put("max_envelope_size", p.maxEnvelopeSize())
                .put("enabled", s.enabled())
                .put("read_existing_events", p.readExistingEvents())
                .put("content_format", p.contentFormat().name())
                .put("ignore_channel_error", p.ignoreChannelError())
                .put("locale", p.locale())
                .put("data_locale", p.dataLocale());
        ClientFilter filter = s.clientFilter();
        if (filter == null) {
            json.putNull("filter");
        } else {
            ArrayNode targets = json.putObject("filter")
                    .put("operation", filter.operation().name())
                    .put("type", filter.kind().name())
                    .put("flags", FilterFlags.text(filter.flags()))
                    .putArray("targets");
            filter.targets().forEach(targets::add);
        }
        ArrayNode outputs = json.putArray("outputs");
        for (Output output : s.outputs()) {
            ObjectNode o = outputs.addObject().put("format", output.format().name());
            driver(o.putObject("driver").putObject(output.driver().storedName()), output.driver());
            o.put("enabled", output.enabled());
        }
    }

    /** Tcp is written with "addr", the export format's name for the host, with all six keys. */
    private static void driver(ObjectNode json, OutputDriver driver) {
        switch (driver) {
            case OutputDriver.Files f -> json.put("path", f.path());
            case OutputDriver.Kafka k -> {
                json.put("topic", k.topic());
                ObjectNode options = json.putObject("options");
                new TreeMap<>(k.options()).forEach(options::put);
            }
            case OutputDriver.Tcp t -> {
                json.put("addr", t.host()).put("port", t.port()).put("tls_enabled", t.tlsEnabled());
                t.tlsCertificateAuthorities().forEach(json.putArray("tls_certificate_authorities")::add);
                json.put("tls_certificate", t.tlsCertificate()).put("tls_key", t.tlsKey());
            }
            case OutputDriver.Redis r -> json.put("addr", r.addr()).put("list", r.list());
            case OutputDriver.UnixDatagram u -> json.put("path", u.path());
        }
    }

    // ------------------------------------------------------------------ import

    /**
     * Reads an export of any schema. Each subscription keeps its UUID, revision and enabled flag from the
     * file and gets a fresh internal version.
     *
     * @param where names the file in errors
     */
    public static List<Subscription> read(String text, String where) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new UserError("Failed to import subscriptions using OpenWEC format from " + where + ": it is not valid JSON ("
                    + e.getOriginalMessage() + at + ").");
        }
        FieldReader envelope = ImportErrors.root(root, where);
        String schemaName = envelope.string("schema");
        Schema schema;
        try {
            schema = Schema.valueOf(schemaName);
        } catch (IllegalArgumentException e) {
            throw new UserError(where + ": unknown schema \"" + schemaName + "\" (this version reads V1, V2 and V3).");
        }
        List<FieldReader> items = envelope.table("data").tables("subscriptions");
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            subscriptions.add(subscription(schema, items.get(i).renamed(where + ": subscriptions[" + i + "]")));
        }
        return subscriptions;
    }

    private static Subscription subscription(Schema schema, FieldReader s) {
        UUID uuid = Uuids.parse(s.string("uuid")).orElseThrow(() -> new UserError(s.where() + ": uuid is not a UUID."));
        String name = s.string("name");
        String where = s.where() + " (" + name + ")";
        SubscriptionParameters parameters = Build.parameters(where, () -> new SubscriptionParameters(
                name,
                s.string("query"),
                s.integer("heartbeat_interval", IntegerRange.U32),
                (int) s.integer("connection_retry_count", IntegerRange.U16),
                s.integer("connection_retry_interval", IntegerRange.U32),
                s.integer("max_time", IntegerRange.U32),
                schema == Schema.V1 ? null : s.optionalInteger("max_elements", IntegerRange.U32),
                s.integer("max_envelope_size", IntegerRange.U32),
                s.bool("read_existing_events"),
                contentFormat(s.string("content_format"), where),
                s.bool("ignore_channel_error"),
                s.optionalString("locale"),
                s.optionalString("data_locale")));
        ClientFilter filter = schema == Schema.V3 ? filterV3(s.optionalTable("filter")) : filterV1(s.table("filter"));
        List<Output> outputs = new ArrayList<>();
        List<FieldReader> items = s.tables("outputs");
        for (int i = 0; i < items.size(); i++) {
            outputs.add(output(schema, items.get(i).renamed(where + ": outputs[" + i + "]")));
        }
        return new Subscription(uuid, UUID.randomUUID(), s.optionalString("revision"), s.optionalString("uri"),
                s.bool("enabled"), parameters, filter, outputs);
    }

    /** V1 and V2: {"operation": null|"Only"|"Except", "princs": [...]}, a Client filter without flags. */
    private static ClientFilter filterV1(FieldReader f) {
        String operation = f.optionalString("operation");
        List<String> principals = f.strings("princs");
        if (operation == null) {
            return null;
        }
        return Build.filter(f.where(), operation(operation, f.where()), ClientFilterKind.Client, ClientFilterFlags.NONE, principals);
    }

    private static ClientFilter filterV3(FieldReader f) {
        if (f == null) {
            return null;
        }
        String kind = f.optionalString("type");
        String flags = f.optionalString("flags");
        return Build.filter(f.where(), operation(f.string("operation"), f.where()),
                kind == null ? ClientFilterKind.Client : kind(kind, f.where()),
                flags == null ? ClientFilterFlags.NONE : FilterFlags.parse(flags, f.where()),
                f.strings(targetsKey(f)));
    }

    /** "targets", or its aliases "princs" and "cert_subjects" (exactly one of them). */
    private static String targetsKey(FieldReader f) {
        List<String> given = new ArrayList<>();
        for (String key : List.of("targets", "princs", "cert_subjects")) {
            if (f.contains(key)) {
                given.add(key);
            }
        }
        if (given.size() > 1) {
            throw new UserError(f.where() + ": give targets once, found " + String.join(" and ", given) + ".");
        }
        return given.isEmpty() ? "targets" : given.get(0);
    }

    private static Output output(Schema schema, FieldReader o) {
        var format = OutputRules.format(o.string("format"), o.where());
        FieldReader driver = o.table("driver");
        if (driver.keys().size() != 1) {
            throw new UserError(driver.where() + " must have exactly one driver (Files, Kafka, Tcp, Redis or UnixDatagram).");
        }
        String name = driver.keys().iterator().next();
        FieldReader config = driver.table(name);
        return new Output(format, driver(schema, name, config), o.bool("enabled"));
    }

    private static OutputDriver driver(Schema schema, String name, FieldReader c) {
        return switch (name) {
            case "Files" -> schema == Schema.V1
                    ? new OutputDriver.Files(Build.legacyFilesPath(c.where(), () -> LegacyOutputs.filesPathFromLegacy(
                            c.string("base"), optionalInt(c.optionalInteger("split_on_addr_index", IntegerRange.U8)),
                            c.bool("append_node_name"), c.string("filename"))))
                    : new OutputDriver.Files(c.string("path"));
            case "Kafka" -> new OutputDriver.Kafka(c.string("topic"), c.has("options") ? c.stringMap("options") : Map.of());
            case "Tcp" -> {
                String host = c.has("addr") ? c.string("addr") : c.string("host");
                int port = (int) c.integer("port", IntegerRange.U16);
                if (schema == Schema.V1) {
                    yield OutputRules.tcp(host, port, false, List.of(), null, null, c.where());
                }
                Boolean tls = c.optionalBool("tls_enabled");
                yield OutputRules.tcp(host, port, tls != null && tls,
                        c.has("tls_certificate_authorities") ? c.strings("tls_certificate_authorities") : List.of(),
                        c.optionalString("tls_certificate"), c.optionalString("tls_key"), c.where());
            }
            case "Redis" -> new OutputDriver.Redis(c.string("addr"), c.string("list"));
            case "UnixDatagram" -> new OutputDriver.UnixDatagram(c.string("path"));
            default -> throw new UserError(c.where() + ": unknown driver \"" + name
                    + "\". Use Files, Kafka, Tcp, Redis or UnixDatagram.");
        };
    }

    private static Integer optionalInt(Long value) {
        return value == null ? null : value.intValue();
    }

    static ContentFormat contentFormat(String text, String where) {
        return switch (text) {
            case "Raw" -> ContentFormat.Raw;
            case "RenderedText" -> ContentFormat.RenderedText;
            default -> throw new UserError(where + ": content_format must be Raw or RenderedText, found \"" + text + "\".");
        };
    }

    static ClientFilterOperation operation(String text, String where) {
        return switch (text) {
            case "Only" -> ClientFilterOperation.Only;
            case "Except" -> ClientFilterOperation.Except;
            default -> throw new UserError(where + ": filter operation must be Only or Except, found \"" + text + "\".");
        };
    }

    static ClientFilterKind kind(String text, String where) {
        return switch (text) {
            case "Client" -> ClientFilterKind.Client;
            case "MachineID" -> ClientFilterKind.MachineID;
            default -> throw new UserError(where + ": filter type must be Client or MachineID, found \"" + text + "\".");
        };
    }
}
