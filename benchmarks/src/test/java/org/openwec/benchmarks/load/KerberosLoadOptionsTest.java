package org.openwec.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --auth} of the load run, and the settings it writes for openwecd's Kerberos collector. */
class KerberosLoadOptionsTest {

    private static Path treeWithOpenwecd(Path root) throws Exception {
        Path launcher = Files.createFile(root.resolve("openwecd"));
        launcher.toFile().setExecutable(true);
        Path main = root.resolve("app/src/main/java/org/openwec/app/server/OpenwecdMain.java");
        Files.createDirectories(main.getParent());
        Files.createFile(main);
        return launcher;
    }

    @Test
    void tls_stays_the_default_and_kerberos_is_asked_for(@TempDir Path root) throws Exception {
        treeWithOpenwecd(root);

        assertThat(LoadOptions.parse(new String[] {"--load"}, root).kerberos()).isFalse();
        LoadOptions kerberos = LoadOptions.parse(new String[] {"--load", "--auth", "kerberos"}, root);
        assertThat(kerberos.kerberos()).isTrue();
        assertThat(kerberos.auth()).isEqualTo("kerberos");
        assertThat(LoadOptions.parse(new String[] {"--auth", "Kerberos-Raw"}, root).auth()).isEqualTo("kerberos-raw");
    }

    @Test
    void a_bad_auth_or_kerberos_without_openwecd_is_one_line(@TempDir Path root) {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--auth", "ntlm"}, root))
                .hasMessage("--auth takes tls, kerberos or kerberos-raw, not ntlm");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--auth", "kerberos", "--server", "assembled"}, root))
                .hasMessageStartingWith("--auth kerberos needs openwecd");
    }

    @Test
    void openwecd_gets_the_keytab_and_one_kerberos_collector_on_plain_http() {
        String settings = KerberosFleet.settingsToml("[database]\ntype = \"SQLite\"\npath = \"/tmp/db.sqlite\"\n", 5985,
                "HTTP/localhost@LOAD.TEST", Path.of("/run/kdc/service.keytab"));

        assertThat(settings).startsWith("[server]\nkeytab = \"/run/kdc/service.keytab\"\n")
                .contains("[database]\ntype = \"SQLite\"")
                .contains("listen_port = 5985")
                .contains("[collectors.authentication]\ntype = \"Kerberos\"\n"
                        + "service_principal_name = \"HTTP/localhost@LOAD.TEST\"")
                .doesNotContain("ca_certificate");
    }
}
