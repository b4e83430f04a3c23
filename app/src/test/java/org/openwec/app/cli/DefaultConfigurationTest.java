package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwec.app.CliHarness.appliedVersions;
import static org.openwec.app.CliHarness.assertOneLineError;
import static org.openwec.app.CliHarness.minimalToml;
import static org.openwec.app.CliHarness.versions;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.app.CliHarness;
import org.openwec.app.CliHarness.Result;

/** Which configuration is used without -c: the system file if present, else the embedded SQLite default. */
class DefaultConfigurationTest {
    @TempDir
    Path dir;

    CliHarness h;
    Path defaultDb;

    @BeforeEach
    void setUp() {
        h = new CliHarness(dir);
        defaultDb = h.environment().defaultDatabase();
    }

    @Test
    void withoutAnyConfigurationTheEmbeddedDefaultIsUsedAndNamedOnStderr() {
        Result init = h.run("db", "init");

        assertThat(init.code()).as(init.toString()).isZero();
        assertThat(init.err()).contains(defaultDb.toString());
        assertThat(init.out()).isEmpty();
        assertThat(defaultDb).isRegularFile();
        assertThat(appliedVersions(defaultDb)).isEqualTo(versions(1, 14));

        Result list = h.run("subscriptions");

        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.err()).contains(defaultDb.toString());
        assertThat(list.out()).as("stdout stays clean for scripts").isEmpty();
    }

    @Test
    void withoutAnyConfigurationOrDatabaseStatusSaysToRunInitAndCreatesNothing() {
        Map<String, String> before = h.snapshot();

        Result r = h.run("db", "status");

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains(defaultDb.toString()).contains("openwec db init");
        CliHarness.assertNoStackTrace(r);
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void aSystemConfigurationFileIsUsedWhenPresent() {
        Path systemDb = dir.resolve("system").resolve("db.sqlite");
        h.systemConfig(minimalToml(systemDb));

        Result r = h.run("db", "init");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(systemDb).isRegularFile();
        assertThat(defaultDb).doesNotExist();
        assertThat(defaultDb.getParent()).doesNotExist();
        assertThat(r.err()).doesNotContain("embedded");
    }

    @Test
    void dashCWinsOverTheSystemConfiguration() {
        Path systemDb = dir.resolve("system").resolve("db.sqlite");
        h.systemConfig(minimalToml(systemDb));

        Result r = h.cli("db", "init");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(h.db()).isRegularFile();
        assertThat(systemDb).doesNotExist();
        assertThat(defaultDb).doesNotExist();
    }

    @Test
    void aBrokenSystemConfigurationIsReportedNotSkipped() {
        Path file = h.systemConfig("collectors = [\n");
        Map<String, String> before = h.snapshot();

        Result r = h.run("db", "init");

        assertOneLineError(r, file.toString(), "not valid TOML", "line 2, column 1");
        assertThat(h.snapshot()).isEqualTo(before);
    }
}
