package org.openwec.adapters.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;

class OutputsJsonTest {

    // data-formats §4.3, one element each.
    private static final String FILES =
            "{\"format\":\"Raw\",\"driver\":{\"Files\":{\"path\":\"/var/log/openwec/{ip:2}/{ip:3}/{ip}/{client}/messages\"}},\"enabled\":true}";
    private static final String KAFKA =
            "{\"format\":\"RawJson\",\"driver\":{\"Kafka\":{\"topic\":\"openwec\",\"options\":{\"bootstrap.servers\":\"localhost:9092\"}}},\"enabled\":true}";
    private static final String TCP =
            "{\"format\":\"Json\",\"driver\":{\"Tcp\":{\"host\":\"siem.example.org\",\"port\":5000,\"tls_enabled\":true,\"tls_certificate_authorities\":[\"/etc/ca.pem\"],\"tls_certificate\":null,\"tls_key\":null}},\"enabled\":true}";
    private static final String REDIS =
            "{\"format\":\"Nxlog\",\"driver\":{\"Redis\":{\"addr\":\"localhost\",\"list\":\"openwec\"}},\"enabled\":false}";
    private static final String UNIX =
            "{\"format\":\"Json\",\"driver\":{\"UnixDatagram\":{\"path\":\"/tmp/openwec.socket\"}},\"enabled\":true}";

    // data-formats §7.1, the outputs column of the worked example row.
    private static final String WORKED_EXAMPLE =
            "[{\"format\":\"Raw\",\"driver\":{\"Files\":{\"path\":\"/var/log/openwec/{ip:2}/{ip:3}/{ip}/{client}/messages\"}},\"enabled\":true},"
            + "{\"format\":\"Json\",\"driver\":{\"Tcp\":{\"host\":\"siem.example.org\",\"port\":5000,\"tls_enabled\":false,\"tls_certificate_authorities\":[],\"tls_certificate\":null,\"tls_key\":null}},\"enabled\":false}]";

    @ParameterizedTest
    @ValueSource(strings = {FILES, KAFKA, TCP, REDIS, UNIX})
    void each_documented_example_round_trips_byte_for_byte(String element) {
        String column = "[" + element + "]";
        assertThat(OutputsJson.write(OutputsJson.read(column))).isEqualTo(column);
    }

    @Test
    void all_documented_examples_in_one_column_round_trip() {
        String column = "[" + String.join(",", FILES, KAFKA, TCP, REDIS, UNIX) + "]";
        assertThat(OutputsJson.write(OutputsJson.read(column))).isEqualTo(column);
    }

    @Test
    void documented_examples_read_as_the_expected_model() {
        String column = "[" + String.join(",", FILES, KAFKA, TCP, REDIS, UNIX) + "]";
        assertThat(OutputsJson.read(column)).containsExactly(
                new Output(OutputFormat.Raw,
                        new OutputDriver.Files("/var/log/openwec/{ip:2}/{ip:3}/{ip}/{client}/messages"), true),
                new Output(OutputFormat.RawJson,
                        new OutputDriver.Kafka("openwec", Map.of("bootstrap.servers", "localhost:9092")), true),
                new Output(OutputFormat.Json, new OutputDriver.Tcp("siem.example.org", 5000, true,
                        List.of("/etc/ca.pem"), null, null), true),
                new Output(OutputFormat.Nxlog, new OutputDriver.Redis("localhost", "openwec"), false),
                new Output(OutputFormat.Json, new OutputDriver.UnixDatagram("/tmp/openwec.socket"), true));
    }

    @Test
    void worked_example_column_round_trips_and_is_written_from_the_model() {
        List<Output> outputs = List.of(
                new Output(OutputFormat.Raw,
                        new OutputDriver.Files("/var/log/openwec/{ip:2}/{ip:3}/{ip}/{client}/messages"), true),
                new Output(OutputFormat.Json, OutputDriver.Tcp.plain("siem.example.org", 5000), false));
        assertThat(OutputsJson.read(WORKED_EXAMPLE)).isEqualTo(outputs);
        assertThat(OutputsJson.write(outputs)).isEqualTo(WORKED_EXAMPLE);
    }

