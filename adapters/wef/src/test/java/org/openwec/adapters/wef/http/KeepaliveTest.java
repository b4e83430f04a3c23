package org.openwec.adapters.wef.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.adapters.wef.http.Messages.HEARTBEAT_PATH;
import static org.openwec.adapters.wef.http.Messages.HEARTBEAT_SUBSCRIPTION;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The TCP keepalive timers of {@link ServerOptions} reach the machines' connections without a complaint from Netty. */
class KeepaliveTest {

    @Test
    void connections_take_the_configured_keepalive_timers() throws Exception {
        Logger netty = (Logger) LoggerFactory.getLogger("io.netty");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        netty.addAppender(logged);
        TestPorts ports = new TestPorts().with(TestPorts.activeSubscription(HEARTBEAT_SUBSCRIPTION, "security"));
        ServerOptions options = TestCollector.options()
                .withKeepalive(new ServerOptions.Keepalive(Duration.ofSeconds(600), Duration.ofSeconds(30), 4));
        try (TestCollector collector = TestCollector.start(ports,
                TestCollector.listener(null, false, 512_000), options);
             WefClient machine = collector.connect()) {
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat())).status()).isEqualTo(200);
        } finally {
            netty.detachAppender(logged);
        }
        // Netty warns once per connection about an option the channel refuses ("Unknown channel option", "Failed to set").
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains("channel option"));
    }

    @Test
    void a_value_the_system_refuses_fails_at_start_not_at_each_connection() {
        TestPorts ports = new TestPorts();
        ServerOptions options = TestCollector.options()
                .withKeepalive(new ServerOptions.Keepalive(Duration.ofSeconds(100_000), null, null));
        assertThatThrownBy(() -> TestCollector.start(ports, TestCollector.listener(null, false, 512_000), options))
                .isInstanceOf(CollectorListenerException.class)
                .hasMessageStartingWith("tcp_keepalive_time = 100000 is refused by this system");
    }

    @Test
    void timers_must_be_positive() {
        assertThatThrownBy(() -> new ServerOptions.Keepalive(Duration.ZERO, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerOptions.Keepalive(null, null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
