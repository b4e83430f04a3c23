package org.openwec.adapters.outputs.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpTextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "192.168.58.100, 192.168.58.100",
            "127.0.0.1, 127.0.0.1",
            "0:0:0:0:0:0:0:1, ::1",
            "0:0:0:0:0:0:0:0, ::",
            "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
            "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
            "1:0:0:2:0:0:3:4, 1::2:0:0:3:4",
            "1:0:3:4:5:6:7:8, 1:0:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
            "2001:0:130F:0:0:9C0:876A:130B, 2001:0:130f::9c0:876a:130b",
            "0:0:0:0:0:ffff:c0a8:101, ::ffff:192.168.1.1",
            "::ffff:192.168.1.1, ::ffff:192.168.1.1",
            "[::1], ::1",
            "fe80:0:0:0:0:0:0:1%eth0, fe80::1",
            "abcd::, abcd::",
            "not-an-ip, not-an-ip",
            "1::2::3, 1::2::3",
            "300.1.1.1, 300.1.1.1",
    })
    void addresses_are_written_as_the_reference_writes_them(String given, String expected) {
        assertThat(IpText.canonical(given)).isEqualTo(expected);
    }
}
