package org.openwec.app.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openwec.adapters.sql.LegacyOutputs;
import org.openwec.core.model.ClientFilter;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.ClientFilterKind;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.model.fields.FieldReader;
import org.openwec.core.model.fields.IntegerRange;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/** A subscription configuration file, for {@code subscriptions load} (docs/reference/cli.md §9). */
public final class SubscriptionToml {
    private static final IntegerRange U32 = IntegerRange.U32;
    private static final IntegerRange U16 = IntegerRange.U16;

    private SubscriptionToml() {}

    /**
     * @param file names the file in errors
     * @param revision the --revision of the load, null to clear it
     * @return the subscription with the file's UUID and a fresh internal version
     */
    public static Subscription parse(String text, String file, String revision) {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            TomlParseError error = toml.errors().get(0);
            throw new UserError("Failed to parse file " + file + ", line " + error.position().line() + ", column "
                    + error.position().column() + ": " + error.getMessage() + ".");
        }
        FieldReader root = SubscriptionFileErrors.root(file, toml);
        String uuidText = root.string("uuid");
        UUID uuid = Uuids.parse(uuidText).orElseThrow(() -> root.invalid("uuid", "uuid is not a UUID: \"" + uuidText + "\""));
        String version = root.optionalString("version");
        if (version != null && Uuids.parse(version).isEmpty()) {
            throw root.invalid("version", "version is not a UUID: \"" + version + "\"");
        }
        String name = root.string("name");
        String query = root.string("query");
        FieldReader filterTable = root.optionalTable("filter");
        ClientFilter filter = filterTable == null ? null : filter(filterTable);
        List<FieldReader> outputTables = root.optionalTables("outputs");
        if (outputTables == null || outputTables.isEmpty()) {
            throw root.problem("Missing subscription outputs: add at least one [[outputs]] table");
        }
        List<Output> outputs = new ArrayList<>();
        for (FieldReader o : outputTables) {
            outputs.add(output(o));
        }
        FieldReader options = root.optionalTable("options");
        root.rejectUnknownKeys();
        return options == null
                ? new Subscription(uuid, UUID.randomUUID(), revision, null, true,
                        Build.parameters(root.where(), () -> SubscriptionParameters.defaults(name, query)), filter, outputs)
                : withOptions(uuid, revision, name, query, filter, outputs, options);
    }

    /**
     * uri, max_elements, locale and data_locale are always applied (absent clears them); the others only
     * when present, else the model's defaults; enabled defaults to true.
     */
    private static Subscription withOptions(UUID uuid, String revision, String name, String query, ClientFilter filter,
                                            List<Output> outputs, FieldReader o) {
        SubscriptionParameters d = Build.parameters(o.where(), () -> SubscriptionParameters.defaults(name, query));
        SubscriptionParameters p = Build.parameters(o.where(), () -> new SubscriptionParameters(name, query,
                o.integerOr("heartbeat_interval", U32, d.heartbeatInterval()),
                (int) o.integerOr("connection_retry_count", U16, d.connectionRetryCount()),
                o.integerOr("connection_retry_interval", U32, d.connectionRetryInterval()),
                o.integerOr("max_time", U32, d.maxTime()),
                o.optionalInteger("max_elements", U32),
                o.integerOr("max_envelope_size", U32, d.maxEnvelopeSize()),
                o.boolOr("read_existing_events", d.readExistingEvents()),
                o.has("content_format") ? SubscriptionExport.contentFormat(o.string("content_format"), o.where()) : d.contentFormat(),
                o.boolOr("ignore_channel_error", d.ignoreChannelError()),
                o.optionalString("locale"),
                o.optionalString("data_locale")));
        String uri = o.optionalString("uri");
        boolean enabled = o.boolOr("enabled", true);
        o.rejectUnknownKeys();
        return new Subscription(uuid, UUID.randomUUID(), revision, uri, enabled, p, filter, outputs);
    }

    private static ClientFilter filter(FieldReader f) {
        var operation = SubscriptionExport.operation(f.string("operation"), f.where());
        String type = f.optionalString("type");
        String flags = f.optionalString("flags");
        List<String> targets = null;
        for (String key : List.of("targets", "princs", "cert_subjects")) {
            List<String> given = f.optionalStrings(key);
            if (given != null && targets != null) {
                throw f.invalid(key, "give the filter's targets once (targets, princs and cert_subjects are the same key)");
            }
            targets = given == null ? targets : given;
        }
        if (targets == null) {
            throw f.problem("missing key targets");
        }
        f.rejectUnknownKeys();
        return Build.filter(f.where(), operation,
                type == null ? ClientFilterKind.Client : SubscriptionExport.kind(type, f.where()),
                flags == null ? ClientFilterFlags.NONE : FilterFlags.parse(flags, f.where()),
                targets);
    }

    private static Output output(FieldReader o) {
        String driver = o.string("driver");
        var format = OutputRules.format(o.string("format"), o.where());
        boolean enabled = o.boolOr("enabled", true);
        FieldReader c = o.table("config");
        o.rejectUnknownKeys();
        OutputDriver built = switch (driver) {
            case "Files" -> files(c);
            case "Kafka" -> new OutputDriver.Kafka(c.string("topic"), c.has("options") ? c.stringMap("options") : Map.of());
            case "Tcp" -> tcp(c);
            case "Redis" -> new OutputDriver.Redis(c.string("addr"), c.string("list"));
            case "UnixDatagram" -> new OutputDriver.UnixDatagram(c.string("path"));
            default -> throw o.invalid("driver", "unknown driver \"" + driver
                    + "\". Use Files, Kafka, Tcp, Redis or UnixDatagram");
        };
        c.rejectUnknownKeys();
        return new Output(format, built, enabled);
    }

    /** {@code path}, or the pre-0.3 keys converted as migration 12 converts them; path wins. */
    private static OutputDriver.Files files(FieldReader c) {
        String path = c.optionalString("path");
        String base = c.optionalString("base");
        Long split = c.optionalInteger("split_on_addr_index", IntegerRange.U8);
        Boolean appendNodeName = c.optionalBool("append_node_name");
        String filename = c.optionalString("filename");
        if (path != null) {
            return new OutputDriver.Files(path);
        }
        if (base == null) {
            throw c.problem("a Files output needs config.path (e.g. \"/var/log/openwec/{ip}/{client}/messages\")");
        }
        return new OutputDriver.Files(Build.legacyFilesPath(c.where(), () -> LegacyOutputs.filesPathFromLegacy(
                base, split == null ? null : split.intValue(), appendNodeName, filename)));
    }

    private static OutputDriver.Tcp tcp(FieldReader c) {
        if (c.has("host") && c.has("addr")) {
            throw c.problem("give host once (addr is its former name)");
        }
        String host = c.has("addr") ? c.string("addr") : c.string("host");
        int port = (int) c.integer("port", U16);
        boolean tls = c.boolOr("tls_enabled", false);
        List<String> authorities = c.optionalStringOrStrings("tls_certificate_authorities");
        return OutputRules.tcp(host, port, tls, authorities == null ? List.of() : authorities,
                c.optionalString("tls_certificate"), c.optionalString("tls_key"), "Failed to parse file " + c.where());
    }
}
