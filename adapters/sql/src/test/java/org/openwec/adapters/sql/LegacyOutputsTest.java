package org.openwec.adapters.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;

class LegacyOutputsTest {

    // Config of each driver as the v9-era structs write it (schema §3, v9 table).
    private static final String FILES_CFG =
            "{\"base\":\"/var/events\",\"split_on_addr_index\":2,\"append_node_name\":true,\"filename\":\"messages\"}";
    private static final String KAFKA_CFG = "{\"topic\":\"openwec\",\"options\":{\"bootstrap.servers\":\"k:9092\",\"acks\":\"all\"}}";
    private static final String TCP_CFG = "{\"addr\":\"10.0.0.1\",\"port\":514}";
    private static final String REDIS_CFG = "{\"addr\":\"localhost\",\"list\":\"openwec\"}";
    private static final String UNIX_CFG = "{\"path\":\"/tmp/openwec.socket\"}";

    private static String oldElement(String driver, String format, String config, boolean enabled) {
        return "{\"" + driver + "\":[\"" + format + "\"," + config + "," + enabled + "]}";
    }

    private static String newElement(String driver, String format, String config, boolean enabled) {
        return "{\"format\":\"" + format + "\",\"driver\":{\"" + driver + "\":" + config + "},\"enabled\":" + enabled + "}";
    }

    @Nested
    class V9 {

        @Test
        void up_rewrites_the_documented_example() {
            String before = "[{\"Files\":[\"Json\",{\"base\":\"/var/events\",\"split_on_addr_index\":2,\"append_node_name\":true,\"filename\":\"messages\"},true]},"
                    + "{\"Tcp\":[\"Raw\",{\"addr\":\"10.0.0.1\",\"port\":514},false]}]";
            String after = "[{\"format\":\"Json\",\"driver\":{\"Files\":{\"base\":\"/var/events\",\"split_on_addr_index\":2,\"append_node_name\":true,\"filename\":\"messages\"}},\"enabled\":true},"
                    + "{\"format\":\"Raw\",\"driver\":{\"Tcp\":{\"addr\":\"10.0.0.1\",\"port\":514}},\"enabled\":false}]";
            assertThat(LegacyOutputs.v9Up(before)).isEqualTo(after);
            assertThat(LegacyOutputs.v9Down(after)).isEqualTo(before);
        }

        @Test
        void up_and_down_round_trip_every_driver() {
            String old = "[" + String.join(",",
                    oldElement("Files", "Json", FILES_CFG, true),
                    oldElement("Kafka", "Raw", KAFKA_CFG, false),
                    oldElement("Tcp", "Json", TCP_CFG, true),
                    oldElement("Redis", "Raw", REDIS_CFG, true),
                    oldElement("UnixDatagram", "Json", UNIX_CFG, false)) + "]";
            String current = "[" + String.join(",",
                    newElement("Files", "Json", FILES_CFG, true),
                    newElement("Kafka", "Raw", KAFKA_CFG, false),
                    newElement("Tcp", "Json", TCP_CFG, true),
                    newElement("Redis", "Raw", REDIS_CFG, true),
                    newElement("UnixDatagram", "Json", UNIX_CFG, false)) + "]";
            assertThat(LegacyOutputs.v9Up(old)).isEqualTo(current);
            assertThat(LegacyOutputs.v9Down(current)).isEqualTo(old);
        }

        @Test
        void empty_column_stays_empty() {
            assertThat(LegacyOutputs.v9Up("[]")).isEqualTo("[]");
            assertThat(LegacyOutputs.v9Down("[]")).isEqualTo("[]");
        }

        @Test
        void unknown_config_keys_are_dropped_and_missing_split_is_written_as_null() {
            String old = "[{\"Files\":[\"Raw\",{\"filename\":\"m\",\"extra\":1,\"append_node_name\":false,\"base\":\"/b\"},true]},"
                    + "{\"Tcp\":[\"Raw\",{\"port\":1,\"addr\":\"h\",\"timeout\":3},true]}]";
            assertThat(LegacyOutputs.v9Up(old)).isEqualTo(
                    "[{\"format\":\"Raw\",\"driver\":{\"Files\":{\"base\":\"/b\",\"split_on_addr_index\":null,\"append_node_name\":false,\"filename\":\"m\"}},\"enabled\":true},"
                    + "{\"format\":\"Raw\",\"driver\":{\"Tcp\":{\"addr\":\"h\",\"port\":1}},\"enabled\":true}]");
        }

