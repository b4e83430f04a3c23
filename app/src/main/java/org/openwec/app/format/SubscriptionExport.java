package org.openwec.app.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.openwec.adapters.sql.LegacyOutputs;
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

/**
 * {@code subscriptions export} / {@code import}: the reference's JSON envelope
 * {@code {"schema":"V3","data":{"subscriptions":[...]}}} (openwec-cli.md 10). Export always writes V3;
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
        JsonWriter json = new JsonWriter().beginObject().field("schema", "V3").name("data").beginObject()
                .name("subscriptions").beginArray();
        subscriptions.forEach(s -> subscription(json, s));
        return json.endArray().endObject().endObject().toString();
    }

    private static void subscription(JsonWriter json, Subscription s) {
        SubscriptionParameters p = s.parameters();
        json.beginObject()
                .field("uuid", Uuids.lowerCase(s.uuid()))
                .field("revision", s.revision())
                .field("name", p.name())
                .field("uri", s.uri())
                .field("query", p.query())
                .field("heartbeat_interval", p.heartbeatInterval())
                .field("connection_retry_count", p.connectionRetryCount())
                .field("connection_retry_interval", p.connectionRetryInterval())
                .field("max_time", p.maxTime())
                .field("max_elements", p.maxElements())
                .field("max_envelope_size", p.maxEnvelopeSize())
                .field("enabled", s.enabled())
                .field("read_existing_events", p.readExistingEvents())
                .field("content_format", p.contentFormat().name())
                .field("ignore_channel_error", p.ignoreChannelError())
                .field("locale", p.locale())
                .field("data_locale", p.dataLocale())
                .name("filter");
        ClientFilter filter = s.clientFilter();
        if (filter == null) {
            json.value((String) null);
        } else {
            json.beginObject()
                    .field("operation", filter.operation().name())
                    .field("type", filter.kind().name())
                    .field("flags", FilterFlags.text(filter.flags()))
                    .name("targets").beginArray();
            filter.targets().forEach(json::value);
            json.endArray().endObject();
        }
        json.name("outputs").beginArray();
        for (Output output : s.outputs()) {
            json.beginObject().field("format", output.format().name()).name("driver").beginObject()
                    .name(output.driver().storedName());
            driver(json, output.driver());
            json.endObject().field("enabled", output.enabled()).endObject();
        }
        json.endArray().endObject();
    }

    /** Tcp is written with "addr", the export format's name for the host, with all six keys. */
    private static void driver(JsonWriter json, OutputDriver driver) {
        json.beginObject();
        switch (driver) {
            case OutputDriver.Files f -> json.field("path", f.path());
            case OutputDriver.Kafka k -> {
                json.field("topic", k.topic()).name("options").beginObject();
                new TreeMap<>(k.options()).forEach(json::field);
                json.endObject();
            }
            case OutputDriver.Tcp t -> {
                json.field("addr", t.host()).field("port", t.port()).field("tls_enabled", t.tlsEnabled())
                        .name("tls_certificate_authorities").beginArray();
                t.tlsCertificateAuthorities().forEach(json::value);
                json.endArray().field("tls_certificate", t.tlsCertificate()).field("tls_key", t.tlsKey());
            }
            case OutputDriver.Redis r -> json.field("addr", r.addr()).field("list", r.list());
            case OutputDriver.UnixDatagram u -> json.field("path", u.path());
        }
        json.endObject();
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
        JsonFields envelope = JsonFields.of(root, where);
        String schemaName = envelope.string("schema");
        Schema schema;
        try {
            schema = Schema.valueOf(schemaName);
        } catch (IllegalArgumentException e) {
            throw new UserError(where + ": unknown schema \"" + schemaName + "\" (this version reads V1, V2 and V3).");
        }
        JsonFields data = envelope.object("data");
        List<JsonNode> items = data.array("subscriptions");
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            subscriptions.add(subscription(schema, JsonFields.of(items.get(i), where + ": subscriptions[" + i + "]")));
        }
        return subscriptions;
    }

    private static Subscription subscription(Schema schema, JsonFields s) {
        UUID uuid = Uuids.parse(s.string("uuid")).orElseThrow(() -> new UserError(s.where() + ": uuid is not a UUID."));
        String name = s.string("name");
        String where = s.where() + " (" + name + ")";
        SubscriptionParameters parameters = Build.parameters(where, () -> new SubscriptionParameters(
                name,
                s.string("query"),
                s.u32("heartbeat_interval"),
                (int) s.unsigned("connection_retry_count", SubscriptionParameters.U16_MAX),
                s.u32("connection_retry_interval"),
                s.u32("max_time"),
                schema == Schema.V1 ? null : s.optionalU32("max_elements"),
                s.u32("max_envelope_size"),
                s.bool("read_existing_events"),
                contentFormat(s.string("content_format"), where),
                s.bool("ignore_channel_error"),
                s.optionalString("locale"),
                s.optionalString("data_locale")));
        ClientFilter filter = schema == Schema.V3 ? filterV3(s.optionalObject("filter")) : filterV1(s.object("filter"));
        List<Output> outputs = new ArrayList<>();
        List<JsonNode> items = s.array("outputs");
        for (int i = 0; i < items.size(); i++) {
            outputs.add(output(schema, JsonFields.of(items.get(i), where + ": outputs[" + i + "]")));
        }
        return new Subscription(uuid, UUID.randomUUID(), s.optionalString("revision"), s.optionalString("uri"),
                s.bool("enabled"), parameters, filter, outputs);
    }

    /** V1 and V2: {"operation": null|"Only"|"Except", "princs": [...]}, a Client filter without flags. */
    private static ClientFilter filterV1(JsonFields f) {
        String operation = f.optionalString("operation");
        List<String> principals = f.strings("princs");
        if (operation == null) {
            return null;
        }
        return Build.filter(f.where(), operation(operation, f.where()), ClientFilterKind.Client, ClientFilterFlags.NONE, principals);
    }

    private static ClientFilter filterV3(JsonFields f) {
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
    private static String targetsKey(JsonFields f) {
        List<String> given = new ArrayList<>();
        for (String key : List.of("targets", "princs", "cert_subjects")) {
            if (f.node().has(key)) {
                given.add(key);
            }
        }
        if (given.size() > 1) {
            throw new UserError(f.where() + ": give targets once, found " + String.join(" and ", given) + ".");
        }
        return given.isEmpty() ? "targets" : given.get(0);
    }

    private static Output output(Schema schema, JsonFields o) {
        var format = OutputRules.format(o.string("format"), o.where());
        JsonFields driver = o.object("driver");
        if (driver.node().size() != 1) {
            throw new UserError(driver.where() + " must have exactly one driver (Files, Kafka, Tcp, Redis or UnixDatagram).");
        }
        String name = driver.node().fieldNames().next();
        JsonFields config = driver.object(name);
        return new Output(format, driver(schema, name, config), o.bool("enabled"));
    }

    private static OutputDriver driver(Schema schema, String name, JsonFields c) {
        return switch (name) {
            case "Files" -> schema == Schema.V1
                    ? new OutputDriver.Files(Build.legacyFilesPath(c.where(), () -> LegacyOutputs.filesPathFromLegacy(
                            c.string("base"), optionalInt(c.optionalUnsigned("split_on_addr_index", 255)),
                            c.bool("append_node_name"), c.string("filename"))))
                    : new OutputDriver.Files(c.string("path"));
            case "Kafka" -> new OutputDriver.Kafka(c.string("topic"), c.has("options") ? c.stringMap("options") : Map.of());
            case "Tcp" -> {
                String host = c.has("addr") ? c.string("addr") : c.string("host");
                int port = (int) c.unsigned("port", 65_535);
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
