package org.openwec.adapters.wef.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.adapters.wef.http.Messages.HEARTBEAT_PATH;
import static org.openwec.adapters.wef.http.Messages.HEARTBEAT_SUBSCRIPTION;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behind a load balancer that speaks the PROXY protocol, the machine's address is the one the header names
 * (OpenWEC server/src/proxy_protocol.rs at a41b95f). The addresses below are documentation ranges: only written
 * in headers, never connected to.
 */
class ProxyProtocolTest {

    private static final byte[] V2_SIGNATURE = HexFormat.of().parseHex("0d0a0d0a000d0a515549540a");

    private final TestPorts ports = new TestPorts().with(TestPorts.activeSubscription(HEARTBEAT_SUBSCRIPTION, "security"));
    private TestCollector collector;

    @BeforeEach
    void start() {
        collector = TestCollector.start(ports, TestCollector.listener(null, true, 512_000), TestCollector.options());
    }

    @AfterEach
    void stop() {
        collector.close();
    }

    @Test
    void a_v1_header_names_the_machine_address() throws IOException {
        assertThat(heartbeatFrom(v1("PROXY TCP4 192.0.2.10 127.0.0.1 51000 5986"))).isEqualTo("192.0.2.10");
    }

    @Test
    void a_v1_ipv6_address_is_written_compressed() throws IOException {
        assertThat(heartbeatFrom(v1("PROXY TCP6 2001:db8:0:0:0:0:0:7 ::1 51000 5986"))).isEqualTo("2001:db8::7");
    }

    @Test
    void a_v2_header_names_the_machine_address() throws IOException {
        assertThat(heartbeatFrom(v2(0x21, 0x11, address("198.51.100.23"), address("127.0.0.1")))).isEqualTo("198.51.100.23");
        assertThat(heartbeatFrom(v2(0x21, 0x21, address("2001:db8::42"), address("::1")))).isEqualTo("2001:db8::42");
    }

    @Test
    void events_carry_the_proxied_address() throws IOException {
        try (WefClient machine = WefClient.connect(collector.server.port(), TestCollector.machineContext(),
                v1("PROXY TCP4 203.0.113.5 127.0.0.1 51000 5986"))) {
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.events("V", Messages.BOOKMARK,
                    Messages.EVENT_1))).status()).isEqualTo(200);
        }
        assertThat(ports.batches).singleElement().extracting(b -> b.ip()).isEqualTo("203.0.113.5");
    }

    @Test
    void a_connection_without_header_is_closed() {
        assertThatThrownBy(() -> WefClient.connect(collector.server.port(), TestCollector.machineContext()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void a_local_header_names_no_machine_and_the_connection_is_closed() {
        // LOCAL: the proxy's own health check, with no address; OpenWEC closes such connections too.
        assertThatThrownBy(() -> WefClient.connect(collector.server.port(), TestCollector.machineContext(),
                v2(0x20, 0x00, new byte[0], new byte[0]))).isInstanceOf(IOException.class);
    }

    @Test
    void the_server_keeps_serving_after_bad_headers() throws IOException {
        assertThatThrownBy(() -> WefClient.connect(collector.server.port(), TestCollector.machineContext(),
                "GARBAGE\r\n".getBytes(StandardCharsets.US_ASCII))).isInstanceOf(IOException.class);
        assertThat(heartbeatFrom(v1("PROXY TCP4 192.0.2.11 127.0.0.1 51000 5986"))).isEqualTo("192.0.2.11");
    }

    private String heartbeatFrom(byte[] header) throws IOException {
        try (WefClient machine = WefClient.connect(collector.server.port(), TestCollector.machineContext(), header)) {
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat())).status()).isEqualTo(200);
        }
        return ports.heartbeats.getLast().ip();
    }

    private static byte[] v1(String line) {
        return (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** @param command 0x21 PROXY, 0x20 LOCAL; @param family 0x11 TCP over IPv4, 0x21 TCP over IPv6, 0x00 unspecified */
    private static byte[] v2(int command, int family, byte[] source, byte[] destination) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(V2_SIGNATURE);
        header.write(command);
        header.write(family);
        int length = source.length == 0 ? 0 : source.length + destination.length + 4;
        header.write(length >> 8);
        header.write(length & 0xFF);
        if (length > 0) {
            header.writeBytes(source);
            header.writeBytes(destination);
            header.writeBytes(new byte[] {(byte) 0xC7, 0x38, 0x17, 0x6A}); // ports 51000, 5994
        }
        return header.toByteArray();
    }

    private static byte[] address(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
