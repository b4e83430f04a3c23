package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the embedded default database goes, from the environment alone (the XDG base directory convention). */
class EnvironmentTest {

    private static Path defaultDatabase(Map<String, String> env) {
        return Environment.fromSystem(env).defaultDatabase();
    }

    @Test
    void homeIsUsedWhenXdgDataHomeIsUnset() {
        assertThat(defaultDatabase(Map.of("HOME", "/x"))).isEqualTo(Path.of("/x/.local/share/openwec/db.sqlite"));
    }

    @Test
    void xdgDataHomeWinsOverHome() {
        assertThat(defaultDatabase(Map.of("HOME", "/x", "XDG_DATA_HOME", "/data")))
                .isEqualTo(Path.of("/data/openwec/db.sqlite"));
    }

    @Test
    void anEmptyOrRelativeXdgDataHomeIsIgnored() {
        assertThat(defaultDatabase(Map.of("HOME", "/x", "XDG_DATA_HOME", ""))).isEqualTo(Path.of("/x/.local/share/openwec/db.sqlite"));
        assertThat(defaultDatabase(Map.of("HOME", "/x", "XDG_DATA_HOME", "data"))).isEqualTo(Path.of("/x/.local/share/openwec/db.sqlite"));
    }

    @Test
    void withoutAUsableHomeTheAccountsHomeDirectoryIsUsed() {
        Path account = Path.of(System.getProperty("user.home"), ".local", "share", "openwec", "db.sqlite");
        assertThat(defaultDatabase(Map.of())).isEqualTo(account);
        assertThat(defaultDatabase(Map.of("HOME", "relative"))).isEqualTo(account);
    }

    @Test
    void openwecLogIsTheLogFilter() {
        assertThat(Environment.fromSystem(Map.of("OPENWEC_LOG", "debug")).logFilter()).isEqualTo("debug");
        assertThat(Environment.fromSystem(Map.of()).logFilter()).isNull();
    }
}
