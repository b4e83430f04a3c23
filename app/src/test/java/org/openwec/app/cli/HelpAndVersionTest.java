package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openwec.app.CliHarness;
import org.openwec.app.CliHarness.Result;

/**
 * Help and version never need a configuration or a database: a broken system configuration is in place
 * in every test here, and nothing may be created.
 */
class HelpAndVersionTest {
    @TempDir
    Path dir;

    CliHarness h;
    Map<String, String> before;

    @BeforeEach
    void setUp() {
        h = new CliHarness(dir);
        h.systemConfig("this is = = not toml");
        before = h.snapshot();
    }

    private void assertUntouched(Result r) {
        assertThat(h.snapshot()).as(r.toString()).isEqualTo(before);
        assertThat(h.environment().defaultDatabase()).doesNotExist();
    }

    @Test
    void noArgumentsPrintsUsageAndExitsZeroWithoutTouchingAnything() {
        Result r = h.run();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Usage: openwec").contains("db").contains("subscriptions").contains("Example");
        assertThat(r.err()).isEmpty();
        assertUntouched(r);
    }

    @ParameterizedTest(name = "openwec {0} --help")
    @ValueSource(strings = {"", "db", "db init", "db upgrade", "db downgrade", "db status", "subscriptions"})
    void everyCommandHasHelpWithAnExample(String command) {
        String[] args = Stream.concat(Arrays.stream(command.split(" ")).filter(s -> !s.isEmpty()), Stream.of("--help"))
                .toArray(String[]::new);

        Result r = h.run(args);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Usage: openwec" + (command.isEmpty() ? "" : " " + command)).contains("Example");
        assertThat(r.err()).isEmpty();
        assertUntouched(r);
    }

    @Test
    void shortHelpOption() {
        Result r = h.run("db", "upgrade", "-h");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("--to").contains("--yes").contains("Example");
        assertUntouched(r);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-V", "--version"})
    void version(String flag) {
        Result r = h.run(flag);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("openwec ").contains("14");
        assertThat(r.err()).isEmpty();
        assertUntouched(r);
    }
}
