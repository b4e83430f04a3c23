package org.openwec.app.config;

/**
 * {@code [logging]}, as written (each null when not set). Where logs go is the reference's convention: "stdout",
 * "stderr" (either case) or a file path.
 *
 * @param verbosity the level when {@code -v} is not given: off, error, warn, info, debug or trace
 * @param accessLogs where to write one line per request; null: no access log
 * @param serverLogs where the server's own logs go; null: stderr
 * @param accessLogsPattern a log4rs pattern in the reference; this collector keeps its own line format
 * @param serverLogsPattern likewise
 */
public record LoggingSettings(String verbosity, String accessLogs, String accessLogsPattern, String serverLogs,
                              String serverLogsPattern) {
    public static final LoggingSettings DEFAULTS = new LoggingSettings(null, null, null, null, null);
}
