package org.openwec.adapters.outputs.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openwec.adapters.outputs.event.EventMetadata;
import org.openwec.adapters.outputs.event.IpText;

/** The reference's files.rs tests (test_sanitize, test_build_path), then the template syntax of its leon crate. */
class PathTemplateTest {

    static EventMetadata machine(String ip, String client, String node) {
        return new EventMetadata(IpText.canonical(ip), client, node, Instant.EPOCH, "UUID", "VERSION", "Test",
                "/this/is/a/test", null, "babar");
    }

    static String render(String template, EventMetadata metadata) {
        return PathTemplate.parse(template).render(metadata);
    }

    @Test
    void sanitise_as_the_reference_does() {
        assertThat(ClientNames.sanitise("test")).isEqualTo("test");
        assertThat(ClientNames.sanitise("wec.windomain.local")).isEqualTo("wec.windomain.local");
        assertThat(ClientNames.sanitise("/bad/dir")).isEqualTo("baddir");
        assertThat(ClientNames.sanitise("AcceptLettersANDN3293Mbers")).isEqualTo("AcceptLettersANDN3293Mbers");
        assertThat(ClientNames.sanitise("test_underscore-and-hyphen")).isEqualTo("test_underscore-and-hyphen");
        assertThat(ClientNames.sanitise("a".repeat(300))).hasSize(255);
        assertThat(ClientNames.sanitise("DC$@WINDOMAIN.LOCAL")).isEqualTo("DC@WINDOMAIN.LOCAL");
        // 255 kept characters, whatever was dropped before them
        assertThat(ClientNames.sanitise("é/$".repeat(10) + "b".repeat(300))).isEqualTo("b".repeat(255));
        assertThat(ClientNames.sanitise("CN with spaces, and ümlauts")).isEqualTo("CNwithspacesandmlauts");
    }

    @Test
    void a_name_that_is_or_becomes_a_dot_or_two_has_its_dots_replaced_so_it_stays_in_its_place() {
        assertThat(ClientNames.sanitise(".")).isEqualTo("_");
        assertThat(ClientNames.sanitise("..")).isEqualTo("__");
        assertThat(ClientNames.sanitise("..$")).isEqualTo("__");
        assertThat(ClientNames.sanitise("../")).isEqualTo("__");
        assertThat(ClientNames.sanitise("/./")).isEqualTo("_");
        assertThat(ClientNames.sanitise("é.é.")).isEqualTo("__");
        // other names with dots are ordinary file names, kept as the reference keeps them
        assertThat(ClientNames.sanitise("...")).isEqualTo("...");
        assertThat(ClientNames.sanitise("..a")).isEqualTo("..a");
        assertThat(ClientNames.sanitise(".hidden")).isEqualTo(".hidden");

        assertThat(render("/base/{client}/messages", machine("10.0.0.1", "..", null))).isEqualTo("/base/__/messages");
        assertThat(render("/base/{client}", machine("10.0.0.1", "$.$", null))).isEqualTo("/base/_");
    }

    @Test
    void build_path_as_the_reference_does() {
        EventMetadata withoutNode = machine("127.0.0.1", "princ", null);
        EventMetadata withNode = machine("127.0.0.1", "princ", "node");

        assertThat(render("/base/{ip}/{principal}/messages", withoutNode)).isEqualTo("/base/127.0.0.1/princ/messages");
        assertThat(render("/base/{ip}/{node}/messages", withNode)).isEqualTo("/base/127.0.0.1/node/messages");
        assertThat(render("/base/{ip:1}/{ip:2}/{ip:3}/{ip}/{node}/messages", withNode))
                .isEqualTo("/base/127/127.0/127.0.0/127.0.0.1/node/messages");
        assertThat(render("/base/{ip:2}/{ip:3}/{ip}/{client}/other", withNode))
                .isEqualTo("/base/127.0/127.0.0/127.0.0.1/princ/other");
        assertThat(render("/base/{ip:3}/{ip}/messages", withoutNode)).isEqualTo("/base/127.0.0/127.0.0.1/messages");
        assertThat(render("/base/{ip:4}/{client}/messages", withoutNode)).isEqualTo("/base/127.0.0.1/princ/messages");
        assertThat(render("/base/{ip:5}/messages", withoutNode)).isEqualTo("/base/127.0.0.1/messages");
        assertThat(render("/base/{node}/messages", withoutNode)).isEqualTo("/base/{node}/messages");

        EventMetadata ipv6 = machine("1:2:3:4:5:6:7:8", "princ", null);
        assertThat(render("/base/{ip}/messages", ipv6)).isEqualTo("/base/1:2:3:4:5:6:7:8/messages");
        assertThat(render("/base/{ip:3}/{ip:6}/{ip:8}/messages", ipv6))
                .isEqualTo("/base/1:2:3/1:2:3:4:5:6/1:2:3:4:5:6:7:8/messages");

        assertThat(render("/base/{client}/messages", machine("1:2:3:4:5:6:7:8", "COMPUTER$@REALM", null)))
                .isEqualTo("/base/COMPUTER@REALM/messages");
    }

    @Test
    void ip_prefixes_clamp_their_index_and_split_compressed_ipv6_as_the_reference() {
        assertThat(render("{ip:0}", machine("10.1.2.3", "c", null))).isEqualTo("10");
        assertThat(render("{ip:9}", machine("1:2:3:4:5:6:7:8", "c", null))).isEqualTo("1:2:3:4:5:6:7:8");
        // the reference splits the text, so "::" counts as two separators
        assertThat(render("{ip:2}", machine("2001:db8:0:0:0:0:0:1", "c", null))).isEqualTo("2001:db8");
        assertThat(render("{ip:3}", machine("2001:db8:0:0:0:0:0:1", "c", null))).isEqualTo("2001:db8:");
        assertThat(render("{ip:4}", machine("2001:db8:0:0:0:0:0:1", "c", null))).isEqualTo("2001:db8::1");
        assertThat(render("{ip}", machine("0:0:0:0:0:0:0:1", "c", null))).isEqualTo("::1");
    }

    @Test
    void leon_syntax_spaces_and_escapes() {
        EventMetadata m = machine("10.0.0.1", "host$@REALM", "n1");
        assertThat(render("/e/{ ip }/{\tclient\n}", m)).isEqualTo("/e/10.0.0.1/host@REALM");
        assertThat(render("/e/\\{ip\\}/\\\\x", m)).isEqualTo("/e/{ip}/\\x");
        assertThat(render("/e/{ ip:2 }", m)).isEqualTo("/e/10.0");
        assertThat(render("/plain/path.log", m)).isEqualTo("/plain/path.log");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/e/{foo}/x         | unknown variable {foo}",
            "/e/{ip:x}          | N in {ip:N} must be a number",
            "/e/{ip:256}        | N in {ip:N} must be a number",
            "/e/{ip:-1}         | N in {ip:N} must be a number",
            "/e/{ip: 2}         | N in {ip:N} must be a number",
            "/e/{ip             | '{' without '}'",
            "/e/ip}             | '}' without '{'",
            "/e/{ }             | empty variable",
            "/e/{a{b}           | cannot hold '{'",
            "/e/\\n             | a backslash must be followed by",
    })
    void invalid_templates_are_refused_with_a_message_naming_them(String template, String mistake) {
        assertThatThrownBy(() -> PathTemplate.parse(template))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Files path template \"" + template + "\": ")
                .hasMessageContaining(mistake);
    }
}
