package org.openwec.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.app.config.ConfigError;
import org.openwec.app.config.LoggingSettings;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The {@code openwecd} program in-process, where it cannot start: exit code 1 and one line on stderr (with the
 * stack trace at -v), 2 for a usage error; and how it sets up its logs. A start that succeeds is the process
 * test's (OpenwecdProcessIT): it runs until a signal.
 */
class OpenwecdTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    /** openwecd replaces the logging set-up of the process: give the tests theirs back. */
    @AfterEach
    void restoreLogging() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
        if (SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.uninstall();
            LogManager.getLogManager().readConfiguration();
        }
    }

    private int run(String... args) {
        return new Openwecd(err).run(args);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_usage_error_is_exit_code_2() {
        assertThat(run("--nope")).isEqualTo(2);
        assertThat(err()).isEqualTo("openwecd: Unknown option: '--nope'\nTry 'openwecd --help' for usage.\n");
    }

    @Test
    void a_missing_settings_file_is_one_line_and_exit_code_1() {
        Path missing = dir.resolve("absent.toml");
        assertThat(run("-c", missing.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("openwecd: Configuration file " + missing
                + " does not exist: fix the path given with -c.\n");
    }

    @Test
    void a_file_without_collectors_is_refused() throws IOException {
        Path config = Files.writeString(dir.resolve("cli-only.toml"), """
                [database]
                type = "SQLite"
                path = "%s"
                """.formatted(dir.resolve("db.sqlite")));
        assertThat(run("-c", config.toString())).isEqualTo(1);
        assertThat(err()).startsWith("openwecd: Configuration file " + config + " declares no [[collectors]] entry")
                .hasLineCount(1);
    }

    @Test
    void a_failure_after_the_logs_are_set_up_is_still_one_line_and_the_stack_trace_is_for_v() {
        ServerFixture fixture = ServerFixture.sqlite(dir).config("", "");
        assertThat(run("-c", fixture.config.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("openwecd: There is no SQLite database at " + dir.resolve("db.sqlite")
                + ": run `openwec db init` to create it, or fix [database] path.\n");

        errBytes.reset();
        assertThat(run("-v", "-c", fixture.config.toString())).isEqualTo(1);
        assertThat(err()).startsWith("openwecd: There is no SQLite database at ")
                .contains("org.openwec.core.model.UserError: There is no SQLite database at ")
                .contains("\tat org.openwec.");
    }

    @Test
    void the_level_is_v_then_the_settings_verbosity_then_info() {
        Path file = dir.resolve("openwec.conf.toml");
        LoggingSettings none = LoggingSettings.DEFAULTS;
        LoggingSettings warn = new LoggingSettings("WARN", null, null, null, null);
        assertThat(ServerLogging.level(none, 0, file)).isEqualTo(Level.INFO);
        assertThat(ServerLogging.level(warn, 0, file)).isEqualTo(Level.WARN);
        assertThat(ServerLogging.level(warn, 2, file)).isEqualTo(Level.DEBUG);
        assertThat(ServerLogging.level(none, 3, file)).isEqualTo(Level.TRACE);
        assertThatThrownBy(() -> ServerLogging.level(new LoggingSettings("loud", null, null, null, null), 0, file))
                .isInstanceOf(ConfigError.class)
                .hasMessage("Configuration file " + file + ": key logging.verbosity must be off, error, warn, info,"
                        + " debug or trace, got \"loud\". Fix that value.");
    }

    @Test
    void server_and_access_logs_go_to_their_files_and_the_core_logs_there_too() throws IOException {
        Path server = dir.resolve("server.log");
        Path access = dir.resolve("access.log");
        ServerLogging.configure(new LoggingSettings(null, access.toString(), null, server.toString(), null),
                Level.INFO, dir.resolve("openwec.conf.toml"));

        LoggerFactory.getLogger("org.openwec.app.wiring.CollectorServer").info("a server line");
        LoggerFactory.getLogger(ServerLogging.ACCESS_LOGGER).debug("an access line");
        LoggerFactory.getLogger("org.openwec.app.wiring.CollectorServer").debug("below the level");
        System.getLogger("org.openwec.core.service.HeartbeatBatcher").log(System.Logger.Level.WARNING, "a core line");

        assertThat(Files.readString(server)).contains("INFO  [CollectorServer] a server line")
                .contains("WARN  [HeartbeatBatcher] a core line")
                .doesNotContain("an access line").doesNotContain("below the level");
        assertThat(Files.readString(access)).contains("an access line").doesNotContain("a server line");
    }

    @Test
    void a_log_file_that_cannot_be_written_is_a_configuration_error() {
        Path nowhere = dir.resolve("no-such-directory").resolve("server.log");
        assertThatThrownBy(() -> ServerLogging.configure(new LoggingSettings(null, null, null, nowhere.toString(), null),
                Level.INFO, dir.resolve("openwec.conf.toml")))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("[logging] server_logs \"" + nowhere + "\" cannot be written");
    }
}
