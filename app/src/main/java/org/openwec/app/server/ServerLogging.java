package org.openwec.app.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.openwec.app.config.ConfigError;
import org.openwec.app.config.LoggingSettings;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code openwecd}'s logs, as {@code [logging]} says (OpenWEC server/src/logging.rs at a41b95f): the level from
 * {@code -v} (1 info, 2 debug, 3 trace), else {@code verbosity}, else INFO; the server's logs to stderr, stdout or
 * a file ({@code server_logs}); with {@code access_logs}, one line per request there. Configured in code, so that
 * the same jar's command line keeps its own set-up; called again on SIGHUP, which reopens log files for logrotate.
 * The core's System.Logger output (java.util.logging) is sent here too.
 */
final class ServerLogging {
    /** The wef adapter's access log: one DEBUG line per request. */
    static final String ACCESS_LOGGER = "org.openwec.adapters.wef.http.access";
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%logger{0}] %msg%n";
    private static final String ACCESS_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %msg%n";

    private ServerLogging() {}

    /** The level the settings and {@code -v} give; checked before anything starts. */
    static Level level(LoggingSettings logging, int verbosity, Path source) {
        if (verbosity > 0) {
            return switch (verbosity) {
                case 1 -> Level.INFO;
                case 2 -> Level.DEBUG;
                default -> Level.TRACE;
            };
        }
        if (logging.verbosity() == null) {
            return Level.INFO;
        }
        return switch (logging.verbosity().strip().toLowerCase(Locale.ROOT)) {
            case "off" -> Level.OFF;
            case "error" -> Level.ERROR;
            case "warn" -> Level.WARN;
            case "info" -> Level.INFO;
            case "debug" -> Level.DEBUG;
            case "trace" -> Level.TRACE;
            default -> throw new ConfigError("Configuration file " + source + ": key logging.verbosity must be off,"
                    + " error, warn, info, debug or trace, got \"" + logging.verbosity() + "\". Fix that value.");
        };
    }

    /**
     * Replaces whatever logging set-up the process had.
     *
     * @throws ConfigError when a log file cannot be opened
     */
    static void configure(LoggingSettings logging, Level level, Path source) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        LevelChangePropagator propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        context.addListener(propagator);
        propagator.start();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(appender(context, "server", logging.serverLogs(), PATTERN, source, "server_logs"));
        // HikariCP tells of every pool it starts and stops at INFO: the adapter logs what matters.
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);

        Logger access = context.getLogger(ACCESS_LOGGER);
        if (logging.accessLogs() != null) {
            access.setLevel(Level.DEBUG);
            access.setAdditive(false);
            access.addAppender(appender(context, "access", logging.accessLogs(), ACCESS_PATTERN, source, "access_logs"));
        } else {
            access.setLevel(Level.OFF);
        }

        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        if (logging.serverLogsPattern() != null || logging.accessLogsPattern() != null) {
            LoggerFactory.getLogger(ServerLogging.class).warn("[logging] server_logs_pattern and access_logs_pattern "
                    + "are log4rs patterns, which this openwecd does not read: its own line format is used");
        }
    }

    private static Appender<ILoggingEvent> appender(LoggerContext context, String name, String target, String pattern,
                                                    Path source, String key) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        String where = target == null ? "stderr" : target;
        Appender<ILoggingEvent> appender;
        switch (where.toLowerCase(Locale.ROOT)) {
            case "stderr", "stdout" -> {
                ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
                console.setTarget(where.equalsIgnoreCase("stdout") ? "System.out" : "System.err");
                console.setEncoder(encoder);
                appender = console;
            }
            default -> {
                Path file = Path.of(where);
                Path parent = file.toAbsolutePath().getParent();
                if (Files.isDirectory(file) || parent == null || !Files.isDirectory(parent)
                        || (Files.exists(file) && !Files.isWritable(file)) || !Files.isWritable(parent) && !Files.exists(file)) {
                    throw new ConfigError("Configuration file " + source + ": [logging] " + key + " \"" + where
                            + "\" cannot be written: give a file in an existing, writable directory, or stderr or stdout.");
                }
                FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
                fileAppender.setFile(file.toString());
                fileAppender.setAppend(true);
                fileAppender.setEncoder(encoder);
                appender = fileAppender;
            }
        }
        appender.setContext(context);
        appender.setName(name);
        appender.start();
        return appender;
    }
}