        @Test
        void down_drops_unknown_top_level_keys() {
            String current = "[{\"format\":\"Raw\",\"x\":0,\"driver\":{\"Redis\":{\"addr\":\"a\",\"list\":\"l\",\"db\":2}},\"enabled\":true}]";
            assertThat(LegacyOutputs.v9Down(current)).isEqualTo("[{\"Redis\":[\"Raw\",{\"addr\":\"a\",\"list\":\"l\"},true]}]");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
            RawJson did not exist yet   | [{"RawJson":["Raw",{"path":"/s"},true]}]                         | output 0: unknown driver 'RawJson'
            format RawJson              | [{"UnixDatagram":["RawJson",{"path":"/s"},true]}]                | output 0: unknown format 'RawJson' (expected one of Json, Raw)
            already new shape           | [{"format":"Raw","driver":{"UnixDatagram":{"path":"/s"}},"enabled":true}] | output 0 must be an object with exactly one key naming the driver
            tuple of two                | [{"UnixDatagram":["Raw",{"path":"/s"}]}]                         | output 0: 'UnixDatagram' must hold an array [format, config, enabled], found an array of 2 elements
            enabled as text             | [{"UnixDatagram":["Raw",{"path":"/s"},"true"]}]                  | output 0: the enabled flag must be a boolean, found string
            Files without append flag   | [{"Files":["Raw",{"base":"/b","filename":"m"},true]}]            | output 0: Files config has no 'append_node_name'
            split out of u8 range       | [{"Files":["Raw",{"base":"/b","split_on_addr_index":256,"append_node_name":true,"filename":"m"},true]}] | output 0: Files config: 'split_on_addr_index' must be an integer from 0 to 255, found 256
            """)
        void up_rejects(String name, String column, String message) {
            assertThatThrownBy(() -> LegacyOutputs.v9Up(column))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(message);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
            RawJson format              | [{"format":"RawJson","driver":{"UnixDatagram":{"path":"/s"}},"enabled":true}] | output 0: format 'RawJson' cannot be stored before schema version 9, which only knows Json and Raw
            Nxlog format                | [{"format":"Json","driver":{"UnixDatagram":{"path":"/s"}},"enabled":true},{"format":"Nxlog","driver":{"UnixDatagram":{"path":"/s"}},"enabled":true}] | output 1: format 'Nxlog' cannot be stored before schema version 9
            Files with a path only      | [{"format":"Raw","driver":{"Files":{"path":"/p"}},"enabled":true}]           | output 0: Files config has no 'base'
            Files without filename      | [{"format":"Raw","driver":{"Files":{"base":"/b","split_on_addr_index":null,"append_node_name":false}},"enabled":true}] | output 0: Files config has no 'filename'
            Files filename not a string | [{"format":"Raw","driver":{"Files":{"base":"/b","split_on_addr_index":null,"append_node_name":false,"filename":7}},"enabled":true}] | output 0: Files config: 'filename' must be a string, found number
            Tcp with host               | [{"format":"Raw","driver":{"Tcp":{"host":"h","port":1,"tls_enabled":false,"tls_certificate_authorities":[],"tls_certificate":null,"tls_key":null}},"enabled":true}] | output 0: Tcp config has no 'addr': it uses 'host'
            Tcp without address         | [{"format":"Raw","driver":{"Tcp":{"port":1}},"enabled":true}]                 | output 0: Tcp config has no 'addr'
            """)
        void down_fails_naming_the_reason(String name, String column, String message) {
            assertThatThrownBy(() -> LegacyOutputs.v9Down(column))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(message);
        }
    }

    @Nested
    class V12 {

        private static String files(String config, boolean enabled) {
            return newElement("Files", "Json", config, enabled);
        }