    @Test
    void no_outputs_is_an_empty_array() {
        assertThat(OutputsJson.write(List.of())).isEqualTo("[]");
        assertThat(OutputsJson.read("[]")).isEmpty();
        assertThat(OutputsJson.read(" [ ] ")).isEmpty();
    }

    @Test
    void tcp_with_certificate_and_key_writes_them_in_place() {
        Output output = new Output(OutputFormat.Json, new OutputDriver.Tcp("siem", 6514, true,
                List.of("/ca1.pem", "/ca2.pem"), "/cert.pem", "/key.pem"), true);
        String json = OutputsJson.write(List.of(output));
        assertThat(json).isEqualTo("[{\"format\":\"Json\",\"driver\":{\"Tcp\":{\"host\":\"siem\",\"port\":6514,"
                + "\"tls_enabled\":true,\"tls_certificate_authorities\":[\"/ca1.pem\",\"/ca2.pem\"],"
                + "\"tls_certificate\":\"/cert.pem\",\"tls_key\":\"/key.pem\"}},\"enabled\":true}]");
        assertThat(OutputsJson.read(json)).containsExactly(output);
    }

    @Test
    void kafka_options_are_written_sorted_by_key() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("z.last", "1");
        options.put("a.first", "2");
        options.put("m.middle", "3");
        String json = OutputsJson.write(List.of(
                new Output(OutputFormat.Raw, new OutputDriver.Kafka("t", options), true)));
        assertThat(json).isEqualTo("[{\"format\":\"Raw\",\"driver\":{\"Kafka\":{\"topic\":\"t\",\"options\":"
                + "{\"a.first\":\"2\",\"m.middle\":\"3\",\"z.last\":\"1\"}}},\"enabled\":true}]");
    }

    @Test
    void kafka_options_may_be_empty() {
        String column = "[{\"format\":\"Raw\",\"driver\":{\"Kafka\":{\"topic\":\"t\",\"options\":{}}},\"enabled\":true}]";
        assertThat(OutputsJson.read(column)).containsExactly(
                new Output(OutputFormat.Raw, new OutputDriver.Kafka("t", Map.of()), true));
        assertThat(OutputsJson.write(OutputsJson.read(column))).isEqualTo(column);
    }

    @Test
    void tcp_legacy_addr_is_read_as_host_and_written_as_host() {
        String column = "[{\"format\":\"Json\",\"driver\":{\"Tcp\":{\"addr\":\"siem\",\"port\":514,\"tls_enabled\":false,"
                + "\"tls_certificate_authorities\":[],\"tls_certificate\":null,\"tls_key\":null}},\"enabled\":true}]";
        assertThat(OutputsJson.read(column)).containsExactly(
                new Output(OutputFormat.Json, OutputDriver.Tcp.plain("siem", 514), true));
        assertThat(OutputsJson.write(OutputsJson.read(column))).isEqualTo(column.replace("\"addr\"", "\"host\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"addr", "host"})
    void tcp_without_tls_fields_as_written_by_v0_3_0_reads_with_defaults(String hostKey) {
        String column = "[{\"format\":\"Raw\",\"driver\":{\"Tcp\":{\"" + hostKey + "\":\"10.0.0.1\",\"port\":514}},\"enabled\":false}]";
        assertThat(OutputsJson.read(column)).containsExactly(
                new Output(OutputFormat.Raw, OutputDriver.Tcp.plain("10.0.0.1", 514), false));
        assertThat(OutputsJson.write(OutputsJson.read(column))).isEqualTo(
                "[{\"format\":\"Raw\",\"driver\":{\"Tcp\":{\"host\":\"10.0.0.1\",\"port\":514,\"tls_enabled\":false,"
                + "\"tls_certificate_authorities\":[],\"tls_certificate\":null,\"tls_key\":null}},\"enabled\":false}]");
    }

    @Test
    void tcp_certificate_and_key_may_be_missing() {
        String column = "[{\"format\":\"Json\",\"driver\":{\"Tcp\":{\"host\":\"siem\",\"port\":1,\"tls_enabled\":true,"
                + "\"tls_certificate_authorities\":[\"/ca\"]}},\"enabled\":true}]";
        assertThat(OutputsJson.read(column)).containsExactly(new Output(OutputFormat.Json,
                new OutputDriver.Tcp("siem", 1, true, List.of("/ca"), null, null), true));
    }

    @Test
    void unknown_keys_are_ignored_and_dropped_on_write() {
        String column = "[{\"comment\":\"x\",\"format\":\"Json\",\"driver\":{\"UnixDatagram\":{\"path\":\"/s\",\"mode\":7}},"
                + "\"enabled\":true,\"extra\":[1,2]}]";
        assertThat(OutputsJson.write(OutputsJson.read(column))).isEqualTo(
                "[{\"format\":\"Json\",\"driver\":{\"UnixDatagram\":{\"path\":\"/s\"}},\"enabled\":true}]");
    }

    @Test
    void key_order_in_the_stored_document_does_not_matter() {
        String column = "[{\"enabled\":false,\"driver\":{\"Redis\":{\"list\":\"l\",\"addr\":\"a\"}},\"format\":\"Raw\"}]";
        assertThat(OutputsJson.write(OutputsJson.read(column))).isEqualTo(
                "[{\"format\":\"Raw\",\"driver\":{\"Redis\":{\"addr\":\"a\",\"list\":\"l\"}},\"enabled\":false}]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        missing port             | [{"format":"Json","driver":{"Tcp":{"host":"h"}},"enabled":true}]                                   | output 0: Tcp config has no 'port'
        port in second output    | [{"format":"Json","driver":{"UnixDatagram":{"path":"/s"}},"enabled":true},{"format":"Json","driver":{"Tcp":{"host":"h"}},"enabled":true}] | output 1: Tcp config has no 'port'
        port as text             | [{"format":"Json","driver":{"Tcp":{"host":"h","port":"514"}},"enabled":true}]                      | output 0: Tcp config: 'port' must be an integer from 0 to 65535, found string
        port out of range        | [{"format":"Json","driver":{"Tcp":{"host":"h","port":65536}},"enabled":true}]                      | output 0: Tcp config: 'port' must be an integer from 0 to 65535, found 65536
        negative port            | [{"format":"Json","driver":{"Tcp":{"host":"h","port":-1}},"enabled":true}]                         | output 0: Tcp config: 'port' must be an integer from 0 to 65535, found -1
        fractional port          | [{"format":"Json","driver":{"Tcp":{"host":"h","port":5.5}},"enabled":true}]                        | output 0: Tcp config: 'port' must be an integer from 0 to 65535, found number
        no host                  | [{"format":"Json","driver":{"Tcp":{"port":1}},"enabled":true}]                                     | output 0: Tcp config has no 'host'
        host and addr            | [{"format":"Json","driver":{"Tcp":{"host":"a","addr":"b","port":1}},"enabled":true}]               | output 0: Tcp config has both 'host' and its legacy alias 'addr'
        tls_enabled as text      | [{"format":"Json","driver":{"Tcp":{"host":"a","port":1,"tls_enabled":"yes"}},"enabled":true}]      | output 0: Tcp config: 'tls_enabled' must be a boolean, found string
        authorities not strings  | [{"format":"Json","driver":{"Tcp":{"host":"a","port":1,"tls_certificate_authorities":[1]}},"enabled":true}] | output 0: Tcp config: 'tls_certificate_authorities' must be an array of strings, found number
        null path                | [{"format":"Raw","driver":{"Files":{"path":null}},"enabled":true}]                                 | output 0: Files config: 'path' must not be null
        legacy Files config      | [{"format":"Raw","driver":{"Files":{"base":"/b","split_on_addr_index":null,"append_node_name":false,"filename":"m"}},"enabled":true}] | output 0: Files config has no 'path'
        kafka without options    | [{"format":"Raw","driver":{"Kafka":{"topic":"t"}},"enabled":true}]                                 | output 0: Kafka config has no 'options'
        kafka option not text    | [{"format":"Raw","driver":{"Kafka":{"topic":"t","options":{"acks":1}}},"enabled":true}]            | output 0: Kafka config: 'options.acks' must be a string, found number
        redis without list       | [{"format":"Raw","driver":{"Redis":{"addr":"a"}},"enabled":true}]                                  | output 0: Redis config has no 'list'
        unknown driver           | [{"format":"Raw","driver":{"Syslog":{"path":"/s"}},"enabled":true}]                                | output 0: unknown driver 'Syslog' (expected one of Files, Kafka, Tcp, Redis, UnixDatagram)
        driver in lower case     | [{"format":"Raw","driver":{"files":{"path":"/s"}},"enabled":true}]                                 | output 0: unknown driver 'files'
        two drivers              | [{"format":"Raw","driver":{"Files":{"path":"/s"},"UnixDatagram":{"path":"/s"}},"enabled":true}]    | output 0: 'driver' must be an object with exactly one key naming the driver, found an object with 2 keys
        driver as text           | [{"format":"Raw","driver":"Files","enabled":true}]                                                 | output 0: 'driver' must be an object with exactly one key naming the driver, found string
        config not object        | [{"format":"Raw","driver":{"Files":"/s"},"enabled":true}]                                          | output 0: Files config must be a JSON object, found string
        no driver                | [{"format":"Raw","enabled":true}]                                                                  | output 0 has no 'driver'
        unknown format           | [{"format":"Xml","driver":{"Files":{"path":"/s"}},"enabled":true}]                                 | output 0: unknown format 'Xml' (expected one of Json, Raw, RawJson, Nxlog)
        format in lower case     | [{"format":"json","driver":{"Files":{"path":"/s"}},"enabled":true}]                                | output 0: unknown format 'json'
        no format                | [{"driver":{"Files":{"path":"/s"}},"enabled":true}]                                                | output 0 has no 'format'
        no enabled               | [{"format":"Raw","driver":{"Files":{"path":"/s"}}}]                                                | output 0 has no 'enabled'
        enabled as number        | [{"format":"Raw","driver":{"Files":{"path":"/s"}},"enabled":1}]                                    | output 0: 'enabled' must be a boolean, found number
        element not object       | [["Raw"]]                                                                                          | output 0 must be a JSON object, found array
        pre-v9 shape             | [{"Files":["Json",{"base":"/b","split_on_addr_index":null,"append_node_name":false,"filename":"m"},true]}] | output 0 has no 'format'
        not an array             | {"format":"Raw"}                                                                                   | outputs must be a JSON array, found object
        not JSON                 | [{"format":                                                                                        | outputs is not valid JSON
        trailing tokens          | [] []                                                                                              | outputs is not valid JSON
        empty text               | ''                                                                                                 | outputs must be a JSON array, found nothing
        """)
    void rejects_invalid_documents_naming_what_is_wrong(String name, String column, String message) {
        assertThatThrownBy(() -> OutputsJson.read(column))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void control_characters_quotes_and_backslashes_are_escaped_as_serde_json_does() {
        String path = "a\"b\\c\nd\te\rf\bg\fh\u0000i\u0001j\u001fk\u007fl";
        String json = OutputsJson.write(List.of(
                new Output(OutputFormat.Raw, new OutputDriver.Files(path), true)));
        assertThat(json).isEqualTo("[{\"format\":\"Raw\",\"driver\":{\"Files\":{\"path\":"
                + "\"a\\\"b\\\\c\\nd\\te\\rf\\bg\\fh\\u0000i\\u0001j\\u001fk\u007fl\"}},\"enabled\":true}]");
        assertThat(OutputsJson.read(json).getFirst().driver()).isEqualTo(new OutputDriver.Files(path));
    }

    @Test
    void non_ascii_and_slash_are_written_raw() {
        String path = "/var/log/événements/日本/\u2028/😀";
        String json = OutputsJson.write(List.of(
                new Output(OutputFormat.Raw, new OutputDriver.Files(path), true)));
        assertThat(json).contains("\"path\":\"" + path + "\"");
        assertThat(OutputsJson.read(json).getFirst().driver()).isEqualTo(new OutputDriver.Files(path));
    }

    @Test
    void escaped_input_is_read_and_written_back_in_serde_json_form() {
        // Escapes serde_json never writes (upper-case hex, escaped '/' and letters) still read.
        String column = "[{\"format\":\"Raw\",\"driver\":{\"Files\":{\"path\":\"\\/x\\u001F\\u00e9\\u0041\"}},\"enabled\":true}]";
        assertThat(OutputsJson.write(OutputsJson.read(column))).isEqualTo(
                "[{\"format\":\"Raw\",\"driver\":{\"Files\":{\"path\":\"/x\\u001féA\"}},\"enabled\":true}]");
    }
}
