package org.openwec.app.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.openwec.core.model.fields.FieldReader;
import org.openwec.core.model.fields.IntegerRange;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * Reads an OpenWEC settings file (docs/reference/cli.md §8) and validates all of it at load time, so that a
 * mistake is reported before anything touches the database. Sections the storage core does not use are
 * still checked key by key, because the reference rejects a file with unknown keys and users share files.
 */
public final class SettingsLoader {
    private static final IntegerRange U16 = IntegerRange.U16;
    private static final IntegerRange U32 = IntegerRange.U32;
    private static final IntegerRange U64 = IntegerRange.U64;
    private static final IntegerRange POSITIVE = new IntegerRange(1, Long.MAX_VALUE);

    private SettingsLoader() {}

    /**
     * Loads and checks the whole file. {@code collectors} may be absent, unlike in the reference: the CLI needs
     * no collector; the collector server asks for one with {@link Settings#requireCollectors()}.
     */
    public static Settings load(Path file) {
        return read(file).settings();
    }

    /**
     * Loads and checks the whole file as {@code openwecd} reads it: with at least one collector, and the sections
     * only the server uses as typed values.
     *
     * @throws ConfigError naming the file, the key and the fix
     */
    public static CollectorServerSettings loadServer(Path file) {
        CollectorServerSettings settings = read(file);
        settings.settings().requireCollectors();
        return settings;
    }

    private static CollectorServerSettings read(Path file) {
        FieldReader root = SettingsErrors.root(file, parse(file));
        List<FieldReader> collectorTables = root.optionalTables("collectors");
        List<CollectorSettings> collectors = collectorTables == null ? List.of()
                : collectorTables.stream().map(SettingsLoader::collector).toList();
        DatabaseSettings database = database(root.table("database",
                "Add a [database] section with type = \"SQLite\" and path = \"...\"."));
        FieldReader serverTable = root.optionalTable("server");
        ServerSettings server = ServerSettings.DEFAULTS;
        String keytab = null;
        TcpKeepalive keepalive = TcpKeepalive.DEFAULTS;
        if (serverTable != null) {
            server = server(serverTable);
            keytab = serverTable.optionalString("keytab");
            keepalive = keepalive(serverTable);
            serverTable.rejectUnknownKeys();
        }
        FieldReader cli = root.optionalTable("cli");
        boolean readOnly = false;
        if (cli != null) {
            readOnly = cli.boolOr("read_only_subscriptions", false);
            cli.rejectUnknownKeys();
        }
        FieldReader loggingTable = root.optionalTable("logging");
        LoggingSettings logging = loggingTable == null ? LoggingSettings.DEFAULTS : logging(loggingTable);
        FieldReader outputsTable = root.optionalTable("outputs");
        OutputSettings outputs = outputsTable == null ? OutputSettings.DEFAULTS : outputs(outputsTable);
        FieldReader monitoringTable = root.optionalTable("monitoring");
        MonitoringSettings monitoring = monitoringTable == null ? null : monitoring(monitoringTable);
        root.rejectUnknownKeys();
        Settings settings = new Settings(file, database, readOnly, server, collectors.size());
        return new CollectorServerSettings(settings, collectors, keytab, keepalive, outputs, monitoring, logging);
    }

    private static void check(FieldReader table, Consumer<FieldReader> check) {
        if (table != null) {
            check.accept(table);
        }
    }

