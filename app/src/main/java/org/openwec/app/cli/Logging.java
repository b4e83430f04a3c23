package org.openwec.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Sets the log level from -v (0 warn, 1 info, 2 debug, 3+ trace) unless OPENWEC_LOG names one. */
final class Logging {
    private Logging() {}

    static void configure(int verbosity, String logFilter) {
        Level level = switch (verbosity) {
            case 0 -> Level.WARN;
            case 1 -> Level.INFO;
            case 2 -> Level.DEBUG;
            default -> Level.TRACE;
        };
        if (logFilter != null && !logFilter.isBlank()) {
            level = Level.toLevel(logFilter.strip(), level);
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
    }
}
