package org.openwec.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** The CLI's logging set up in code says what its logback.xml said. */
class LogConfiguratorTest {

    /** A context of its own, as logback's SLF4J provider makes one (the tests' own is configured from logback-test.xml). */
    private static LoggerContext context() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        return context;
    }

    @Test
    void warningsAndWorseGoToStderrAsLevelAndLoggerNameThenTheMessage() {
        LoggerContext context = context();
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, UTF_8));
        try {
            LogConfigurator.install(context);
            context.getLogger("org.example.Thing").warn("careful");
            context.getLogger("org.example.Thing").info("not shown at the default level");
            context.getLogger("openwec").error("broken", new IllegalStateException("why"));
        } finally {
            System.setErr(stderr);
            context.stop();
        }

        assertThat(captured.toString(UTF_8)).startsWith("""
                [WARN Thing] careful
                [ERROR openwec] broken
                java.lang.IllegalStateException: why
                \tat\s""");
    }

    @Test
    void rootAtWarnAndThePoolKeptAtWarnWhatever() {
        LoggerContext context = context();
        LogConfigurator.install(context);

        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.zaxxer.hikari").getLevel()).isEqualTo(Level.WARN);
        context.stop();
    }

    @Test
    void stepsAsideForALogbackFileOnTheClassPath() {
        // The tests' logback-test.xml is on the class path here.
        assertThat(new LogConfigurator().configure(context())).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }
}