    private static TomlParseResult parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigError("Configuration file " + file + " does not exist: fix the path given with -c.");
        } catch (AccessDeniedException e) {
            throw new ConfigError("Configuration file " + file + " is not readable: check its permissions.");
        } catch (CharacterCodingException e) {
            throw new ConfigError("Configuration file " + file + " is not UTF-8 text: save it as UTF-8.");
        } catch (IOException e) {
            throw new ConfigError("Cannot read configuration file " + file + ": " + e.getMessage());
        }
        TomlParseResult result = Toml.parse(text);
        if (result.hasErrors()) {
            TomlParseError error = result.errors().get(0);
            throw new ConfigError("Configuration file " + file + " is not valid TOML, line " + error.position().line()
                    + ", column " + error.position().column() + ": " + error.getMessage() + ". Fix the file.");
        }
        return result;
    }

    private static DatabaseSettings database(FieldReader db) {
        String type = db.string("type", "Set type = \"SQLite\" or type = \"Postgres\".");
        DatabaseSettings settings = switch (type) {
            case "SQLite" -> new DatabaseSettings.Sqlite(
                    Path.of(db.string("path", "Set path to the database file, e.g. \"/var/db/openwec/db.sqlite\".")),
                    synchronous(db, db.optionalString("synchronous")));
            case "Postgres" -> postgres(db);
            default -> throw db.invalid("type", "unknown database type \"" + type
                    + "\" in key database.type: use \"SQLite\" or \"Postgres\" (exact case).");
        };
        db.rejectUnknownKeys();
        return settings;
    }

    private static DatabaseSettings.Synchronous synchronous(FieldReader db, String value) {
        if (value == null) {
            return DatabaseSettings.Synchronous.FULL;
        }
        try {
            return DatabaseSettings.Synchronous.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw db.invalid("synchronous", "key database.synchronous must be Full, Normal, Extra or Off, got \""
                    + value + "\". Fix that value (Full keeps every acknowledged bookmark through a power loss).");
        }
    }

    private static DatabaseSettings.Postgres postgres(FieldReader db) {
        String fix = "It is required for type = \"Postgres\".";
        String host = db.string("host", fix);
        int port = (int) db.integer("port", U16, fix);
        String dbname = db.string("dbname", fix);
        String user = db.string("user", fix);
        String password = db.string("password", fix + " It may be \"\".");
        DatabaseSettings.SslMode sslMode = sslMode(db, db.optionalString("ssl_mode"));
        String caFile = db.optionalString("ca_file");
        // The reference accepts 0 and then crashes at the first heartbeat flush: refuse it here.
        int maxChunkSize = (int) db.integerOr("max_chunk_size", new IntegerRange(1, Integer.MAX_VALUE), 500);
        DatabaseSettings.Tuning d = DatabaseSettings.Tuning.DEFAULTS;
        long initialBackoff = db.integerOr("retry_initial_backoff_ms", new IntegerRange(1, 60_000), d.retryInitialBackoffMs());
        DatabaseSettings.Tuning tuning = new DatabaseSettings.Tuning(
                (int) db.integerOr("retry_max_attempts", new IntegerRange(1, 1_000), d.retryMaxAttempts()),
                initialBackoff,
                db.integerOr("retry_max_backoff_ms", new IntegerRange(initialBackoff, 600_000),
                        Math.max(initialBackoff, d.retryMaxBackoffMs())),
                db.integerOr("retry_max_elapsed_ms", new IntegerRange(0, 3_600_000), d.retryMaxElapsedMs()),
                (int) db.integerOr("pool_size", new IntegerRange(1, 1_000), d.poolSize()),
                db.integerOr("connect_timeout_ms", new IntegerRange(250, 600_000), d.connectTimeoutMs()));
        return new DatabaseSettings.Postgres(host, port, dbname, user, password, sslMode, caFile, maxChunkSize, tuning);
    }

    private static DatabaseSettings.SslMode sslMode(FieldReader db, String value) {
        if (value == null) {
            return DatabaseSettings.SslMode.Prefer;
        }
        try {
            return DatabaseSettings.SslMode.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw db.invalid("ssl_mode", "key database.ssl_mode must be Disable, Prefer or Require, got \"" + value
                    + "\". Fix that value.");
        }
    }

    /** The keys the storage core uses; the caller reads the others and rejects unknown keys. */
    private static ServerSettings server(FieldReader server) {
        return new ServerSettings(
                server.integerOr("db_sync_interval", POSITIVE, 5),
                server.integerOr("flush_heartbeats_interval", POSITIVE, 5),
                server.integerOr("heartbeats_queue_size", POSITIVE, 2048),
                server.optionalString("node_name"));
    }

    private static TcpKeepalive keepalive(FieldReader server) {
        long time = server.integerOr("tcp_keepalive_time", U64, TcpKeepalive.DEFAULTS.time());
        Long interval = server.optionalInteger("tcp_keepalive_intvl", U64);
        Long probes = server.optionalInteger("tcp_keepalive_probes", U32);
        return new TcpKeepalive(time, interval, probes == null ? null : (int) Math.min(probes, Integer.MAX_VALUE));
    }

    private static CollectorSettings collector(FieldReader collector) {
        String fix = "Every [[collectors]] entry needs it.";
        // Optional in the reference: without it, the host of each Enumerate's a:To is used.
        String hostname = collector.optionalString("hostname");
        String listenAddress = collector.string("listen_address", fix);
        int listenPort = (int) collector.integerOr("listen_port", U16, CollectorSettings.DEFAULT_LISTEN_PORT);
        long maxContentLength = collector.integerOr("max_content_length", U64,
                CollectorSettings.DEFAULT_MAX_CONTENT_LENGTH);
        boolean proxyProtocol = collector.boolOr("enable_proxy_protocol", false);
        int advertizedPort = (int) collector.integerOr("advertized_port", U16, listenPort);
        FieldReader auth = collector.table("authentication", "Add its [collectors.authentication] table.");
        String type = auth.string("type", "Set type = \"Kerberos\" or type = \"Tls\".");
        CollectorSettings.Authentication authentication = switch (type) {
            case "Kerberos" -> new CollectorSettings.Authentication.Kerberos(
                    auth.string("service_principal_name", "It is required for Kerberos."));
            case "Tls" -> new CollectorSettings.Authentication.Tls(
                    Path.of(auth.string("server_certificate", "It is required for Tls.")),
                    Path.of(auth.string("server_private_key", "It is required for Tls.")),
                    Path.of(auth.string("ca_certificate", "It is required for Tls.")));
            default -> throw auth.invalid("type", "unknown authentication type \"" + type + "\": use \"Kerberos\" or \"Tls\".");
        };
        auth.rejectUnknownKeys();
        collector.rejectUnknownKeys();
        return new CollectorSettings(hostname, listenAddress, listenPort, maxContentLength, proxyProtocol,
                advertizedPort, authentication);
    }

    private static LoggingSettings logging(FieldReader logging) {
        LoggingSettings settings = new LoggingSettings(logging.optionalString("verbosity"),
                logging.optionalString("access_logs"), logging.optionalString("access_logs_pattern"),
                logging.optionalString("server_logs"), logging.optionalString("server_logs_pattern"));
        logging.rejectUnknownKeys();
        return settings;
    }

    private static OutputSettings outputs(FieldReader outputs) {
        long garbageCollectInterval = outputs.integerOr("garbage_collect_interval", U64,
                OutputSettings.DEFAULTS.garbageCollectInterval());
        long[] closeTimeout = {OutputSettings.DEFAULTS.filesDescriptorCloseTimeout()};
        check(outputs.optionalTable("files"), files -> {
            closeTimeout[0] = files.integerOr("files_descriptor_close_timeout", U64, closeTimeout[0]);
            files.rejectUnknownKeys();
        });
        check(outputs.optionalTable("kafka"), kafka -> {
            kafka.optionalStringMap("options");
            kafka.rejectUnknownKeys();
        });
        outputs.rejectUnknownKeys();
        return new OutputSettings(garbageCollectInterval, closeTimeout[0]);
    }

    private static MonitoringSettings monitoring(FieldReader monitoring) {
        String fix = "It is required when [monitoring] is present.";
        String address = monitoring.string("listen_address", fix);
        int port = (int) monitoring.integer("listen_port", U16, fix);
        List<Double> buckets = monitoring.optionalNumbers("http_request_duration_buckets");
        MonitoringSettings settings = new MonitoringSettings(address, port,
                buckets == null ? MonitoringSettings.DEFAULT_BUCKETS : buckets,
                monitoring.boolOr("count_input_events_per_machine", false),
                monitoring.boolOr("count_input_event_bytes_per_machine", false),
                monitoring.boolOr("count_http_request_body_network_size_per_machine", false),
                monitoring.boolOr("count_http_request_body_real_size_per_machine", false),
                monitoring.integerOr("machines_refresh_interval", POSITIVE,
                        MonitoringSettings.DEFAULT_MACHINES_REFRESH_INTERVAL));
        monitoring.rejectUnknownKeys();
        return settings;
    }

    /** Where the configuration comes from when -c is not given. */
    public static Optional<Path> systemFile(Path systemPath) {
        return Files.isRegularFile(systemPath) ? Optional.of(systemPath) : Optional.empty();
    }
}
