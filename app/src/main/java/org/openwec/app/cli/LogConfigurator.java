package org.openwec.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The CLI's logging, set up in code: warnings and worse on stderr as {@code [LEVEL Logger] message}, so that
 * stdout carries only the reports and listings scripts parse ({@link Logging} then applies -v and OPENWEC_LOG).
 * Logback finds this class through {@code META-INF/services} before its own XML configurators, which would
 * otherwise load its XML parser and about four hundred classes at every start. A logback configuration file
 * still wins: {@code -Dlogback.configurationFile=...}, or a {@code logback-test.xml} on the class path (the tests').
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    private static final String PATTERN = "[%level %logger{0}] %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        install(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** What the XML configuration the CLI had said: one console appender on stderr, WARN at the root. */
    static void install(LoggerContext context) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        // The pool's INFO lines (started, shut down) are noise even at -v: it stays at WARN whatever -v says.
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
    }
}