        @Test
        void up_rewrites_the_documented_example() {
            String before = "[{\"format\":\"Json\",\"driver\":{\"Files\":{\"base\":\"/var/events\",\"split_on_addr_index\":2,\"append_node_name\":true,\"filename\":\"messages\"}},\"enabled\":true}]";
            String after = "[{\"format\":\"Json\",\"driver\":{\"Files\":{\"path\":\"/var/events/{ip:2}/{ip:3}/{ip}/{client}/{node}/messages\"}},\"enabled\":true}]";
            assertThat(LegacyOutputs.v12Up(before)).isEqualTo(after);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', nullValues = "~", textBlock = """
            no split                  | {"base":"/base/openwec","split_on_addr_index":null,"append_node_name":false,"filename":null} | /base/openwec/{ip}/{client}/messages
            split 1                   | {"base":"/base/openwec","split_on_addr_index":1}                                 | /base/openwec/{ip:1}/{ip:2}/{ip:3}/{ip}/{client}/messages
            split 3                   | {"base":"/base/openwec","split_on_addr_index":3}                                 | /base/openwec/{ip:3}/{ip}/{client}/messages
            split 4                   | {"base":"/base/openwec","split_on_addr_index":4}                                 | /base/openwec/{ip}/{client}/messages
            node name and filename    | {"base":"/base/openwec","append_node_name":true,"filename":"test"}               | /base/openwec/{ip}/{client}/{node}/test
            trailing slash base       | {"base":"/tmp/","split_on_addr_index":2,"append_node_name":true,"filename":"courgette"} | /tmp/{ip:2}/{ip:3}/{ip}/{client}/{node}/courgette
            no base at all            | {}                                                                               | {ip}/{client}/messages
            null base                 | {"base":null,"split_on_addr_index":null,"append_node_name":null,"filename":null} | {ip}/{client}/messages
            empty base                | {"base":""}                                                                      | {ip}/{client}/messages
            double slash split 0      | {"base":"/base//","split_on_addr_index":0}                                       | /base//{ip:0}/{ip:1}/{ip:2}/{ip:3}/{ip}/{client}/messages
            absolute filename         | {"base":"/base","filename":"/abs/file"}                                          | /abs/file
            path already set          | {"path":"/p/{ip}/{principal}/m","base":"/ignored","filename":"x"}                | /p/{ip}/{principal}/m
            null path uses legacy     | {"path":null,"base":"/b","split_on_addr_index":null,"append_node_name":false,"filename":"f"} | /b/{ip}/{client}/f
            unknown keys dropped      | {"base":"/b","rotate":true}                                                      | /b/{ip}/{client}/messages
            """)
        void up_converts_each_legacy_files_variant(String name, String config, String path) {
            assertThat(LegacyOutputs.v12Up("[" + files(config, false) + "]"))
                    .isEqualTo("[" + files("{\"path\":\"" + path + "\"}", false) + "]");
        }

        @Test
        void up_keeps_other_drivers_verbatim_whatever_their_era() {
            String others = String.join(",",
                    newElement("Kafka", "RawJson", "{\"topic\":\"t\",\"options\":{\"z\":\"1\",\"a\":\"2\"}}", true),
                    newElement("Tcp", "Nxlog", TCP_CFG, false),
                    newElement("Tcp", "Json", "{\"host\":\"h\",\"port\":1,\"tls_enabled\":false,\"tls_certificate_authorities\":[],\"tls_certificate\":null,\"tls_key\":null}", true),
                    newElement("Redis", "Raw", "{\"addr\":\"a\",\"list\":\"l\",\"unknown\":{\"k\":[1,null]}}", true),
                    newElement("UnixDatagram", "Json", UNIX_CFG, false));
            String column = "[" + files("{\"base\":\"/b\"}", true) + "," + others + "]";
            assertThat(LegacyOutputs.v12Up(column))
                    .isEqualTo("[" + files("{\"path\":\"/b/{ip}/{client}/messages\"}", true) + "," + others + "]");
        }

        @Test
        void up_result_is_readable_at_the_latest_schema() {
            String column = "[" + files(FILES_CFG, true) + "," + newElement("Tcp", "Raw", TCP_CFG, false) + "]";
            assertThat(OutputsJson.read(LegacyOutputs.v12Up(column))).containsExactly(
                    new Output(OutputFormat.Json,
                            new OutputDriver.Files("/var/events/{ip:2}/{ip:3}/{ip}/{client}/{node}/messages"), true),
                    new Output(OutputFormat.Raw, OutputDriver.Tcp.plain("10.0.0.1", 514), false));
        }

        @Test
        void up_is_idempotent_on_migrated_values() {
            String migrated = "[" + files("{\"path\":\"/x\"}", true) + "]";
            assertThat(LegacyOutputs.v12Up(migrated)).isEqualTo(migrated);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
            base not a string         | [{"format":"Raw","driver":{"Files":{"base":3}},"enabled":true}]                          | output 0: Files config: 'base' must be a string, found number
            negative split            | [{"format":"Raw","driver":{"Files":{"split_on_addr_index":-1}},"enabled":true}]          | output 0: Files config: 'split_on_addr_index' must be an integer from 0 to 255, found -1
            append as text            | [{"format":"Raw","driver":{"Files":{"append_node_name":"yes"}},"enabled":true}]          | output 0: Files config: 'append_node_name' must be a boolean, found string
            path not a string         | [{"format":"Raw","driver":{"Files":{"path":["/a"]}},"enabled":true}]                     | output 0: Files config: 'path' must be a string, found array
            unknown format            | [{"format":"Text","driver":{"Files":{"path":"/a"}},"enabled":true}]                      | output 0: unknown format 'Text'
            pre-v9 shape              | [{"Files":["Json",{"base":"/b","split_on_addr_index":null,"append_node_name":false,"filename":"m"},true]}] | output 0 has no 'format'
            """)
        void up_rejects(String name, String column, String message) {
            assertThatThrownBy(() -> LegacyOutputs.v12Up(column))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(message);
        }

