package org.openwec.app.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * Reads an OpenWEC settings file (openwec-cli.md 8) and validates all of it at load time, so that a
 * mistake is reported before anything touches the database. Sections the storage core does not use are
 * still checked key by key, because the reference rejects a file with unknown keys and users share files.
 */
public final class SettingsLoader {
    private static final long U16 = 65_535;
    private static final long U32 = 4_294_967_295L;
    private static final long U64 = Long.MAX_VALUE;

    private SettingsLoader() {}

    public static Settings load(Path file) {
        TomlParseResult toml = parse(file);
        TomlSection root = new TomlSection(file, "", toml);
        root.requiredTables("collectors", "Add `collectors = []` (the CLI needs no collector).").forEach(SettingsLoader::checkCollector);
        DatabaseSettings database = database(root.requiredTable("database",
                "Add a [database] section with type = \"SQLite\" and path = \"...\"."));
        ServerSettings server = root.optionalTable("server").map(SettingsLoader::server).orElse(ServerSettings.DEFAULTS);
        boolean readOnly = root.optionalTable("cli").map(cli -> {
            boolean value = cli.optionalBoolean("read_only_subscriptions").orElse(false);
            cli.rejectUnknownKeys();
            return value;
        }).orElse(false);
        root.optionalTable("logging").ifPresent(SettingsLoader::checkLogging);
        root.optionalTable("outputs").ifPresent(SettingsLoader::checkOutputs);
        root.optionalTable("monitoring").ifPresent(SettingsLoader::checkMonitoring);
        root.rejectUnknownKeys();
        return new Settings(file, database, readOnly, server);
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

    private static DatabaseSettings database(TomlSection db) {
        String type = db.requiredString("type", "Set type = \"SQLite\" or type = \"Postgres\".");
        DatabaseSettings settings = switch (type) {
            case "SQLite" -> new DatabaseSettings.Sqlite(
                    Path.of(db.requiredString("path", "Set path to the database file, e.g. \"/var/db/openwec/db.sqlite\".")),
                    db.optionalString("synchronous").map(s -> synchronous(db, s)).orElse(DatabaseSettings.Synchronous.FULL));
            case "Postgres" -> postgres(db);
            default -> throw db.invalid("type", "unknown database type \"" + type
                    + "\" in key database.type: use \"SQLite\" or \"Postgres\" (exact case).");
        };
        db.rejectUnknownKeys();
        return settings;
    }

    private static DatabaseSettings.Synchronous synchronous(TomlSection db, String value) {
        try {
            return DatabaseSettings.Synchronous.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw db.invalid("synchronous", "key database.synchronous must be Full, Normal, Extra or Off, got \""
                    + value + "\". Fix that value (Full keeps every acknowledged bookmark through a power loss).");
        }
    }

    private static DatabaseSettings.Postgres postgres(TomlSection db) {
        String fix = "It is required for type = \"Postgres\".";
        String host = db.requiredString("host", fix);
        int port = (int) db.requiredInteger("port", 0, U16, fix);
        String dbname = db.requiredString("dbname", fix);
        String user = db.requiredString("user", fix);
        String password = db.requiredString("password", fix + " It may be \"\".");
        DatabaseSettings.SslMode sslMode = db.optionalString("ssl_mode").map(s -> {
            try {
                return DatabaseSettings.SslMode.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw db.invalid("ssl_mode", "key database.ssl_mode must be Disable, Prefer or Require, got \"" + s
                        + "\". Fix that value.");
            }
        }).orElse(DatabaseSettings.SslMode.Prefer);
        String caFile = db.optionalString("ca_file").orElse(null);
        // The reference accepts 0 and then crashes at the first heartbeat flush: refuse it here.
        int maxChunkSize = (int) (long) db.optionalInteger("max_chunk_size", 1, Integer.MAX_VALUE).orElse(500L);
        DatabaseSettings.Tuning d = DatabaseSettings.Tuning.DEFAULTS;
        long initialBackoff = db.optionalInteger("retry_initial_backoff_ms", 1, 60_000).orElse(d.retryInitialBackoffMs());
        DatabaseSettings.Tuning tuning = new DatabaseSettings.Tuning(
                (int) (long) db.optionalInteger("retry_max_attempts", 1, 1_000).orElse((long) d.retryMaxAttempts()),
                initialBackoff,
                db.optionalInteger("retry_max_backoff_ms", initialBackoff, 600_000).orElse(Math.max(initialBackoff, d.retryMaxBackoffMs())),
                db.optionalInteger("retry_max_elapsed_ms", 0, 3_600_000).orElse(d.retryMaxElapsedMs()),
                (int) (long) db.optionalInteger("pool_size", 1, 1_000).orElse((long) d.poolSize()),
                db.optionalInteger("connect_timeout_ms", 250, 600_000).orElse(d.connectTimeoutMs()));
        return new DatabaseSettings.Postgres(host, port, dbname, user, password, sslMode, caFile, maxChunkSize, tuning);
    }

    private static ServerSettings server(TomlSection server) {
        ServerSettings settings = new ServerSettings(
                server.optionalInteger("db_sync_interval", 1, U64).orElse(5L),
                server.optionalInteger("flush_heartbeats_interval", 1, U64).orElse(5L),
                server.optionalInteger("heartbeats_queue_size", 1, U64).orElse(2048L),
                server.optionalString("node_name").orElse(null));
        server.optionalString("keytab");
        server.optionalInteger("tcp_keepalive_time", 0, U64);
        server.optionalInteger("tcp_keepalive_intvl", 0, U64);
        server.optionalInteger("tcp_keepalive_probes", 0, U32);
        server.rejectUnknownKeys();
        return settings;
    }

    private static void checkCollector(TomlSection collector) {
        String fix = "Every [[collectors]] entry needs it.";
        collector.requiredString("hostname", fix);
        collector.requiredString("listen_address", fix);
        collector.optionalInteger("listen_port", 0, U16);
        collector.optionalInteger("max_content_length", 0, U64);
        collector.optionalBoolean("enable_proxy_protocol");
        collector.optionalInteger("advertized_port", 0, U16);
        TomlSection auth = collector.requiredTable("authentication", "Add its [collectors.authentication] table.");
        String type = auth.requiredString("type", "Set type = \"Kerberos\" or type = \"Tls\".");
        switch (type) {
            case "Kerberos" -> auth.requiredString("service_principal_name", "It is required for Kerberos.");
            case "Tls" -> {
                auth.requiredString("server_certificate", "It is required for Tls.");
                auth.requiredString("server_private_key", "It is required for Tls.");
                auth.requiredString("ca_certificate", "It is required for Tls.");
            }
            default -> throw auth.invalid("type", "unknown authentication type \"" + type + "\": use \"Kerberos\" or \"Tls\".");
        }
        auth.rejectUnknownKeys();
        collector.rejectUnknownKeys();
    }

    private static void checkLogging(TomlSection logging) {
        for (String key : new String[] {"verbosity", "access_logs", "access_logs_pattern", "server_logs", "server_logs_pattern"}) {
            logging.optionalString(key);
        }
        logging.rejectUnknownKeys();
    }

    private static void checkOutputs(TomlSection outputs) {
        outputs.optionalInteger("garbage_collect_interval", 0, U64);
        outputs.optionalTable("files").ifPresent(files -> {
            files.optionalInteger("files_descriptor_close_timeout", 0, U64);
            files.rejectUnknownKeys();
        });
        outputs.optionalTable("kafka").ifPresent(kafka -> {
            kafka.optionalStringMap("options");
            kafka.rejectUnknownKeys();
        });
        outputs.rejectUnknownKeys();
    }

    private static void checkMonitoring(TomlSection monitoring) {
        String fix = "It is required when [monitoring] is present.";
        monitoring.requiredString("listen_address", fix);
        monitoring.requiredInteger("listen_port", 0, U16, fix);
        monitoring.optionalArrayOf("http_request_duration_buckets", Number.class, "numbers");
        for (String key : new String[] {"count_input_events_per_machine", "count_input_event_bytes_per_machine",
                "count_http_request_body_network_size_per_machine", "count_http_request_body_real_size_per_machine"}) {
            monitoring.optionalBoolean(key);
        }
        monitoring.optionalInteger("machines_refresh_interval", 1, U64);
        monitoring.rejectUnknownKeys();
    }

    /** Where the configuration comes from when -c is not given. */
    public static Optional<Path> systemFile(Path systemPath) {
        return Files.isRegularFile(systemPath) ? Optional.of(systemPath) : Optional.empty();
    }
}