        @Test
        void down_replaces_an_inexpressible_files_output_by_a_disabled_placeholder_and_keeps_the_others() {
            String others = String.join(",",
                    newElement("Kafka", "RawJson", "{\"topic\":\"t\",\"options\":{}}", false),
                    newElement("Tcp", "Raw", TCP_CFG, true),
                    newElement("Tcp", "Json", "{\"host\":\"h\",\"port\":1,\"tls_enabled\":false,\"tls_certificate_authorities\":[],\"tls_certificate\":null,\"tls_key\":null}", false),
                    newElement("Redis", "Nxlog", REDIS_CFG, true),
                    newElement("UnixDatagram", "Json", UNIX_CFG, false));
            String column = "[" + newElement("Files", "Nxlog", "{\"path\":\"/var/log/{client}/events.log\"}", true) + ","
                    + others + "]";
            String placeholder = "{\"path\":null,\"base\":\"/\",\"split_on_addr_index\":null,\"append_node_name\":false,\"filename\":\"messages\"}";
            assertThat(LegacyOutputs.v12Down(column))
                    .isEqualTo("[" + newElement("Files", "Nxlog", placeholder, false) + "," + others + "]");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "/var/log/{ip}/{client}/messages",
            "/base/openwec/{ip:1}/{ip:2}/{ip:3}/{ip}/{client}/messages",
            "/base/openwec/{ip:3}/{ip}/{client}/{node}/test",
            "/tmp/{ip:2}/{ip:3}/{ip}/{client}/{node}/courgette",
            "{ip}/{client}/messages",
            "/base//{ip:0}/{ip:1}/{ip:2}/{ip:3}/{ip}/{client}/messages"})
        void down_keeps_a_path_the_legacy_fields_can_express_and_up_restores_it(String path) {
            String column = "[" + files("{\"path\":\"" + path + "\"}", true) + "]";
            String down = LegacyOutputs.v12Down(column);
            assertThat(down).doesNotContain("\"path\":\"").contains("\"enabled\":true");
            assertThat(LegacyOutputs.isExpressibleBeforeV12(path)).isTrue();
            assertThat(LegacyOutputs.v12Up(down)).isEqualTo(column);
        }

        @Test
        void down_reads_the_legacy_principal_placeholder_as_client() {
            String column = "[" + files("{\"path\":\"/var/events/{ip}/{principal}/messages\"}", true) + "]";
            assertThat(LegacyOutputs.v12Up(LegacyOutputs.v12Down(column)))
                    .isEqualTo("[" + files("{\"path\":\"/var/events/{ip}/{client}/messages\"}", true) + "]");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/custom", "/var/log/{client}/messages", "/a/{ip}/{client}/x/y", "/a/{ip}/{client}/{ip}"})
        void a_path_without_the_legacy_shape_is_not_expressible(String path) {
            assertThat(LegacyOutputs.isExpressibleBeforeV12(path)).isFalse();
        }

        @Test
        void down_then_up_gives_the_placeholder_path() {
            String column = "[" + files("{\"path\":\"/custom\"}", true) + "]";
            assertThat(LegacyOutputs.v12Up(LegacyOutputs.v12Down(column)))
                    .isEqualTo("[" + files("{\"path\":\"/{ip}/{client}/messages\"}", false) + "]");
        }

        @Test
        void down_fails_on_a_files_output_without_path() {
            assertThatThrownBy(() -> LegacyOutputs.v12Down("[" + files(FILES_CFG, true) + "]"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("output 0: Files config has no 'path'");
        }
    }

    @Nested
    class FilesPath {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', nullValues = "~", textBlock = """
            plain                    | /base/openwec | ~ | ~     | ~         | /base/openwec/{ip}/{client}/messages
            append false             | /base/openwec | ~ | false | ~         | /base/openwec/{ip}/{client}/messages
            split 1                  | /base/openwec | 1 | ~     | ~         | /base/openwec/{ip:1}/{ip:2}/{ip:3}/{ip}/{client}/messages
            split 2                  | /base/openwec | 2 | ~     | ~         | /base/openwec/{ip:2}/{ip:3}/{ip}/{client}/messages
            split 3                  | /base/openwec | 3 | ~     | ~         | /base/openwec/{ip:3}/{ip}/{client}/messages
            split 4                  | /base/openwec | 4 | ~     | ~         | /base/openwec/{ip}/{client}/messages
            split 255                | /base/openwec | 255 | ~   | ~         | /base/openwec/{ip}/{client}/messages
            node                     | /base/openwec | ~ | true  | ~         | /base/openwec/{ip}/{client}/{node}/messages
            node and filename        | /base/openwec | ~ | true  | test      | /base/openwec/{ip}/{client}/{node}/test
            trailing slash           | /tmp/         | 2 | true  | courgette | /tmp/{ip:2}/{ip:3}/{ip}/{client}/{node}/courgette
            null base                | ~             | ~ | ~     | ~         | {ip}/{client}/messages
            empty base               | ''            | ~ | ~     | ~         | {ip}/{client}/messages
            relative base            | logs          | ~ | ~     | ~         | logs/{ip}/{client}/messages
            double trailing slash    | /base//       | 0 | ~     | ~         | /base//{ip:0}/{ip:1}/{ip:2}/{ip:3}/{ip}/{client}/messages
            inner slashes kept       | /a//b         | ~ | ~     | ~         | /a//b/{ip}/{client}/messages
            absolute filename        | /base         | ~ | ~     | /abs/file | /abs/file
            relative nested filename | /base         | ~ | ~     | d/f       | /base/{ip}/{client}/d/f
            root base                | /             | ~ | ~     | ~         | /{ip}/{client}/messages
            empty filename           | /base         | ~ | ~     | ''        | /base/{ip}/{client}/
            """)
        void joins_like_posix_paths(String name, String base, Integer split, Boolean append, String filename,
                                    String path) {
            assertThat(LegacyOutputs.filesPathFromLegacy(base, split, append, filename)).isEqualTo(path);
        }

        @Test
        void never_emits_the_pre_v0_3_1_principal_placeholder() {
            assertThat(LegacyOutputs.filesPathFromLegacy("/b", 0, true, null)).doesNotContain("{principal}");
        }

        @Test
        void rejects_a_split_index_outside_u8() {
            assertThatThrownBy(() -> LegacyOutputs.filesPathFromLegacy("/b", 256, null, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("split_on_addr_index must be from 0 to 255, found 256");
        }
    }

    @Test
    void rewrites_escape_strings_as_serde_json_does() {
        String old = "[{\"UnixDatagram\":[\"Raw\",{\"path\":\"/tmp/é\\u0001\\t\\\"q\\\"\\u007f\"},true]}]";
        String current = "[{\"format\":\"Raw\",\"driver\":{\"UnixDatagram\":{\"path\":\"/tmp/é\\u0001\\t\\\"q\\\"\u007f\"}},\"enabled\":true}]";
        assertThat(LegacyOutputs.v9Up(old)).isEqualTo(current);
        assertThat(LegacyOutputs.v12Up(current)).isEqualTo(current);
        assertThat(LegacyOutputs.v9Down(current)).isEqualTo(old.replace("\\u007f", "\u007f"));
        assertThat(List.of(LegacyOutputs.v12Up("[" + newElement("Files", "Raw", "{\"base\":\"/é\\n\"}", true) + "]")))
                .containsExactly("[" + newElement("Files", "Raw", "{\"path\":\"/é\\n/{ip}/{client}/messages\"}", true) + "]");
    }
}
